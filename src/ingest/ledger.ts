/**
 * The ledger: every watch item the pipeline ever wrote, at `content/veille/ledger.json` (outside
 * `_data/`, so Eleventy does not load it as global data; `.json` is not a template format, so it
 * is not rendered either). An item found here is never written again: a maintainer who deletes
 * an item's file keeps it deleted, and an edited file is never overwritten.
 *
 * Format, chosen for small, deterministic diffs: one JSON array per line, sorted by path:
 *   ["2026/2026-11-23-slug.md","source-id","g:<hash>","u:<hash>","t:<hash>"]
 * The keys are short hashes of the GUID, of the canonical URL and of the title and day
 * (the last one only when the feed gave a real date and the title is distinctive: titleKey).
 */
import { hash } from "node:crypto";
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

/** One-shot `hash`: three keys an item, and a Hash object each cost twice as much. */
function shortHash(text: string): string {
  return hash("sha256", text).slice(0, 16);
}

/**
 * Words that say what kind of text an item is, or when, rather than what it is about, folded:
 * French function words, the names publishers give to recurring texts, months and days.
 */
const GENERIC_WORDS = new Set(
  ("a au aux avec c ce ces cet cette d dans de des du en et il ils j l la le les leur leurs m n ne nos notre nous on ou par pas " +
    "plus pour qu que qui s sa se ses son sur t un une vos votre vous y " +
    "actu actualite actualites agenda alerte annonce annonces article articles billet breve breves bulletin chronique communique " +
    "communiques compte dossier edito editorial entretien episode evenement evenements flash hebdo hebdomadaire info infos " +
    "information informations interview lettre live mensuel newsletter no numero page photo photos podcast point presse programme " +
    "quotidien rendu rendez replay resume revue semaine sommaire tribune une video videos " +
    "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre lundi mardi mercredi jeudi vendredi samedi dimanche")
    .split(" "),
);
/** Scripts written without spaces between words: there a token is a phrase, its length counts. */
const UNSPACED = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]+$/u;
/** About two characters a word in Chinese or Japanese, each one worth a short syllable's letters. */
const CHARACTERS_PER_WORD = 2;
const LETTERS_PER_CHARACTER = 3;
const MIN_CONTENT_WORDS = 3;
const MIN_CONTENT_LETTERS = 15;

/**
 * The title as a dedupe key, or undefined when it is not distinctive enough to mean one article:
 * two items share it only when their titles have the same words, in any script (nothing is
 * erased by folding), and those words say something beyond « Communiqué de presse », « Agenda
 * du 21 novembre » or « Édito »: at least MIN_CONTENT_WORDS words that are not generic nor
 * numbers, with MIN_CONTENT_LETTERS letters. A title of punctuation or symbols has no key.
 */
export function titleKey(title: string): string | undefined {
  const tokens = fold(title).match(/[\p{L}\p{N}]+/gu) ?? [];
  const content = tokens.filter((t) => !GENERIC_WORDS.has(t) && !/^\p{N}+$/u.test(t));
  const words = content.reduce((n, t) => n + (UNSPACED.test(t) ? Math.floor(t.length / CHARACTERS_PER_WORD) : 1), 0);
  const letters = content.reduce((n, t) => n + [...t].length * (UNSPACED.test(t) ? LETTERS_PER_CHARACTER : 1), 0);
  return words >= MIN_CONTENT_WORDS && letters >= MIN_CONTENT_LETTERS ? tokens.join(" ") : undefined;
}

/**
 * Dedupe keys of an item, most reliable first. A GUID that is a URL is global; any other GUID
 * ("42", "item-1") only means something within its own source.
 */
export function dedupeKeys(item: Pick<Item, "guid" | "canonicalUrl" | "title" | "date" | "dateFlag">, sourceId: string): string[] {
  const guid = /^https?:\/\//i.test(item.guid) ? canonicalUrlOrSelf(item.guid) : `${sourceId}\n${item.guid}`;
  const keys = [`g:${shortHash(guid)}`, `u:${shortHash(item.canonicalUrl)}`];
  const title = item.dateFlag ? undefined : titleKey(item.title);
  if (title) keys.push(`t:${shortHash(`${title}\n${item.date.slice(0, 10)}`)}`);
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
