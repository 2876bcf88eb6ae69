import { readFileSync } from "node:fs";
import { rssPlugin } from "@11ty/eleventy-plugin-rss";
import type { Theme } from "../../core/taxonomy.ts";
import { collections, type CollectionApi } from "../collections.ts";
import { feedSpecs, themeShelves } from "../theme-shelves.ts";

const template = (name: string) => readFileSync(new URL(`../feeds/${name}`, import.meta.url), "utf8");

/**
 * `/feed.xml` (Atom), `/feed.json` (JSON Feed 1.1) and `/themes/<id>/feed.xml`.
 * The plugin's date filters and the base plugin's `htmlBaseUrl` are used in our own templates
 * rather than its virtual template: that one lists collections oldest first when they are sorted
 * newest first, and writes JSON strings without JSON escaping.
 */
export function feedsPlugin(eleventyConfig: any, { themes }: { themes: readonly Theme[] }): void {
  eleventyConfig.addPlugin(rssPlugin);
  eleventyConfig.addCollection("feeds", (api: CollectionApi) => {
    const lists = { watch: collections.watch(api), resources: collections.resources(api), posts: collections.posts(api) };
    return feedSpecs(themes, themeShelves(themes, lists), lists);
  });
  const feedPage = { eleventyExcludeFromCollections: true, layout: false };
  eleventyConfig.addTemplate("feeds/atom.njk", template("atom.njk"), {
    ...feedPage,
    pagination: { data: "collections.feeds", size: 1, alias: "feed" },
    permalink: "{{ feed.url }}",
  });
  eleventyConfig.addTemplate("feeds/json.njk", template("json.njk"), { ...feedPage, permalink: "/feed.json" });
}
