import { existsSync } from "node:fs";
import { HtmlBasePlugin } from "@11ty/eleventy";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { DATA_FILES } from "./src/core/paths.ts";
import { loadState } from "./src/core/source-state.ts";
import { loadRegistry } from "./src/core/sources.ts";
import { themesFileSchema } from "./src/core/taxonomy.ts";
import { loadYamlFile } from "./src/core/validation.ts";
import { siteCollections } from "./src/site/collections.ts";
import { createLabels } from "./src/site/filters.ts";
import { contentTypesPlugin } from "./src/site/plugins/content-types.ts";
import { adminPlugin } from "./src/site/plugins/admin.ts";
import { letterIntroPlugin } from "./src/site/plugins/admin-letters.ts";
import { dataValidationPlugin } from "./src/site/plugins/data-validation.ts";
import { editorialPlugin } from "./src/site/plugins/editorial.ts";
import { feedsPlugin } from "./src/site/plugins/feeds.ts";
import { filtersPlugin } from "./src/site/plugins/filters.ts";
import { listingsPlugin } from "./src/site/plugins/listings.ts";
import { searchIndexPlugin } from "./src/site/plugins/search-index.ts";
import { sourcesPlugin } from "./src/site/plugins/sources.ts";
import { siteSchema } from "./src/site/schemas.ts";

export default function (eleventyConfig: UserConfig) {
  // Read and validated once: the theme catalogue, the registry, the sources' state and the site's
  // identity (with the ingest pipeline's own rules) feed filters and plugins, and are handed to
  // Eleventy as global data without a second read. A fresh fork without a registry builds with no source.
  const themes = loadYamlFile(DATA_FILES.themes, themesFileSchema);
  const registry = existsSync(DATA_FILES.sources) ? loadRegistry(DATA_FILES.sources, themes) : [];
  const state = loadState(DATA_FILES.sourceState);
  const site = loadYamlFile(DATA_FILES.site, siteSchema);
  const labels = createLabels(themes, new Map(registry.map((s) => [s.id, s.name])));

  // Data files validated on read; content files typed, validated and completed by their
  // declaration (src/site/content-types.ts).
  eleventyConfig.addPlugin(dataValidationPlugin, { loaded: { "themeCatalog.yaml": themes, "sources.yaml": registry, "sourceState.json": state, "site.yaml": site } });
  // Called rather than added as a plugin: it hands back the imported entries (the watch), read by the site itself.
  const imported = contentTypesPlugin(eleventyConfig, { themes });

  // Templates: filters, and every list built once per build (src/site/collections.ts).
  eleventyConfig.addPlugin(filtersPlugin, { labels });
  for (const [name, build] of Object.entries(siteCollections(themes, undefined, imported))) eleventyConfig.addCollection(name, build);
  // The paginated listings: watch pages, weekly letters, theme pages.
  eleventyConfig.addPlugin(listingsPlugin);

  // Published under a path prefix (GitHub Pages serves /<repo>/): root-relative URLs in HTML get it at build time.
  eleventyConfig.addPlugin(HtmlBasePlugin);

  // Publishing: site and theme feeds, sources (health page and OPML).
  eleventyConfig.addPlugin(feedsPlugin, { labels, siteName: site.name });
  eleventyConfig.addPlugin(sourcesPlugin, { registry, state });
  // What the pages say about the site itself: legal fields still empty, link checks, typography.
  eleventyConfig.addPlugin(editorialPlugin, { site });

  // Assets are copied as they are: no third-party request, no build step.
  eleventyConfig.addPassthroughCopy({ "src/assets": "assets" });

  // The editor at /admin/ (Decap CMS from node_modules) and its configuration, generated from the schemas.
  eleventyConfig.addPlugin(adminPlugin, { themes, sources: registry, site });
  eleventyConfig.addPlugin(letterIntroPlugin);

  // Search: filters and sort keys on content pages; the French Pagefind index is written by
  // `npm run build` once Eleventy has exited, and after each rebuild by `npm start`.
  eleventyConfig.addPlugin(searchIndexPlugin, { labels, themeIds: themes.map((t) => t.id) });

  return {
    dir: { input: "content", includes: "../src/layouts", data: "../_data", output: "_site" },
    // Markdown is never run through a template language: imported text must stay text.
    markdownTemplateEngine: false,
    htmlTemplateEngine: "njk",
    templateFormats: ["md", "njk", "11ty.js"],
  };
}
