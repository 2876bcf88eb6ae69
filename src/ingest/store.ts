/**
 * Store: turns kept items into watch item files `content/veille/<YYYY>/<YYYY-MM-DD>-<slug>.md`
 * (DESIGN.md contract), deduplicated against the ledger.
 *
 * The front matter is dumped by `yaml` from a plain object with every string double-quoted, so
 * whatever a title holds (`{{ }}`, `{% %}`, `---js`, `: `, a lone `yes`) reads back as the same
 * string and nothing else; the file always starts with `---\n`. Bodies are sanitised HTML kept
 * in one HTML block, with braces as character references so that no template engine could find
 * a tag in them even if one were ever run over the file.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import slugify from "@sindresorhus/slugify";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import type { Source } from "../core/sources.ts";
import { formatIssues } from "../core/validation.ts";
import { watchItemSchema, type WatchItem } from "../core/watch-item.ts";
import { createFileAtomic } from "./files.ts";
import { dedupeKeys, type Ledger } from "./ledger.ts";
import type { Item } from "./normalise.ts";

const SLUG_MAX = 60;

/** An item ready to be stored: classified, and with its body already sanitised. */
export interface Candidate {
  item: Item;
  themes: string[];
  /** Sanitised HTML for `reuse: full` sources, empty otherwise. */
  body: string;
}

export type StoreResult =
  | { kind: "written"; path: string }
  | { kind: "duplicate"; path: string }
  | { kind: "invalid"; problems: string[] };

export function frontMatterOf(candidate: Candidate, source: Source, fetched: string): WatchItem {
  const { item } = candidate;
  return {
    title: item.title,
    date: item.date,
    source: source.id,
    url: item.url,
    guid: item.guid,
    section: source.section,
    territory: source.territory,
    themes: candidate.themes,
    summary: item.summary,
    fetched,
  };
}

function renderBody(html: string): string {
  if (!html) return "";
  // A blank line would end the HTML block and hand the rest to the Markdown parser.
  const oneBlock = html.replace(/\r\n?/g, "\n").replace(/\n\s*\n+/g, "\n").replace(/\{/g, "&#123;").replace(/\}/g, "&#125;");
  return `<div class="veille-contenu">\n${oneBlock}\n</div>\n`;
}

export function renderItemFile(frontMatter: WatchItem, body: string): string {
  const yaml = stringifyYaml(frontMatter, { defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN", lineWidth: 0 });
  return `---\n${yaml}---\n${renderBody(body)}`;
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

  const frontMatter = frontMatterOf(candidate, source, context.fetched);
  const checked = watchItemSchema.safeParse(frontMatter);
  if (!checked.success) return { kind: "invalid", problems: formatIssues(checked.error.issues) };
  const text = renderItemFile(frontMatter, candidate.body);

  const base = basePath(candidate.item);
  const names = [`${base}.md`, `${base}-${keys[0]!.slice(2, 8)}.md`, `${base}-${keys[0]!.slice(2, 14)}.md`];
  for (const path of names) {
    if (context.ledger.hasPath(path)) continue;
    const file = join(context.dir, path);
    const written = context.dryRun ? !existsSync(file) : createFileAtomic(file, text);
    if (written || (!context.dryRun && isSameItem(file, frontMatter))) {
      context.ledger.add({ path, source: source.id, keys });
      return { kind: "written", path };
    }
  }
  return { kind: "invalid", problems: [`aucun nom de fichier libre pour « ${base} »`] };
}
