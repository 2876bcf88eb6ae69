/**
 * Terms of the vocabulary and where they occur in a text. A term is written as a maintainer
 * would say it (see `_data/themeCatalog.yaml`):
 * - `mot` matches the word in any of its forms (plural, feminine: see text.ts);
 * - `préfixe*` matches every word starting with it (« complot* »: complotiste, complotisme…);
 * - `plusieurs mots` matches them in a row, little words (le, de, des…) and elisions aside;
 * - `mot + autre mot` matches when both occur in the same field within a few words: words in
 *   context, e.g. « fermeture + mosquée ».
 * Longer expressions are matched first and hide the words they contain from shorter terms, so
 * « SOS Racisme » (an organisation quoted) is not « racisme », and « in extremis » is no extremism.
 */
import { tokenise, type Token } from "./text.ts";

interface Word {
  text: string;
  prefix: boolean;
}

export interface Term {
  /** As the maintainer wrote it, for the reasons shown on the site. */
  label: string;
  /** One phrase, or several that must co-occur. */
  parts: Word[][];
  /** Same key, same term: « culte » and « cultes » are one piece of evidence. */
  key: string;
}

/** How far apart (in words) the parts of a `a + b` term may be. */
export const CONTEXT_WINDOW = 12;

function phraseOf(text: string): Word[] {
  const prefix = /\*\s*$/.test(text);
  const words = tokenise(text.replace(/\*+\s*$/, "")).map((t, i, all) => ({
    text: prefix && i === all.length - 1 ? t.forms[0]! : t.stems[0]!,
    prefix: prefix && i === all.length - 1,
  }));
  return words;
}

export function parseTerm(label: string): Term {
  const parts = label
    .split(/\s\+\s/)
    .map(phraseOf)
    .filter((p) => p.length > 0);
  return { label: label.trim(), parts, key: parts.map((p) => p.map((w) => `${w.text}${w.prefix ? "*" : ""}`).join(" ")).join(" + ") };
}

/** Number of words the term spans (its longest phrase): longer terms are matched first. */
export function termLength(term: Term): number {
  return Math.max(0, ...term.parts.map((p) => p.length));
}

function wordMatches(word: Word, token: Token): boolean {
  return word.prefix ? token.forms.some((f) => f.startsWith(word.text)) : token.stems.includes(word.text);
}

/** Start positions of a phrase among the tokens not already taken by a longer expression. */
function phraseAt(phrase: Word[], tokens: readonly Token[], taken: readonly boolean[]): number[] {
  const found: number[] = [];
  for (let i = 0; i + phrase.length <= tokens.length; i++) {
    let ok = true;
    for (let k = 0; k < phrase.length && ok; k++) ok = !taken[i + k] && wordMatches(phrase[k]!, tokens[i + k]!);
    if (ok) found.push(i);
  }
  return found;
}

/** A field of an item (title, summary, one category), tokenised once. */
export interface Field {
  tokens: Token[];
  /** Tokens already covered by a longer expression. */
  taken: boolean[];
  /** Every stem and every form of the field, so most terms are ruled out without a scan. */
  stems: Set<string>;
  forms: string[];
}

export function fieldOf(text: string): Field {
  const tokens = tokenise(text);
  const stems = new Set<string>();
  const forms: string[] = [];
  for (const token of tokens) {
    for (const s of token.stems) stems.add(s);
    for (const f of token.forms) forms.push(f);
  }
  return { tokens, taken: new Array<boolean>(tokens.length).fill(false), stems, forms };
}

/**
 * A stem every field holding the term holds too (its first whole word), or undefined when the
 * term is only prefixes: the classifier indexes its vocabulary by it, so an item only tries the
 * few terms whose anchor it contains.
 */
export function anchorOf(term: Term): string | undefined {
  for (const phrase of term.parts) for (const word of phrase) if (!word.prefix) return word.text;
  return undefined;
}

/** Whether every word of the phrase occurs somewhere in the field (in any order): needed for a match. */
function mayOccur(phrase: Word[], field: Field): boolean {
  return phrase.every((w) => (w.prefix ? field.forms.some((f) => f.startsWith(w.text)) : field.stems.has(w.text)));
}

/**
 * Where a term occurs in a field: the spans it covers, or none. A co-occurrence needs every
 * part within CONTEXT_WINDOW words of the first part's occurrence.
 */
export function findTerm(term: Term, field: Field): [number, number][] {
  // Most of the vocabulary is absent from a given field: a set lookup rules it out before the
  // positional scan, which took most of a cold fetch's classification time (bench, 300 feeds).
  if (term.parts.length === 0 || !term.parts.every((p) => mayOccur(p, field))) return [];
  const [first, ...others] = term.parts.map((p) => ({ phrase: p, at: phraseAt(p, field.tokens, field.taken) }));
  const spans: [number, number][] = [];
  for (const start of first!.at) {
    const near = others.map((o) => o.at.find((i) => Math.abs(i - start) <= CONTEXT_WINDOW));
    if (near.some((i) => i === undefined)) continue;
    spans.push([start, start + first!.phrase.length]);
    others.forEach((o, k) => spans.push([near[k]!, near[k]! + o.phrase.length]));
  }
  return spans;
}

export function take(field: Field, spans: readonly [number, number][]): void {
  for (const [from, to] of spans) for (let i = from; i < to; i++) field.taken[i] = true;
}
