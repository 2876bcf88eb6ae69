/**
 * Classifier: how relevant an item of a general-news source is to the watch, which themes it
 * carries, and why. Evidence comes from `_data/themeCatalog.yaml` (per theme: `strong` terms,
 * `weak` clues, `ignore` expressions) and from the source's own `include` / `exclude`, which win.
 *
 * Scoring, chosen to stay explainable to a maintainer:
 * - a strong term weighs 1, a weak clue 0.5, each distinct term counted once; a term found only
 *   in the publisher's categories weighs half (evidence, not proof);
 * - a theme's score is the sum of its evidence; the item's score is its best theme plus half of
 *   the others (two fields of the watch meeting is a sign too), plus 0.5 when a local place is
 *   named beside some evidence, since local news is what the group watches first;
 * - the item is kept at 1 (THRESHOLD); between 0.5 and 1 it is borderline and reported, so a
 *   maintainer can add a term or a source rule;
 * - a kept item carries its main theme, every theme scoring at least 1 and every theme its title
 *   names; a cross-cutting theme (`jeunesse`) never keeps an item on its own and is given at 1
 *   when young people are the subject, its terms counting 0.4 in the summary (the title states
 *   the subject).
 * Expressions in `ignore` (« in extremis », « film culte »…) hide the words they contain.
 */
import type { Theme } from "../core/taxonomy.ts";
import type { Item } from "./normalise.ts";
import type { Source } from "../core/sources.ts";
import { anchorOf, fieldOf, findTerm, parseTerm, take, termLength, type Field, type Term } from "./relevance/terms.ts";

export const THRESHOLD = 1;
export const BORDERLINE = 0.5;
const STRONG = 1;
const WEAK = 0.5;
const CATEGORY_FACTOR = 0.5;
const SUMMARY_CROSS_CUTTING_FACTOR = 0.4;
const LOCAL_BONUS = 0.5;
const THEME_MIN = 1;
const CROSS_CUTTING_MIN = 1;

/** A weak term counts beside one of these, since local news is what the group watches first. */
const LOCAL_PLACES = [
  "Brest",
  "Brest métropole",
  "Finistère",
  "Bretagne",
  "Quimper",
  "Morlaix",
  "Landerneau",
  "Plougastel-Daoulas",
  "Guipavas",
  "Plouzané",
  "Le Relecq-Kerhuon",
  "Gouesnou",
  "Bohars",
  "Guilers",
];

type Kind = "strong" | "weak" | "ignore" | "place";

interface Entry {
  theme?: string;
  kind: Kind;
  term: Term;
  /** termLength(term), asked once per entry and item otherwise. */
  length: number;
}

export interface Vocabulary {
  /** Every term, longest first, `ignore` expressions before others of the same length. */
  entries: Entry[];
  /**
   * Positions in `entries` by anchor (terms.ts anchorOf). An item's fields hold a few dozen
   * stems, so they meet a few of the 340 terms: scanning all of them per field took most of
   * the classifier's time (bench, 15 000 items).
   */
  byAnchor: Map<string, number[]>;
  /** Positions of the terms without an anchor (prefixes only), tried on every item. */
  unanchored: number[];
  crossCutting: Set<string>;
  themeIds: string[];
}

const KIND_ORDER: Record<Kind, number> = { ignore: 0, strong: 1, weak: 2, place: 3 };

export function buildVocabulary(themes: readonly Theme[]): Vocabulary {
  const entries: Entry[] = [];
  const entry = (kind: Kind, label: string, theme?: string) => {
    const term = parseTerm(label);
    entries.push({ ...(theme ? { theme } : {}), kind, term, length: termLength(term) });
  };
  for (const t of themes) {
    for (const kind of ["strong", "weak", "ignore"] as const) for (const label of t[kind] ?? []) entry(kind, label, t.id);
  }
  for (const place of LOCAL_PLACES) entry("place", place);
  entries.sort((a, b) => b.length - a.length || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  const byAnchor = new Map<string, number[]>();
  const unanchored: number[] = [];
  entries.forEach((e, index) => {
    const anchor = anchorOf(e.term);
    if (anchor === undefined) unanchored.push(index);
    else byAnchor.set(anchor, [...(byAnchor.get(anchor) ?? []), index]);
  });
  return {
    entries,
    byAnchor,
    unanchored,
    crossCutting: new Set(themes.filter((t) => t.crossCutting).map((t) => t.id)),
    themeIds: themes.map((t) => t.id),
  };
}

export interface Classification {
  keep: boolean;
  themes: string[];
  /** The item's relevance, THRESHOLD and above being kept. */
  score: number;
  /** Short French phrases: the evidence that counted, strongest first. */
  reasons: string[];
  /** Expressions that hid a theme word (« in extremis »…), for the reports. */
  ignored?: string[];
  /** Why an item was left out, for the report. */
  reason?: "excluded" | "no-match" | "below-threshold";
  /** Left out, but close enough to the threshold for a maintainer to look at it. */
  borderline?: boolean;
}

interface Evidence {
  theme: string;
  kind: "strong" | "weak";
  label: string;
  weight: number;
  fromCategory: boolean;
  inTitle: boolean;
}

interface Found {
  evidence: Map<string, Evidence>;
  places: string[];
  ignored: string[];
}

/** Which entries may occur in one of the fields: the others would find nothing. */
function candidates(fields: readonly { field: Field }[], vocabulary: Vocabulary): Uint8Array {
  const marked = new Uint8Array(vocabulary.entries.length);
  for (const index of vocabulary.unanchored) marked[index] = 1;
  for (const { field } of fields) {
    for (const stem of field.stems) for (const index of vocabulary.byAnchor.get(stem) ?? []) marked[index] = 1;
  }
  return marked;
}

/**
 * Runs every term over the item's fields, longest first, and keeps the best evidence per term.
 * Terms that cannot occur are skipped, which changes nothing: they would find no span.
 */
function collect(fields: readonly { field: Field; where: "title" | "summary" | "category" }[], vocabulary: Vocabulary): Found {
  const found: Found = { evidence: new Map(), places: [], ignored: [] };
  const marked = candidates(fields, vocabulary);
  let pending: { field: Field; spans: [number, number][] }[] = [];
  let length = Infinity;
  for (const [index, entry] of vocabulary.entries.entries()) {
    if (!marked[index]) continue;
    const n = entry.length;
    // Expressions of one length all see the same text; they hide their words from shorter terms.
    if (n < length) {
      for (const p of pending) take(p.field, p.spans);
      pending = [];
      length = n;
    }
    for (const { field, where } of fields) {
      const spans = findTerm(entry.term, field);
      if (!spans.length) continue;
      if (entry.kind === "ignore") {
        take(field, spans);
        if (!found.ignored.includes(entry.term.label)) found.ignored.push(entry.term.label);
        continue;
      }
      if (entry.term.parts.length === 1 && n > 1) pending.push({ field, spans });
      if (entry.kind === "place") {
        if (!found.places.includes(entry.term.label)) found.places.push(entry.term.label);
        continue;
      }
      const category = where === "category";
      // A cross-cutting theme is about the item's subject, which the title states.
      const factor = category
        ? CATEGORY_FACTOR
        : where === "summary" && vocabulary.crossCutting.has(entry.theme!)
          ? SUMMARY_CROSS_CUTTING_FACTOR
          : 1;
      const weight = (entry.kind === "strong" ? STRONG : WEAK) * factor;
      const key = `${entry.theme}\n${entry.term.key}`;
      const previous = found.evidence.get(key);
      if (!previous || previous.weight < weight)
        found.evidence.set(key, {
          theme: entry.theme!,
          kind: entry.kind,
          label: entry.term.label,
          weight,
          fromCategory: category,
          inTitle: where === "title" || !!previous?.inTitle,
        });
      else if (where === "title") previous.inTitle = true;
    }
  }
  return found;
}

function describe(e: Evidence): string {
  if (e.fromCategory) return `catégorie de l'éditeur « ${e.label} »`;
  return e.kind === "strong" ? `« ${e.label} »` : `« ${e.label} » (indice)`;
}

const round = (n: number): number => Math.round(n * 100) / 100;

export function classify(
  item: Pick<Item, "title" | "summary" | "categories">,
  source: Pick<Source, "keep" | "themes" | "include" | "exclude">,
  vocabulary: Vocabulary,
): Classification {
  // Fields are tokenised once; source rules read them before the vocabulary marks any word as taken.
  const fields = [
    { field: fieldOf(item.title), where: "title" as const },
    { field: fieldOf(item.summary), where: "summary" as const },
    ...item.categories.map((c) => ({ field: fieldOf(c), where: "category" as const })),
  ];
  const ruleHit = (rules: readonly string[]) =>
    rules.find((r) => {
      const term = parseTerm(r);
      return fields.some(({ field }) => findTerm(term, field).length > 0);
    });
  const excluded = ruleHit(source.exclude);
  if (excluded)
    return { keep: false, themes: [], score: 0, reasons: [`exclu par la règle de la source « ${excluded} »`], reason: "excluded" };
  const included = ruleHit(source.include);

  const found = collect(fields, vocabulary);
  const byTheme = new Map<string, number>();
  for (const e of found.evidence.values()) byTheme.set(e.theme, (byTheme.get(e.theme) ?? 0) + e.weight);
  const field = [...byTheme]
    .filter(([id]) => !vocabulary.crossCutting.has(id))
    .map(([, s]) => s)
    .sort((a, b) => b - a);
  const best = field[0] ?? 0;
  let score = best + field.slice(1).reduce((sum, s) => sum + s / 2, 0);
  const reasons = [...found.evidence.values()]
    .filter((e) => !vocabulary.crossCutting.has(e.theme) || (byTheme.get(e.theme) ?? 0) >= CROSS_CUTTING_MIN)
    .sort((a, b) => b.weight - a.weight)
    .map(describe);
  if (best > 0 && found.places.length) {
    score += LOCAL_BONUS;
    reasons.push(`lieu : ${found.places.join(", ")}`);
  }
  if (included) reasons.unshift(`règle de la source « ${included} »`);
  if (source.keep === "all") reasons.unshift("source spécialisée");
  const dedupedReasons = [...new Set(reasons)];

  const keep = source.keep === "all" || !!included || score >= THRESHOLD;
  const ignored = found.ignored.length ? { ignored: found.ignored } : {};
  if (!keep) {
    const borderline = score >= BORDERLINE;
    return {
      keep,
      themes: [],
      score: round(score),
      reasons: dedupedReasons,
      ...ignored,
      reason: score > 0 ? "below-threshold" : "no-match",
      ...(borderline ? { borderline } : {}),
    };
  }
  // A theme needs a strong term or two clues, unless it is the item's main theme or its title says it.
  const titled = new Set([...found.evidence.values()].filter((e) => e.inTitle).map((e) => e.theme));
  const matched = [...byTheme]
    .filter(([id, s]) =>
      vocabulary.crossCutting.has(id) ? s >= CROSS_CUTTING_MIN : s >= THEME_MIN || titled.has(id) || (s === best && s > 0),
    )
    .map(([id]) => id);
  const themes = [...new Set([...source.themes, ...matched])].sort();
  return { keep, themes, score: round(Math.max(score, included ? THRESHOLD : 0)), reasons: dedupedReasons, ...ignored };
}
