/** Minimal view of the data Eleventy hands to computed permalinks. */
interface PageData {
  page: { fileSlug: string; filePathStem: string };
}

/**
 * Watch items are imported text: they are rendered as plain Markdown, never through Liquid or
 * Nunjucks, so `{{ }}` or `{% %}` in a title stays text. Their URL drops the date prefix that
 * keeps the files sorted on disk: /veille/2026/<slug>/.
 */
export const watchItemData = {
  layout: "watch-item.njk",
  templateEngineOverride: "md",
  permalink: (data: PageData) => `/veille/${data.page.filePathStem.split("/").at(-2)}/${data.page.fileSlug}/`,
};
