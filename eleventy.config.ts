import { existsSync } from "node:fs";
import { HtmlBasePlugin } from "@11ty/eleventy";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { loadLinkState } from "./src/core/link-state.ts";
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
import { withPublicUrl } from "./src/site/editorial/site-url.ts";
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
  // `site.url` as templates see it: the deployment's address when the build is told it (SITE_URL).
  const site = withPublicUrl(loadYamlFile(DATA_FILES.site, siteSchema), process.env.SITE_URL);
  const labels = createLabels(themes, new Map(registry.map((s) => [s.id, s.name])));
  // Read here, not by Eleventy's data cascade: when serving (`npm start`, `npm run admin`), a change
  // to one of them reloads this configuration, so the preview shows a saved file seconds later.
  for (const file of [DATA_FILES.themes, DATA_FILES.sources, DATA_FILES.sourceState, DATA_FILES.site])
    eleventyConfig.addWatchTarget(file, { resetConfig: true });

  // Content (src/site/content/): data files validated on read; content files typed, validated and
  // completed by their declaration (content-types.ts).
  eleventyConfig.addPlugin(dataValidationPlugin, {
    loaded: { themes, sources: registry, sourceState: state, site, linkState: loadLinkState(DATA_FILES.linkState) },
  });
  // Called rather than added as a plugin: it hands back the imported entries (the watch), read by the site itself.
  const imported = contentTypesPlugin(eleventyConfig, { themes });

  // Templates: filters (src/site/filters.ts).
  eleventyConfig.addPlugin(filtersPlugin, { labels });
  // Lists (src/site/lists/): every collection, built once per build; the paginated listings (watch pages, weekly letters, theme pages).
  eleventyConfig.addPlugin(listingsPlugin, { themes, imported });

  // Published under a path prefix (GitHub Pages serves /<repo>/): root-relative URLs in HTML get it at build time.
  eleventyConfig.addPlugin(HtmlBasePlugin);

  // Feeds (src/site/feeds/): site and theme feeds, the sources' OPML, XML outputs kept well-formed.
  eleventyConfig.addPlugin(feedsPlugin, { labels, siteName: site.name, registry });
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
