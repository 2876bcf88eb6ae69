import { readFileSync } from "node:fs";
import { rssPlugin } from "@11ty/eleventy-plugin-rss";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Source } from "../../core/sources.ts";
import type { Entry } from "../content/entries.ts";
import { feedId } from "../editorial/site-url.ts";
import { feedEntry, jsonFeed, noticeHtml, rightsHtml } from "./entries.ts";
import { registryOpml, type OpmlHead } from "./opml.ts";
import type { FeedSpec } from "./specs.ts";
import type { Labels } from "../search/facets.ts";
import { xmlSafe } from "../../core/xml-chars.ts";
import { isXmlOutput } from "./xml-output.ts";

const template = (name: string) => readFileSync(new URL(name, import.meta.url), "utf8");

/**
 * `/feed.xml` (Atom), `/feed.json` (JSON Feed 1.1) and `/themes/<id>/feed.xml`, from `collections.feeds`,
 * the `registryOpml` filter (`/sources.opml`), and every XML output stripped of the characters XML forbids.
 * The plugin's date filters and the base plugin's `htmlBaseUrl` are used in our own templates
 * rather than its virtual template: that one lists collections oldest first when they are sorted
 * newest first, and writes JSON strings without JSON escaping. What both feeds say of an entry
 * (author, summary, link, themes) comes from one function, `feedEntry` (src/site/feeds/entries.ts);
 * the JSON Feed is an object serialised by `JSON.stringify`.
 */
export function feedsPlugin(
  eleventyConfig: UserConfig,
  { labels, siteName, registry = [] }: { labels: Labels; siteName: string; registry?: readonly Source[] },
): void {
  // Sources whose content the site may reproduce, with their licence ("" while not stated).
  const reproduced = new Map(registry.filter((s) => s.reuse === "full").map((s) => [s.id, s.licence ?? ""]));
  eleventyConfig.addPlugin(rssPlugin);
  eleventyConfig.addFilter("feedEntry", (entry: Entry) => feedEntry(entry, labels, siteName, reproduced));
  eleventyConfig.addFilter("feedId", feedId);
  eleventyConfig.addFilter("noticeHtml", noticeHtml);
  eleventyConfig.addFilter("rightsHtml", rightsHtml);
  eleventyConfig.addFilter("registryOpml", (sources: Source[], head: OpmlHead) => registryOpml(sources, head));
  const buildJsonFeed = async function (
    this: unknown,
    feed: FeedSpec,
    site: { url: string; shortName: string; name: string; description: string },
  ) {
    // Eleventy's own filters, as the Atom template uses them: entry bodies through the site's
    // transforms with the absolute base, URLs with the path prefix.
    const renderTransforms = eleventyConfig.getFilter("renderTransforms") as (
      this: unknown,
      html: string,
      page: unknown,
      base: string,
    ) => Promise<string>;
    const absolute = eleventyConfig.getFilter("htmlBaseUrl") as (this: unknown, url: string, base: string) => string;
    const entries = await Promise.all(
      feed.entries.map(async (entry) => {
        const content = String((entry as Entry & { content?: string }).content ?? "");
        return {
          url: absolute.call(this, entry.url, site.url),
          fields: feedEntry(entry, labels, siteName, reproduced),
          body: content.trim() ? await renderTransforms.call(this, content, entry.data.page, site.url) : "",
        };
      }),
    );
    const head = {
      title: `Veille et billets – ${site.shortName}`,
      homeUrl: absolute.call(this, "/", site.url),
      feedUrl: absolute.call(this, "/feed.json", site.url),
      description: site.description,
      author: site.name,
    };
    return JSON.stringify(jsonFeed(head, entries), null, 2);
  };
  // Registered for Nunjucks with its callback rather than through `addAsyncFilter`, whose wrapper
  // drops a rejection: an entry body read before Eleventy has rendered it must reach Eleventy,
  // which then renders this template again once the bodies are there.
  eleventyConfig.addNunjucksAsyncFilter(
    "jsonFeed",
    function (this: unknown, feed: FeedSpec, site: Parameters<typeof buildJsonFeed>[1], done: (error: unknown, result?: string) => void) {
      buildJsonFeed.call(this, feed, site).then((json) => done(null, json), done);
    },
  );
  // Feeds, the OPML list and the e-mail letter carry text from feeds and the registry: one
  // character XML forbids would make the whole file unreadable (src/core/xml-chars.ts).
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
