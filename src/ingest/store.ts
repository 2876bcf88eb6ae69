/**
 * Store: turns kept items into watch item files `content/veille/<YYYY>/<YYYY-MM-DD>-<slug>.md`
 * (docs/architecture.md, a watch item on disk), deduplicated against the ledger.
 *
 * The front matter is what `yaml` dumps from a plain object with every string double-quoted
 * (byte for byte; most items are written without building yaml's document: frontMatterText), so
 * whatever a title holds (`{{ }}`, `{% %}`, `---js`, `: `, a lone `yes`) reads back as the same
 * string and nothing else; the file always starts with `---\n`. Bodies are sanitised HTML kept
 * in one HTML block, with braces as character references so that no template engine could find
 * a tag in them even if one were ever run over the file.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import slugify from "@sindresorhus/slugify";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { createFileAtomic } from "../core/files.ts";
import type { Source } from "../core/sources.ts";
import { formatIssues } from "../core/validation.ts";
import { GUID_MAX, URL_MAX, watchItemSchema, type WatchItem } from "../core/watch-item.ts";
import { dedupeKeys } from "./dedupe.ts";
import type { Ledger } from "./ledger.ts";
import type { Item } from "./normalise.ts";
import { sanitiseHtml } from "./sanitise.ts";

const SLUG_MAX = 60;

/**
 * An item ready to be stored: classified. Its body is sanitised only when it is written, so the
 * items a run already knows, or leaves beyond a source's cap, cost no sanitising.
 */
export interface Candidate {
  item: Item;
  themes: string[];
  /** The classifier's score and evidence, written to the front matter for maintainers. */
  score?: number;
  reasons?: string[];
}

export type StoreResult = { kind: "written"; path: string } | { kind: "duplicate"; path: string } | { kind: "invalid"; problems: string[] };

/**
 * A GUID is an identifier, never shown: one longer than GUID_MAX (a 5 MB one was seen) is kept
 * as its SHA-256, which identifies the item as well and costs 71 characters wherever it is copied.
 */
function storedGuid(guid: string): string {
  return guid.length <= GUID_MAX ? guid : `sha256:${createHash("sha256").update(guid).digest("hex")}`;
}

export function frontMatterOf(candidate: Candidate, source: Source, fetched: string): WatchItem {
  const { item } = candidate;
  return {
    title: item.title,
    date: item.date,
    source: source.id,
    url: item.url,
    guid: storedGuid(item.guid),
    section: source.section,
    territory: source.territory,
    themes: candidate.themes,
    summary: item.summary,
    fetched,
    ...(candidate.score !== undefined ? { score: candidate.score } : {}),
    ...(candidate.reasons?.length ? { reasons: candidate.reasons } : {}),
  };
}

function renderBody(html: string): string {
  if (!html) return "";
  // A blank line would end the HTML block and hand the rest to the Markdown parser.
  const oneBlock = html
    .replace(/\r\n?/g, "\n")
    .replace(/\n\s*\n+/g, "\n")
    .replace(/\{/g, "&#123;")
    .replace(/\}/g, "&#125;");
  return `<div class="veille-contenu">\n${oneBlock}\n</div>\n`;
}

const YAML_OPTIONS = { defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN", lineWidth: 0 } as const;
/** The front matter's keys: plain words, written as they are. */
const KEYS = new Set(Object.keys(watchItemSchema.shape));
/**
 * A string yaml writes as JSON.stringify writes it: without control characters (yaml escapes
 * some its own way and breaks lines at newlines) nor surrogates (a lone one is escaped).
 */
const AS_JSON = /^[^\u0000-\u001f\ud800-\udfff]*$/;

function scalar(value: unknown): string | undefined {
  if (typeof value === "string") return AS_JSON.test(value) ? JSON.stringify(value) : undefined;
  if (typeof value === "number" && Number.isFinite(value) && !Object.is(value, -0)) return JSON.stringify(value);
  return undefined;
}

/**
 * What yaml writes for a front matter of strings, numbers and lists of strings that all take
 * the AS_JSON form (every item the normaliser makes), written directly; undefined otherwise.
 * yaml builds and walks a document per item: 1.3 s of a cold bench fetch of 15 000 items.
 */
function directYaml(frontMatter: WatchItem): string | undefined {
  let text = "";
  for (const [key, value] of Object.entries(frontMatter)) {
    if (!KEYS.has(key)) return undefined;
    if (!Array.isArray(value)) {
      const written = scalar(value);
      if (written === undefined) return undefined;
      text += `${key}: ${written}\n`;
      continue;
    }
    text += value.length ? `${key}:\n` : `${key}: []\n`;
    for (const entry of value) {
      const written = typeof entry === "string" ? scalar(entry) : undefined;
      if (written === undefined) return undefined;
      text += `  - ${written}\n`;
    }
  }
  return text || undefined;
}

/** The front matter as yaml writes it with YAML_OPTIONS: the same bytes whichever way they are made. */
export function frontMatterText(frontMatter: WatchItem): string {
  return directYaml(frontMatter) ?? stringifyYaml(frontMatter, YAML_OPTIONS);
}

export function renderItemFile(frontMatter: WatchItem, body: string): string {
  return `---\n${frontMatterText(frontMatter)}---\n${renderBody(body)}`;
}

/** Reads the front matter of a file we wrote, without gray-matter (which can run `---js`). */
export function readFrontMatter(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith("---\n")) return undefined;
  const end = text.indexOf("\n---\n", 3);
  if (end < 0) return undefined;
  const value: unknown = parseYaml(text.slice(4, end + 1));
  return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
}

export function slugFor(title: string): string {
  const slug = slugify(title, { lowercase: true });
  if (slug.length <= SLUG_MAX) return slug || "article";
  const cut = slug.slice(0, SLUG_MAX);
  return cut.slice(0, cut.lastIndexOf("-") > SLUG_MAX / 2 ? cut.lastIndexOf("-") : SLUG_MAX);
}

/**
 * File names to try, in order: the plain name, then with more and more of the item's own hash
 * (the same item always tries the same names), then numbered ones. A name is unique per folder,
 * and so is the item's URL `/veille/<YYYY>/<file stem>/`.
 */
function* candidateNames(base: string, hash: string): Generator<string> {
  yield `${base}.md`;
  yield `${base}-${hash.slice(0, 6)}.md`;
  yield `${base}-${hash.slice(0, 14)}.md`;
  for (let n = 2; n <= 20; n++) yield `${base}-${hash.slice(0, 6)}-${n}.md`;
}

function basePath(item: Item): string {
  const day = item.date.slice(0, 10);
  return `${day.slice(0, 4)}/${day}-${slugFor(item.title)}`;
}

/** The same item (same source and GUID) already on disk: a previous run died before its ledger. */
function isSameItem(file: string, frontMatter: WatchItem): boolean {
  try {
    const existing = readFrontMatter(readFileSync(file, "utf8"));
    return existing?.source === frontMatter.source && existing?.guid === frontMatter.guid;
  } catch {
    return false;
  }
}

export interface StoreContext {
  /** The watch folder (`content/veille`). */
  dir: string;
  ledger: Ledger;
  fetched: string;
  dryRun: boolean;
}

/**
 * Stores one candidate unless the ledger knows it. Never overwrites a file: a taken name gets
 * a short hash suffix, or is adopted when it is this very item.
 */
export function storeCandidate(candidate: Candidate, source: Source, context: StoreContext): StoreResult {
  const keys = dedupeKeys(candidate.item, source.id);
  const known = context.ledger.find(keys);
  if (known) return { kind: "duplicate", path: known.path };

  // A link can be neither cut nor hashed: an absurd one is refused, and never copied into a message.
  if (candidate.item.url.length > URL_MAX)
    return {
      kind: "invalid",
      problems: [`adresse de l'article trop longue (${candidate.item.url.length} caractères, ${URL_MAX} au plus)`],
    };
  const frontMatter = frontMatterOf(candidate, source, context.fetched);
  const checked = watchItemSchema.safeParse(frontMatter);
  if (!checked.success) return { kind: "invalid", problems: formatIssues(checked.error.issues) };
  const { item } = candidate;
  const text = renderItemFile(frontMatter, source.reuse === "full" && item.html ? sanitiseHtml(item.html, item.url) : "");

  for (const path of candidateNames(basePath(item), keys[0]!.slice(2))) {
    if (context.ledger.hasPath(path)) continue;
    const file = join(context.dir, path);
    const written = context.dryRun ? !existsSync(file) : createFileAtomic(file, text);
    if (written || (!context.dryRun && isSameItem(file, frontMatter))) {
      context.ledger.add({ path, source: source.id, keys });
      return { kind: "written", path };
    }
  }
  return { kind: "invalid", problems: [`aucun nom de fichier libre pour « ${basePath(item)} »`] };
}

/** What storing one source's candidates did. */
export interface Stored {
  /** Paths written, relative to the watch folder, newest item first. */
  added: string[];
  duplicates: number;
  /** New items left for a later run: the source's cap was reached. */
  capped: number;
  invalid: string[];
  /** The written items whose date is the fetch time, with why. */
  flagged: Item[];
}

/**
 * Stores a source's candidates, newest first, until `cap` new items are written; the older new
 * ones wait for the next run (they are not in the ledger, so they still count as new then).
 */
export function storeAll(candidates: readonly Candidate[], source: Source, context: StoreContext, cap: number): Stored {
  const stored: Stored = { added: [], duplicates: 0, capped: 0, invalid: [], flagged: [] };
  const newestFirst = [...candidates].sort((a, b) => Date.parse(b.item.date) - Date.parse(a.item.date));
  for (const candidate of newestFirst) {
    if (stored.added.length >= cap) {
      if (context.ledger.find(dedupeKeys(candidate.item, source.id))) stored.duplicates++;
      else stored.capped++;
      continue;
    }
    const result = storeCandidate(candidate, source, context);
    if (result.kind === "written") {
      stored.added.push(result.path);
      if (candidate.item.dateFlag) stored.flagged.push(candidate.item);
    } else if (result.kind === "duplicate") stored.duplicates++;
    else stored.invalid.push(`« ${candidate.item.title} » : ${result.problems.join(" ; ")}`);
  }
  return stored;
}
