import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import * as pagefind from "pagefind";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { directoryLinks } from "../directory-filters.ts";
import { FACETS, searchUrl, type Labels } from "../search-facets.ts";
import { searchTags } from "../search-tags.ts";

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

/**
 * The `searchTags` filter (the page's Pagefind filters, sort key and metadata, read from the
 * page's data in the template context, or from the data given), the `searchUrl` and `directoryLinks` filters (links into the search) and the
 * facets as global data `searchFacets`, rendered into the search page for its script.
 */
export function searchIndexPlugin(eleventyConfig: UserConfig, { labels, themeIds }: { labels: Labels; themeIds: readonly string[] }): void {
  eleventyConfig.addFilter("searchTags", function (this: { ctx: Record<string, unknown> }, typeId: string, data?: Record<string, unknown>) {
    return searchTags({ ...(data ?? this.ctx), contentType: typeId }, labels);
  });
  eleventyConfig.addFilter("searchUrl", (value: string, facetId: string) => searchUrl(labels, facetId, value));
  eleventyConfig.addFilter("directoryLinks", (resources: Array<{ data: Record<string, unknown> }>, facetId: string) => directoryLinks(resources, facetId, { labels, themeIds }));
  eleventyConfig.addGlobalData("searchFacets", FACETS);
  // JSON inside <script>: `<` escaped, so no value can close the element.
  eleventyConfig.addFilter("jsonForScript", (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c"));
  // `npm start` (serve) and watch mode refresh the index after every rebuild. `npm run build` indexes
  // once Eleventy has exited instead (src/site/build.ts), so their memory peaks do not add up.
  eleventyConfig.on("eleventy.after", async ({ directories, runMode }: { directories: { output: string }; runMode: string }) => {
    if (runMode !== "build") await writeSearchIndex(directories.output);
  });
}
