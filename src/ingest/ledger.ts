/**
 * The ledger: every watch item the pipeline ever wrote, at `content/veille/ledger.json` (outside
 * `_data/`, so Eleventy does not load it as global data; `.json` is not a template format, so it
 * is not rendered either). An item found here is never written again: a maintainer who deletes
 * an item's file keeps it deleted, and an edited file is never overwritten.
 *
 * Format, chosen for small, deterministic diffs: one JSON array per line, sorted by path:
 *   ["2026/2026-11-23-slug.md","source-id","g:<hash>","u:<hash>","t:<hash>"]
 * The keys are short hashes of the GUID, of the canonical URL and of the title and day
 * (the last one only when the feed gave a real date).
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { fold } from "../core/text.ts";
import { readJsonFile } from "../core/validation.ts";
import { replaceFileIfChanged } from "./files.ts";
import { canonicalUrl, type Item } from "./normalise.ts";

export interface LedgerEntry {
  /** Relative to the watch folder, with forward slashes. */
  path: string;
  source: string;
  keys: string[];
}

const ledgerSchema = z.strictObject({
  version: z.literal(1),
  items: z.array(z.tuple([z.string(), z.string()], z.string())),
});

function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/**
 * Dedupe keys of an item, most reliable first. A GUID that is a URL is global; any other GUID
 * ("42", "item-1") only means something within its own source.
 */
export function dedupeKeys(item: Pick<Item, "guid" | "canonicalUrl" | "title" | "date" | "dateFlag">, sourceId: string): string[] {
  const guid = /^https?:\/\//i.test(item.guid) ? canonicalUrlOrSelf(item.guid) : `${sourceId}\n${item.guid}`;
  const keys = [`g:${shortHash(guid)}`, `u:${shortHash(item.canonicalUrl)}`];
  if (!item.dateFlag) keys.push(`t:${shortHash(`${fold(item.title).replace(/\W+/g, " ").trim()}\n${item.date.slice(0, 10)}`)}`);
  return keys;
}

function canonicalUrlOrSelf(url: string): string {
  try {
    return canonicalUrl(url);
  } catch {
    return url;
  }
}

export class Ledger {
  private readonly entries = new Map<string, LedgerEntry>();
  private readonly byKey = new Map<string, LedgerEntry>();

  constructor(entries: Iterable<LedgerEntry> = []) {
    for (const entry of entries) this.add(entry);
  }

  /** The entry that already holds one of these keys, if any. */
  find(keys: readonly string[]): LedgerEntry | undefined {
    for (const key of keys) {
      const entry = this.byKey.get(key);
      if (entry) return entry;
    }
    return undefined;
  }

  hasPath(path: string): boolean {
    return this.entries.has(path);
  }

  add(entry: LedgerEntry): void {
    this.entries.set(entry.path, entry);
    for (const key of entry.keys) if (!this.byKey.has(key)) this.byKey.set(key, entry);
  }

  serialise(): string {
    const lines = [...this.entries.values()]
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .map((e) => JSON.stringify([e.path, e.source, ...e.keys]));
    return lines.length ? `{"version":1,"items":[\n${lines.join(",\n")}\n]}\n` : `{"version":1,"items":[]}\n`;
  }
}

export function loadLedger(file: string): Ledger {
  const items = readJsonFile(file, ledgerSchema)?.items ?? [];
  return new Ledger(items.map(([path, source, ...keys]) => ({ path, source, keys })));
}

/** Writes the ledger only when its text changed. Returns whether it wrote. */
export function saveLedger(file: string, ledger: Ledger): boolean {
  return replaceFileIfChanged(file, ledger.serialise());
}
