import { DateTime } from "luxon";
import {
  AUDIENCE_LABELS,
  RESOURCE_TYPE_LABELS,
  SECTION_LABELS,
  TERRITORY_LABELS,
  type Theme,
} from "../core/taxonomy.ts";

export const ZONE = "Europe/Paris";

function toDateTime(value: Date | string): DateTime {
  const dt = value instanceof Date ? DateTime.fromJSDate(value) : DateTime.fromISO(value, { setZone: true });
  return dt.setZone(ZONE).setLocale("fr");
}

/** « 23 novembre 2026 », as French readers write dates. */
export function dateFr(value: Date | string): string {
  return toDateTime(value).toFormat("d LLLL yyyy");
}

/** Machine-readable date for `<time datetime>`. */
export function isoDate(value: Date | string): string {
  return toDateTime(value).toISODate() ?? "";
}

export function year(value: Date | string): string {
  return String(toDateTime(value).year);
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

export function createThemeLabel(themes: readonly Theme[]) {
  return labelFrom(Object.fromEntries(themes.map((t) => [t.id, t.label])), "thème");
}

/** Source ids are stable keys; readers see the source's name. Unknown ids (a retired source) show as is. */
export function createSourceName(names: ReadonlyMap<string, string>) {
  return (id: string): string => names.get(id) ?? id;
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
