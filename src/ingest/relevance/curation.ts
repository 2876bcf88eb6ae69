/**
 * What maintainers' curation teaches the classifier. An item the ledger knows but whose file is
 * gone was deleted by a maintainer: the watch should not have kept it. Its title survives in its
 * file name (the slug), so the terms that kept it can be found again and counted; a term that
 * keeps bringing deleted items is one to move to `weak`, to narrow with an expression, or to
 * fence with an `ignore` expression or a source's `exclude`.
 */
import { existsSync, readdirSync, type Dirent } from "node:fs";
import { join } from "node:path";
import type { LedgerEntry } from "../ledger.ts";
import { classify, type Vocabulary } from "../classify.ts";

export interface CurationFeedback {
  /** Items written by the watch, then deleted by a maintainer. */
  deleted: number;
  /** Evidence that kept deleted items, most frequent first (title words only). */
  terms: { reason: string; count: number }[];
  /** Sources of the deleted items, most frequent first. */
  sources: { id: string; count: number }[];
}

const GENERAL = { keep: "keywords" as const, themes: [], include: [], exclude: [] };

/** The title words a stored file name keeps: `2026/2026-11-23-la-laicite-a-l-ecole.md` → « la laicite a l ecole ». */
function titleFromPath(path: string): string {
  const stem = path
    .split("/")
    .pop()!
    .replace(/\.md$/, "")
    .replace(/^\d{4}-\d{2}-\d{2}-/, "");
  return stem.replace(/-/g, " ");
}

function ranked(counts: Map<string, number>, limit: number): [string, number][] {
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit);
}

/** `<folder>/<name>`, as the store writes ledger paths, neither part `.` nor `..`. */
const STORED_PATH = /^(?!\.\.?\/)([^/]+)\/(?!\.\.?$)([^/]+)$/;

/**
 * existsSync(join(dir, path)) with one readdir per folder instead of a stat per ledger entry (a
 * site keeps thousands: 15 000 after a cold bench fetch). A path of another shape, a link, or a
 * folder that cannot be listed is asked to the file system itself.
 */
function presence(dir: string): (path: string) => boolean {
  const folders = new Map<string, Map<string, Dirent> | undefined>();
  const list = (folder: string) => {
    if (!folders.has(folder)) {
      try {
        folders.set(folder, new Map(readdirSync(join(dir, folder), { withFileTypes: true }).map((entry) => [entry.name, entry])));
      } catch {
        folders.set(folder, undefined);
      }
    }
    return folders.get(folder);
  };
  return (path) => {
    const parts = STORED_PATH.exec(path);
    const entries = parts ? list(parts[1]!) : undefined;
    if (!entries) return existsSync(join(dir, path));
    const entry = entries.get(parts![2]!);
    return entry?.isSymbolicLink() ? existsSync(join(dir, path)) : entry !== undefined;
  };
}

export function curationFeedback(entries: Iterable<LedgerEntry>, contentDir: string, vocabulary: Vocabulary, limit = 10): CurationFeedback {
  const terms = new Map<string, number>();
  const sources = new Map<string, number>();
  let deleted = 0;
  const exists = presence(contentDir);
  for (const entry of entries) {
    if (exists(entry.path)) continue;
    deleted++;
    sources.set(entry.source, (sources.get(entry.source) ?? 0) + 1);
    const verdict = classify({ title: titleFromPath(entry.path), summary: "", categories: [] }, GENERAL, vocabulary);
    for (const reason of verdict.reasons) if (!reason.startsWith("lieu")) terms.set(reason, (terms.get(reason) ?? 0) + 1);
  }
  return {
    deleted,
    terms: ranked(terms, limit).map(([reason, count]) => ({ reason, count })),
    sources: ranked(sources, limit).map(([id, count]) => ({ id, count })),
  };
}
