import { readFileSync } from "node:fs";
import { rssPlugin } from "@11ty/eleventy-plugin-rss";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { isXmlOutput, xmlSafe } from "../xml-text.ts";

const template = (name: string) => readFileSync(new URL(`../feeds/${name}`, import.meta.url), "utf8");

/**
 * `/feed.xml` (Atom), `/feed.json` (JSON Feed 1.1) and `/themes/<id>/feed.xml`, from `collections.feeds`,
 * and every XML output stripped of the characters XML forbids.
 * The plugin's date filters and the base plugin's `htmlBaseUrl` are used in our own templates
 * rather than its virtual template: that one lists collections oldest first when they are sorted
 * newest first, and writes JSON strings without JSON escaping.
 */
export function feedsPlugin(eleventyConfig: UserConfig): void {
  eleventyConfig.addPlugin(rssPlugin);
  // Feeds, the OPML list and the e-mail letter carry text from feeds and the registry: one
  // character XML forbids would make the whole file unreadable (src/site/xml-text.ts).
  eleventyConfig.addTransform("xml-safe", function (this: { page: { outputPath: string | false } }, content: string) {
    return isXmlOutput(this.page.outputPath) ? xmlSafe(content) : content;
  });
  const feedPage = { eleventyExcludeFromCollections: true, layout: false };
  eleventyConfig.addTemplate("feeds/atom.njk", template("atom.njk"), {
    ...feedPage,
    pagination: { data: "collections.feeds", size: 1, alias: "feed" },
    permalink: "{{ feed.url }}",
  });
  eleventyConfig.addTemplate("feeds/json.njk", template("json.njk"), { ...feedPage, permalink: "/feed.json" });
}
