import { readFileSync } from "node:fs";
import { rssPlugin } from "@11ty/eleventy-plugin-rss";
import type UserConfig from "@11ty/eleventy/UserConfig";

const template = (name: string) => readFileSync(new URL(`../feeds/${name}`, import.meta.url), "utf8");

/**
 * `/feed.xml` (Atom), `/feed.json` (JSON Feed 1.1) and `/themes/<id>/feed.xml`, from `collections.feeds`.
 * The plugin's date filters and the base plugin's `htmlBaseUrl` are used in our own templates
 * rather than its virtual template: that one lists collections oldest first when they are sorted
 * newest first, and writes JSON strings without JSON escaping.
 */
export function feedsPlugin(eleventyConfig: UserConfig): void {
  eleventyConfig.addPlugin(rssPlugin);
  const feedPage = { eleventyExcludeFromCollections: true, layout: false };
  eleventyConfig.addTemplate("feeds/atom.njk", template("atom.njk"), {
    ...feedPage,
    pagination: { data: "collections.feeds", size: 1, alias: "feed" },
    permalink: "{{ feed.url }}",
  });
  eleventyConfig.addTemplate("feeds/json.njk", template("json.njk"), { ...feedPage, permalink: "/feed.json" });
}
