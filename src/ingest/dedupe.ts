/**
 * Dedupe keys: what makes two feed items the same article. Short hashes of the GUID, of the
 * canonical URL and of the title and day (the last one only when the feed gave a real date and
 * the title is distinctive: titleKey). The ledger (ledger.ts) keeps them for every item written.
 */
import { hash } from "node:crypto";
import { fold } from "../core/text.ts";
import { canonicalUrl, type Item } from "./normalise.ts";

/** One-shot `hash`: three keys an item, and a Hash object each cost twice as much. */
function shortHash(text: string): string {
  return hash("sha256", text).slice(0, 16);
}

/**
 * Words that say what kind of text an item is, or when, rather than what it is about, folded:
 * French function words, the names publishers give to recurring texts, months and days.
 */
const GENERIC_WORDS = new Set(
  (
    "a au aux avec c ce ces cet cette d dans de des du en et il ils j l la le les leur leurs m n ne nos notre nous on ou par pas " +
    "plus pour qu que qui s sa se ses son sur t un une vos votre vous y " +
    "actu actualite actualites agenda alerte annonce annonces article articles billet breve breves bulletin chronique communique " +
    "communiques compte dossier edito editorial entretien episode evenement evenements flash hebdo hebdomadaire info infos " +
    "information informations interview lettre live mensuel newsletter no numero page photo photos podcast point presse programme " +
    "quotidien rendu rendez replay resume revue semaine sommaire tribune une video videos " +
    "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre lundi mardi mercredi jeudi vendredi samedi dimanche"
  ).split(" "),
);
/** Scripts written without spaces between words: there a token is a phrase, its length counts. */
const UNSPACED =
  /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]+$/u;
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
