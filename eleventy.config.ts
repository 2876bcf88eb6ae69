import { existsSync } from "node:fs";
import { HtmlBasePlugin } from "@11ty/eleventy";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { CONTENT_DIR, DATA_FILES } from "./src/core/paths.ts";
import { loadState } from "./src/core/source-state.ts";
import { loadRegistry, loadThemes } from "./src/core/sources.ts";
import { loadYamlFile } from "./src/core/validation.ts";
import { contentTypesPlugin, dataValidationPlugin } from "./src/site/content/plugin.ts";
import { siteSchema } from "./src/site/content/schemas.ts";
import { dashboardPlugin } from "./src/site/editor/dashboard.ts";
import { editorPlugin } from "./src/site/editor/plugin.ts";
import { lettersPlugin } from "./src/site/editorial/letters.ts";
import { editorialPlugin } from "./src/site/editorial/plugin.ts";
import { feedsPlugin } from "./src/site/feeds/plugin.ts";
import { createLabels, filtersPlugin } from "./src/site/filters.ts";
import { listingsPlugin } from "./src/site/lists/plugin.ts";
import { searchPlugin } from "./src/site/search/plugin.ts";

export default function (eleventyConfig: UserConfig) {
  // Read and validated once: the theme catalogue, the registry, the sources' state and the site's
  // identity (with the ingest pipeline's own rules) feed filters and plugins, and are handed to
  // Eleventy as global data without a second read. A fresh fork without a registry builds with no source.
  const themes = loadThemes(DATA_FILES.themes);
  const registry = existsSync(DATA_FILES.sources) ? loadRegistry(DATA_FILES.sources, themes) : [];
  const state = loadState(DATA_FILES.sourceState);
  const site = loadYamlFile(DATA_FILES.site, siteSchema);
  const labels = createLabels(themes, new Map(registry.map((s) => [s.id, s.name])));

  // Content (src/site/content/): data files validated on read; content files typed, validated and
  // completed by their declaration (content-types.ts).
  eleventyConfig.addPlugin(dataValidationPlugin, { loaded: { themes, sources: registry, sourceState: state, site } });
  // Called rather than added as a plugin: it hands back the imported entries (the watch), read by the site itself.
  const imported = contentTypesPlugin(eleventyConfig, { themes });

  // Templates: filters (src/site/filters.ts).
  eleventyConfig.addPlugin(filtersPlugin, { labels });
  // Lists (src/site/lists/): every collection, built once per build; the paginated listings (watch pages, weekly letters, theme pages).
  eleventyConfig.addPlugin(listingsPlugin, { themes, imported });

  // Published under a path prefix (GitHub Pages serves /<repo>/): root-relative URLs in HTML get it at build time.
  eleventyConfig.addPlugin(HtmlBasePlugin);

  // Feeds (src/site/feeds/): site and theme feeds, the sources' OPML, XML outputs kept well-formed.
  eleventyConfig.addPlugin(feedsPlugin, { labels, siteName: site.name });
  // Editorial (src/site/editorial/): what the pages say about the site itself: sources' health,
  // link checks, legal fields still empty, typography; the weekly letters' introductions.
  eleventyConfig.addPlugin(editorialPlugin, { site, registry, state });
  eleventyConfig.addPlugin(lettersPlugin);

  // Assets are copied as they are: no third-party request, no build step.
  eleventyConfig.addPassthroughCopy({ "src/assets": "assets" });

  // Editor (src/site/editor/): the editor at /admin/ (Decap CMS from node_modules) and its
  // configuration, generated from the schemas; the maintainers' dashboard.
  eleventyConfig.addPlugin(editorPlugin, { themes, sources: registry, site });
  eleventyConfig.addPlugin(dashboardPlugin, { site });

  // Search (src/site/search/): filters and sort keys on content pages; the French Pagefind index is
  // written by `npm run build` once Eleventy has exited, and after each rebuild by `npm start`.
  eleventyConfig.addPlugin(searchPlugin, { labels, themeIds: themes.map((t) => t.id) });

  return {
    dir: { input: CONTENT_DIR, includes: "../src/layouts", data: "../_data", output: "_site" },
    // Markdown is never run through a template language: imported text must stay text.
    markdownTemplateEngine: false,
    htmlTemplateEngine: "njk",
    templateFormats: ["md", "njk", "11ty.js"],
  };
}
