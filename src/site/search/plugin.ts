import type UserConfig from "@11ty/eleventy/UserConfig";
import { directoryLinks } from "./directory.ts";
import { FACETS, searchUrl, type Labels } from "./facets.ts";
import { writeSearchIndex } from "./pagefind.ts";
import { searchTags } from "./tags.ts";

/**
 * The `searchTags` filter (the page's Pagefind filters, sort key and metadata, read from the
 * page's data in the template context, or from the data given), the `searchUrl` and `directoryLinks` filters (links into the search) and the
 * facets as global data `searchFacets`, rendered into the search page for its script.
 */
export function searchPlugin(eleventyConfig: UserConfig, { labels, themeIds }: { labels: Labels; themeIds: readonly string[] }): void {
  eleventyConfig.addFilter("searchTags", function (this: { ctx: Record<string, unknown> }, typeId: string, data?: Record<string, unknown>) {
    return searchTags({ ...(data ?? this.ctx), contentType: typeId }, labels);
  });
  eleventyConfig.addFilter("searchUrl", (value: string, facetId: string) => searchUrl(labels, facetId, value));
  eleventyConfig.addFilter("directoryLinks", (resources: Array<{ data: Record<string, unknown> }>, facetId: string) =>
    directoryLinks(resources, facetId, { labels, themeIds }),
  );
  eleventyConfig.addGlobalData("searchFacets", FACETS);
  // JSON inside <script>: `<` escaped, so no value can close the element.
  eleventyConfig.addFilter("jsonForScript", (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c"));
  // `npm start` (serve) and watch mode refresh the index after every rebuild. `npm run build` indexes
  // once Eleventy has exited instead (src/site/build.ts), so their memory peaks do not add up.
  eleventyConfig.on("eleventy.after", async ({ directories, runMode }: { directories: { output: string }; runMode: string }) => {
    if (runMode !== "build") await writeSearchIndex(directories.output);
  });
}
