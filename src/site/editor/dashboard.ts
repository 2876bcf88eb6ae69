import type UserConfig from "@11ty/eleventy/UserConfig";
import { contentFileOf, typeOfFile } from "../content/content-types.ts";
import type { Site } from "../content/schemas.ts";
import { missingLegalFields } from "../editorial/legal.ts";
import { failingLinks, type LinkState } from "../editorial/link-state.ts";
import type { HealthKind, SourceHealth } from "../editorial/source-health.ts";
import { isoDate } from "../filters.ts";
import { collectionName } from "./cms-config.ts";

/** The editor's page for a content file (`./content/ressources/x.md`), or undefined outside every type. */
export function editorUrl(inputPath: string): string | undefined {
  const file = contentFileOf(inputPath);
  const type = file && typeOfFile(file);
  if (!file || !type) return undefined;
  const year = type.folder.includes("*") ? file.folders.at(-1) : undefined;
  return `/admin/#/collections/${collectionName(type, year)}/entries/${file.stem}`;
}

/** The editor's page for a data file the editor edits as a whole (`site`, `sources`, `themes`, `lettres`). */
export function editorDataUrl(name: string): string {
  return `/admin/#/collections/donnees/entries/${name}`;
}

/** Sources a maintainer should look at: failing, gone, moved (permanent redirect) or paused by the site. */
export function troubledSources<T extends Pick<SourceHealth, "kind">>(rows: readonly T[]): T[] {
  const kinds: readonly HealthKind[] = ["failing", "gone", "moved", "throttled"];
  return rows.filter((row) => kinds.includes(row.kind));
}

interface Fetched {
  data: { fetched?: string | Date; hidden?: boolean };
}

/** Watch items the collecte kept in the `days` days before `now`, as they are listed (newest first). */
export function keptSince<T extends Fetched>(items: readonly T[], days: number, now: Date = new Date()): T[] {
  const since = now.getTime() - days * 24 * 60 * 60 * 1000;
  return items.filter((item) => item.data.fetched !== undefined && new Date(item.data.fetched).getTime() >= since);
}

interface Kept {
  data: { fetched?: string | Date; source: string };
}

/** One source's items kept on one day. */
export interface SourceItems<T> {
  source: string;
  items: T[];
}

/** What the collecte kept on one calendar day (Paris time), by source. */
export interface KeptDay<T> {
  /** `YYYY-MM-DD`. */
  day: string;
  count: number;
  sources: SourceItems<T>[];
}

/**
 * Kept items by the day the collecte kept them (newest day first), then by source (the source
 * that brought most first, then by id); each source's items stay in the order given.
 */
export function keptByDay<T extends Kept>(items: readonly T[]): KeptDay<T>[] {
  const days = new Map<string, Map<string, T[]>>();
  for (const item of items) {
    if (item.data.fetched === undefined) continue;
    const day = isoDate(item.data.fetched);
    let sources = days.get(day);
    if (!sources) days.set(day, (sources = new Map()));
    let list = sources.get(item.data.source);
    if (!list) sources.set(item.data.source, (list = []));
    list.push(item);
  }
  return [...days]
    .sort(([a], [b]) => b.localeCompare(a))
    .map(([day, sources]) => ({
      day,
      count: [...sources.values()].reduce((sum, list) => sum + list.length, 0),
      sources: [...sources]
        .map(([source, list]) => ({ source, items: list }))
        .sort((a, b) => b.items.length - a.items.length || a.source.localeCompare(b.source)),
    }));
}

/**
 * What the site's dashboard (content/admin/tableau-de-bord.njk) shows beside the `propositions`
 * collection (src/site/lists/collections.ts): counts first; then what needs a person (the legal
 * fields still empty, `legalMissing`; resources whose link fails; troubled sources; texts awaiting
 * validation), each line linked to the editor; then the week's watch by day and source, folded.
 */
export function dashboardPlugin(eleventyConfig: UserConfig, { site }: { site: Site }): void {
  eleventyConfig.addGlobalData("legalMissing", missingLegalFields(site));
  eleventyConfig.addFilter("editorUrl", editorUrl);
  eleventyConfig.addFilter("editorDataUrl", editorDataUrl);
  eleventyConfig.addFilter("troubledSources", troubledSources);
  eleventyConfig.addFilter("keptSince", (items: Fetched[], days: number) => keptSince(items, days));
  eleventyConfig.addFilter("keptByDay", keptByDay);
  eleventyConfig.addFilter("groupSelection", (items: Array<{ data: { selected?: boolean } }>) =>
    items.filter((item) => item.data.selected),
  );
  eleventyConfig.addFilter("failingLinks", (resources: Array<{ data: { url: string } }>, state: LinkState | undefined) =>
    failingLinks(resources, state),
  );
}
