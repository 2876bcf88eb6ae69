// @ts-check
/**
 * The benchmark of record's baseline, run by plain `node` as an outside reviewer would: bare
 * Eleventy over the watch item files only, one trivial layout, nothing else. JavaScript because
 * Node 20 cannot load a TypeScript config without tsx, and tsx is what this baseline leaves out.
 */

/** @param {import("@11ty/eleventy/UserConfig").default} eleventyConfig */
export default function (eleventyConfig) {
  eleventyConfig.addGlobalData("layout", "base.njk");
  return {
    dir: { input: "content/veille", includes: "../../src/bench/bare", output: "_site-bare-items" },
    markdownTemplateEngine: false,
    templateFormats: ["md"],
  };
}
