import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import * as pagefind from "pagefind";
import { isoDate, year } from "../filters.ts";

/** What a content layout knows about its page, handed over by `partials/search-meta.njk`. */
export interface SearchableData {
  layout?: string;
  /** `page.date`: the publication date of watch items and posts. */
  date?: Date;
  section?: string;
  source?: string;
  territory?: string;
  themes?: string[];
  type?: string;
  organisation?: string;
  audiences?: string[];
  updated?: Date | string;
  author?: string;
}

/** Turns the ids stored in front matter into the words readers see. */
export interface SearchLabels {
  theme(id: string): string;
  section(id: string): string;
  territory(id: string): string;
  resourceType(id: string): string;
  audience(id: string): string;
  source(id: string): string;
}

/** One Pagefind attribute: a filter value, a sort key or a piece of result metadata. */
export interface SearchTag {
  kind: "filter" | "sort" | "meta";
  name: string;
  value: string;
}

/**
 * Sort key of pages without a date. Pagefind leaves pages without the key out of a sorted search;
 * this one keeps them, after every dated page when the newest come first.
 */
export const UNDATED = "0000-00-00";

/**
 * Filters, sort key and result metadata of a content page (DESIGN.md, "Search"). Values are the
 * French labels, so the search page shows them as they are and a shared URL reads plainly.
 * Resources also get a `ressource` filter with their kind: folding the twelve kinds into `type`
 * would bury "Ressource" among them and leave no way to ask for every resource at once.
 * Pagefind searches metadata too: the layouts keep their lists of facts out of the index, and the
 * metadata carries what a reader may look for (source, themes, audiences, type), never boilerplate.
 * Resources have no publication date: their date is the day the record was last checked.
 */
export function searchTags(data: SearchableData, labels: SearchLabels): SearchTag[] {
  const tags: SearchTag[] = [];
  const add = (kind: SearchTag["kind"], name: string, value: string | undefined) => {
    if (value) tags.push({ kind, name, value });
  };
  const dated = (when: Date | string | undefined, meta: "date" | "verifie") => {
    if (!when) return;
    add("filter", "annee", year(when));
    add("sort", "date", isoDate(when));
    add("meta", meta, isoDate(when));
  };
  const themes = (data.themes ?? []).map(labels.theme);
  for (const theme of themes) add("filter", "theme", theme);
  if (themes.length) add("meta", "themes", themes.join(", "));
  if (data.territory) add("filter", "territoire", labels.territory(data.territory));

  switch (data.layout) {
    case "watch-item.njk": {
      const section = data.section ? labels.section(data.section) : "Veille";
      const source = data.source ? labels.source(data.source) : undefined;
      add("filter", "type", section);
      add("meta", "type", `Veille · ${section}`);
      add("filter", "source", source);
      add("meta", "source", source);
      dated(data.date, "date");
      break;
    }
    case "resource.njk": {
      const kind = data.type ? labels.resourceType(data.type) : undefined;
      add("filter", "type", "Ressource");
      add("filter", "ressource", kind);
      add("meta", "type", kind ? `Ressource · ${kind}` : "Ressource");
      add("filter", "source", data.organisation);
      add("meta", "source", data.organisation);
      add("meta", "publics", (data.audiences ?? []).map(labels.audience).join(", "));
      dated(data.updated, "verifie");
      break;
    }
    case "post.njk":
      add("filter", "type", "Billet");
      add("meta", "type", "Billet");
      add("filter", "source", data.author);
      add("meta", "source", data.author);
      dated(data.date, "date");
      break;
    default:
      add("filter", "type", "Page");
      add("meta", "type", "Page");
      add("sort", "date", UNDATED);
  }
  return tags;
}

/**
 * Output folders made only of listings, which carry no `data-pagefind-body`. Pagefind reads every
 * file it is given and its memory grows with each one: at 20 000 items these folders are 70 MB of
 * HTML, costing 0.4 GB and a third of the indexing time for not a single indexed page.
 */
export const LISTING_FOLDERS = ["veille/page", "veille/lettre", "themes", "pagefind"];

const globLiteral = (name: string) => name.replace(/[\\{}[\]*?,!]/g, "\\$&");

/** A Pagefind glob for every HTML file of `site` outside the listing folders. */
export async function indexableGlob(site: string, skip: readonly string[] = LISTING_FOLDERS): Promise<string> {
  const patterns: string[] = [];
  // `dir` is the folder's path, compared with `skip`; `glob` the same path escaped for Pagefind.
  const walk = async (dir: string, glob: string): Promise<void> => {
    patterns.push(`${glob}*.html`);
    for (const entry of await readdir(join(site, dir), { withFileTypes: true })) {
      const path = `${dir}${entry.name}`;
      if (!entry.isDirectory() || skip.includes(path)) continue;
      const pathGlob = `${glob}${globLiteral(entry.name)}`;
      if (skip.some((folder) => folder.startsWith(`${path}/`))) await walk(`${path}/`, `${pathGlob}/`);
      else patterns.push(`${pathGlob}/**/*.html`);
    }
  };
  await walk("", "");
  return `{${patterns.join(",")}}`;
}

/**
 * Indexes the built site in French and writes the bundle to `<site>/pagefind/`. Only elements
 * marked `data-pagefind-body` are indexed, so listings, navigation and footers never are.
 */
export async function writeSearchIndex(site: string): Promise<{ pages: number }> {
  const fail = (step: string, errors: string[]) => new Error(`Index de recherche (${step}) : ${errors.join(" ; ")}`);
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: "fr" });
    if (!index) throw fail("création", errors);
    const added = await index.addDirectory({ path: site, glob: await indexableGlob(site) });
    if (added.errors.length) throw fail("lecture des pages", added.errors);
    // Chunks are named by content hash: without a clean folder, every rebuild would leave the old ones behind.
    const bundle = join(site, "pagefind");
    await rm(bundle, { recursive: true, force: true });
    const written = await index.writeFiles({ outputPath: bundle });
    if (written.errors.length) throw fail("écriture", written.errors);
    return { pages: added.page_count };
  } finally {
    // The Pagefind service is a child process: left running, it would keep `npm run build` alive.
    await pagefind.close();
  }
}

export function searchIndexPlugin(eleventyConfig: any): void {
  const label = (name: string) => (id: string) => eleventyConfig.getFilter(name)(id) as string;
  const labels: SearchLabels = {
    theme: label("themeLabel"),
    section: label("sectionLabel"),
    territory: label("territoryLabel"),
    resourceType: label("resourceTypeLabel"),
    audience: label("audienceLabel"),
    source: label("sourceName"),
  };
  eleventyConfig.addFilter("searchTags", (data: SearchableData) => searchTags(data, labels));
  // `npm start` (serve) and watch mode refresh the index after every rebuild. `npm run build` indexes
  // once Eleventy has exited instead (src/site/build.ts), so their memory peaks do not add up.
  eleventyConfig.on("eleventy.after", async ({ directories, runMode }: { directories: { output: string }; runMode: string }) => {
    if (runMode !== "build") await writeSearchIndex(directories.output);
  });
}
