import { existsSync, readFileSync } from "node:fs";
import slugify from "@sindresorhus/slugify";
import { Document, isMap, isSeq, parseDocument, type YAMLMap } from "yaml";
import { replaceFileAtomic } from "../core/files.ts";
import { validateRegistry } from "../core/sources.ts";
import type { Section, Territory, Theme } from "../core/taxonomy.ts";
import { DataError } from "../core/validation.ts";

/** A registry entry as a maintainer command writes it: only the keys it was given. */
export interface NewSource {
  id: string;
  name: string;
  feed: string;
  site?: string;
  section: Section;
  territory: Territory;
  themes?: string[];
  keep?: "all" | "keywords";
}

/** The registry's own formatting (flow lists written `[a, b]`, long URLs never folded). */
const TO_STRING = { flowCollectionPadding: false, lineWidth: 0 } as const;

function loadDocument(file: string): Document {
  const parsed = parseDocument(existsSync(file) ? readFileSync(file, "utf8") : "");
  if (parsed.errors.length)
    throw new DataError(
      file,
      parsed.errors.map((e) => `YAML invalide : ${e.message.split("\n")[0]}`),
    );
  const doc = parsed as unknown as Document;
  if (doc.contents === null) doc.contents = doc.createNode([]);
  if (!isSeq(doc.contents))
    throw new DataError(file, ["le registre doit être une liste de sources (chaque entrée commence par « - id: »)"]);
  return doc;
}

/**
 * Appends entries at the end of the registry through the `yaml` document API, so its comments,
 * order and layout stay as the maintainers wrote them. The whole registry is validated with the
 * new entries before anything is written: a duplicate id or an unknown theme writes nothing.
 */
export function appendSources(file: string, entries: readonly NewSource[], themes: readonly Theme[], note: string): void {
  const doc = loadDocument(file);
  entries.forEach(({ themes: entryThemes, keep, ...fields }, index) => {
    const node = doc.createNode(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined))) as YAMLMap;
    // Written like the entries maintainers write: themes as a one-line list, keep last.
    if (entryThemes?.length) node.set("themes", doc.createNode(entryThemes, { flow: true }));
    if (keep) node.set("keep", keep);
    node.spaceBefore = true;
    if (index === 0) node.commentBefore = ` ${note}`;
    (doc.contents as { add(node: unknown): void }).add(node);
  });
  validateRegistry(doc.toJS(), file, themes);
  replaceFileAtomic(file, doc.toString(TO_STRING));
}

/**
 * Gives sources a new `feed` address in place (id → address), through the same document API as
 * appendSources: comments, order and layout stay. The registry is validated before writing.
 */
export function setFeeds(file: string, feeds: ReadonlyMap<string, string>, themes: readonly Theme[]): void {
  const doc = loadDocument(file);
  for (const node of (doc.contents as { items: unknown[] }).items) {
    const feed = isMap(node) ? feeds.get(String(node.get("id"))) : undefined;
    if (feed !== undefined) (node as YAMLMap).set("feed", feed);
  }
  validateRegistry(doc.toJS(), file, themes);
  replaceFileAtomic(file, doc.toString(TO_STRING));
}

/** An unused id from a name: « Revue Projet » → `revue-projet`, then `revue-projet-2`... */
export function suggestId(name: string, taken: ReadonlySet<string>): string {
  const base = slugify(name, { lowercase: true }).slice(0, 60).replace(/-+$/, "") || "source";
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** Feed URLs compared as a maintainer would: same address whatever the scheme or final slash. */
export function sameFeed(a: string, b: string): boolean {
  const key = (url: string) =>
    url
      .trim()
      .replace(/^https?:\/\//i, "")
      .replace(/\/+$/, "")
      .toLowerCase();
  return key(a) === key(b);
}
