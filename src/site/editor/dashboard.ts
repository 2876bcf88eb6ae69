import type UserConfig from "@11ty/eleventy/UserConfig";
import { contentFileOf, typeOfFile } from "../content/content-types.ts";
import type { Site } from "../content/schemas.ts";
import { missingLegalFields } from "../editorial/legal.ts";
import { failingLinks, type LinkState } from "../editorial/link-state.ts";
import type { HealthKind, SourceHealth } from "../editorial/source-health.ts";
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

/**
 * What the maintainers' dashboard (content/admin/tableau-de-bord.njk) shows beside the
 * `propositions` collection (src/site/lists/collections.ts): the legal fields still empty
 * (`legalMissing`), resources whose link fails, troubled sources and the week's watch, each line
 * linked to the editor.
 */
export function dashboardPlugin(eleventyConfig: UserConfig, { site }: { site: Site }): void {
  eleventyConfig.addGlobalData("legalMissing", missingLegalFields(site));
  eleventyConfig.addFilter("editorUrl", editorUrl);
  eleventyConfig.addFilter("editorDataUrl", editorDataUrl);
  eleventyConfig.addFilter("troubledSources", troubledSources);
  eleventyConfig.addFilter("keptSince", (items: Fetched[], days: number) => keptSince(items, days));
  eleventyConfig.addFilter("failingLinks", (resources: Array<{ data: { url: string } }>, state: LinkState | undefined) => failingLinks(resources, state));
}
