/**
 * The ledger: every watch item the pipeline ever wrote, at `content/veille/ledger.json` (outside
 * `_data/`, so Eleventy does not load it as global data; `.json` is not a template format, so it
 * is not rendered either). An item found here is never written again: a maintainer who deletes
 * an item's file keeps it deleted, and an edited file is never overwritten.
 *
 * Format, chosen for small, deterministic diffs: one JSON array per line, sorted by path:
 *   ["2026/2026-11-23-slug.md","source-id","g:<hash>","u:<hash>","t:<hash>"]
 * The keys are the item's dedupe keys (dedupe.ts).
 */
import { z } from "zod";
import { replaceFileIfChanged } from "../core/files.ts";
import { readJsonFile } from "../core/validation.ts";

export interface LedgerEntry {
  /** Relative to the watch folder, with forward slashes. */
  path: string;
  source: string;
  keys: string[];
}

const ledgerSchema = z.strictObject({ version: z.literal(1), items: z.array(z.tuple([z.string(), z.string()], z.string())) });

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

  /** Every entry, e.g. to find the items a maintainer deleted (entry kept, file gone). */
  list(): LedgerEntry[] {
    return [...this.entries.values()];
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
