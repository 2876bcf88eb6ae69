import { AUDIENCE_LABELS, RESOURCE_TYPE_LABELS, SECTION_LABELS, TERRITORY_LABELS, type Theme } from "../core/taxonomy.ts";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { ZONE } from "../core/time.ts";
import { frenchText } from "./editorial/typography.ts";
import type { Labels } from "./search/facets.ts";

// A date is shown on every card, item page, letter and feed entry: building a zoned Luxon
// DateTime for each was the build's largest per-item cost. Formatters made once are ~100× cheaper.
const frenchDate = new Intl.DateTimeFormat("fr-FR", { timeZone: ZONE, day: "numeric", month: "long", year: "numeric" });
const calendarDay = new Intl.DateTimeFormat("en-US", { timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

function toDate(value: Date | string): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`date invalide : « ${String(value)} »`);
  return date;
}

/**
 * A formatted value per instant, computed once: each item's date is printed on its page, its
 * cards in the watch, its theme pages and its letter, and in the search index (a dozen times).
 */
function memoised<T>(format: (date: Date) => T): (value: Date | string) => T {
  const cache = new Map<number, T>();
  return (value) => {
    const date = toDate(value);
    let formatted = cache.get(date.getTime());
    if (formatted === undefined) {
      formatted = format(date);
      cache.set(date.getTime(), formatted);
    }
    return formatted;
  };
}

const dayParts = memoised((date): Record<"year" | "month" | "day", string> => {
  const parts = Object.fromEntries(calendarDay.formatToParts(date).map((p) => [p.type, p.value]));
  return { year: parts.year!, month: parts.month!, day: parts.day! };
});

/** « 23 novembre 2026 », as French readers write dates, and « 1er décembre 2026 » on the first of a month. */
export const dateFr = memoised((date) =>
  frenchDate
    .formatToParts(date)
    .map((part) => (part.type === "day" && part.value === "1" ? "1er" : part.value))
    .join(""),
);

/** Machine-readable date for `<time datetime>`. */
export function isoDate(value: Date | string): string {
  const { year, month, day } = dayParts(value);
  return `${year}-${month}-${day}`;
}

export function year(value: Date | string): string {
  return dayParts(value).year;
}

function labelFrom<K extends string>(labels: Record<K, string>, kind: string) {
  return (id: string): string => {
    const label = (labels as Record<string, string>)[id];
    if (label === undefined) throw new Error(`${kind} inconnu : « ${id} »`);
    return label;
  };
}

export const territoryLabel = labelFrom(TERRITORY_LABELS, "territoire");
export const sectionLabel = labelFrom(SECTION_LABELS, "rubrique");
export const resourceTypeLabel = labelFrom(RESOURCE_TYPE_LABELS, "type de ressource");
export const audienceLabel = labelFrom(AUDIENCE_LABELS, "public");

/**
 * Every vocabulary's labels, from the theme catalogue and the registry. Source ids are stable
 * keys and readers see the source's name; an unknown id (a retired source) shows as it is.
 */
export function createLabels(themes: readonly Theme[], sourceNames: ReadonlyMap<string, string>): Labels {
  return {
    theme: labelFrom(Object.fromEntries(themes.map((t) => [t.id, t.label])), "thème"),
    section: sectionLabel,
    territory: territoryLabel,
    resourceType: resourceTypeLabel,
    audience: audienceLabel,
    source: (id) => sourceNames.get(id) ?? id,
  };
}

const frenchNumber = new Intl.NumberFormat("fr-FR");

/** A word agreeing with a number, as French does: singular for 0 and 1 (« 0 information »). */
export function plural(count: number, one: string, many = `${one}s`): string {
  return count > 1 ? many : one;
}

/** « 1 information », « 1 250 informations »: the number in French and its word agreeing. */
export function countOf(count: number, one: string, many?: string): string {
  return `${frenchNumber.format(count)} ${plural(count, one, many)}`;
}

/** First `count` entries: Nunjucks has no slice-from-start that reads as plainly. */
export function take<T>(items: readonly T[] | undefined, count: number): T[] {
  return (items ?? []).slice(0, count);
}

/** Groups items by a key, keeping the order of `order` for the groups and dropping empty ones. */
export function groupBy<T, K extends string>(items: readonly T[], key: (item: T) => K, order: readonly K[]): { key: K; items: T[] }[] {
  const groups = new Map<K, T[]>(order.map((k) => [k, []]));
  for (const item of items) groups.get(key(item))?.push(item);
  return [...groups].filter(([, list]) => list.length > 0).map(([k, list]) => ({ key: k, items: list }));
}

/**
 * Date filters, French counts and plurals, one filter per vocabulary turning a stored id into the
 * word readers see, and `typo` (French typography on one value, for layouts typeset at the source).
 */
export function filtersPlugin(eleventyConfig: UserConfig, { labels }: { labels: Labels }): void {
  const filters = {
    dateFr,
    isoDate,
    year,
    take,
    count: countOf,
    plural,
    territoryLabel: labels.territory,
    sectionLabel: labels.section,
    resourceTypeLabel: labels.resourceType,
    audienceLabel: labels.audience,
    themeLabel: labels.theme,
    sourceName: labels.source,
    typo: frenchText,
  };
  for (const [name, filter] of Object.entries(filters)) eleventyConfig.addFilter(name, filter);
}
