/**
 * Classifier: decides whether an item of a source is kept and which themes it carries.
 * Terms come from `_data/themeCatalog.yaml` (strong / weak per theme) and from a source's own
 * `include` / `exclude`. Matching folds case and accents and works on whole words, so
 * « secte » never matches « insecte » nor « culte » « difficulté »; a trailing `*` is a prefix.
 */
import type { Theme } from "../core/taxonomy.ts";
import { fold } from "../core/text.ts";
import type { Item } from "./normalise.ts";
import type { Source } from "../core/sources.ts";

/** A weak term counts beside one of these, since local news is what the group watches first. */
const LOCAL_PLACES = ["brest", "brest metropole", "finistere", "bretagne", "quimper", "morlaix", "landerneau", "plougastel-daoulas", "guipavas", "plouzane", "le relecq-kerhuon", "gouesnou", "bohars", "guilers"];

/** A term as words, the last one possibly a prefix. */
interface Term {
  words: string[];
  prefix: boolean;
}

interface ThemeTerms {
  id: string;
  strong: Term[];
  weak: Term[];
}

export interface Vocabulary {
  themes: ThemeTerms[];
  places: Term[];
}

function words(text: string): string[] {
  return fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

export function parseTerm(term: string): Term {
  const prefix = term.trim().endsWith("*");
  return { words: words(term.replace(/\*+\s*$/, "")), prefix };
}

export function buildVocabulary(themes: readonly Theme[]): Vocabulary {
  return {
    themes: themes.map((t) => ({ id: t.id, strong: t.strong.map(parseTerm), weak: t.weak.map(parseTerm) })),
    places: LOCAL_PLACES.map(parseTerm),
  };
}

function matches(term: Term, tokens: readonly string[]): boolean {
  const n = term.words.length;
  if (n === 0) return false;
  for (let i = 0; i + n <= tokens.length; i++) {
    let ok = true;
    for (let k = 0; k < n && ok; k++) {
      const token = tokens[i + k]!;
      const word = term.words[k]!;
      ok = k === n - 1 && term.prefix ? token.startsWith(word) : token === word;
    }
    if (ok) return true;
  }
  return false;
}

export interface Classification {
  keep: boolean;
  themes: string[];
  /** Why an item was left out, for the report. */
  reason?: "excluded" | "no-match";
}

/** Text an item is judged on: what a reader sees, plus the publisher's own categories. */
function tokensOf(item: Pick<Item, "title" | "summary" | "categories">): string[] {
  return words([item.title, item.summary, ...item.categories].join(" \n "));
}

export function classify(item: Pick<Item, "title" | "summary" | "categories">, source: Pick<Source, "keep" | "themes" | "include" | "exclude">, vocabulary: Vocabulary): Classification {
  const tokens = tokensOf(item);
  if (source.exclude.some((t) => matches(parseTerm(t), tokens))) return { keep: false, themes: [], reason: "excluded" };

  const strong = vocabulary.themes.filter((t) => t.strong.some((term) => matches(term, tokens))).map((t) => t.id);
  const weak = vocabulary.themes.filter((t) => t.weak.some((term) => matches(term, tokens))).map((t) => t.id);
  const local = vocabulary.places.some((term) => matches(term, tokens));
  const included = source.include.some((t) => matches(parseTerm(t), tokens));
  const weakCounts = strong.length > 0 || local;

  const keep = source.keep === "all" || strong.length > 0 || (weak.length > 0 && local) || included;
  const themes = [...new Set([...source.themes, ...strong, ...(weakCounts ? weak : [])])].sort();
  return keep ? { keep, themes } : { keep, themes: [], reason: "no-match" };
}
