import { readdirSync } from "node:fs";
import type UserConfig from "@11ty/eleventy/UserConfig";

/**
 * The benchmark's first baseline, run through tsx like the site: bare Eleventy over the same
 * Markdown files as the site (same count, same front matter, read by Eleventy's default YAML engine
 * without validation), one trivial layout, no plugin, no collection, no data file.
 */
export default function (eleventyConfig: UserConfig) {
  eleventyConfig.addGlobalData("layout", "base.njk");
  // Pages name the site's layouts in their front matter: every one of them is the trivial layout here.
  for (const name of readdirSync("src/layouts").filter((file) => file.endsWith(".njk"))) eleventyConfig.addLayoutAlias(name, "base.njk");
  return {
    dir: { input: "content", includes: "../src/bench/bare", output: "_site-bare" },
    markdownTemplateEngine: false,
    templateFormats: ["md"],
  };
}
