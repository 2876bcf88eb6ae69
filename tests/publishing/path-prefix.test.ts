import { mkdir, readdir, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectBrowser, openPage } from "../support/browser.ts";
import { brokenInternalLinks } from "../support/links.ts";
import { prepareSite, runBuild } from "../support/site-build.ts";
import { serveStatic, type StaticServer } from "../support/static-server.ts";
import { childText, children, parseXml } from "../support/xml.ts";

/** GitHub Pages serves a project site under /<repository>/ at its origin: the build is told with --pathprefix and SITE_URL, as the nightly does. */
const PREFIX = "/depot/";
const ORIGIN = "https://groupe-appui.github.io";
const ABSOLUTE = `${ORIGIN}${PREFIX}`;

let root: string;
let published: string;
let server: StaticServer;
let browser: Browser;
const read = (url: string) => readFile(join(published, url, url.endsWith("/") ? "index.html" : ""), "utf8");

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".html")).map((e) => join(e.parentPath, e.name));
}

beforeAll(async () => {
  root = await prepareSite({ content: { veille: "tests/fixtures/publishing/veille" } });
  process.env.SITE_URL = ORIGIN;
  try {
    [browser] = await Promise.all([connectBrowser(), runBuild(root, [`--pathprefix=${PREFIX}`])]);
  } finally {
    delete process.env.SITE_URL;
  }
  // Served as Pages would: the site's root is the /depot/ folder of the server.
  published = join(root, "public", PREFIX);
  await mkdir(join(root, "public"));
  await rename(join(root, "_site"), published);
  server = await serveStatic(join(root, "public"));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe("a build under a path prefix", () => {
  it("prefixes every root-relative link, asset and form action of every page", async () => {
    const unprefixed: string[] = [];
    for (const file of await htmlFiles(published)) {
      const html = await readFile(file, "utf8");
      for (const [, attribute, url] of html.matchAll(/\b(href|src|action)="(\/[^"]*)"/g)) {
        if (!url!.startsWith(PREFIX)) unprefixed.push(`${file.slice(published.length)} ${attribute}="${url}"`);
      }
    }
    expect(unprefixed).toEqual([]);
  });

  it("leaves no internal link broken", async () => {
    expect(await brokenInternalLinks(`${server.url}${PREFIX}`)).toEqual([]);
  }, 60_000);

  it("gives the canonical address with the prefix", async () => {
    expect(await read("/themes/laicite/")).toContain(`<link rel="canonical" href="${ABSOLUTE}themes/laicite/">`);
  });

  it("writes the prefix into every URL of the Atom feeds", async () => {
    for (const url of ["/feed.xml", "/themes/laicite/feed.xml"]) {
      const feed = parseXml(await read(url)).documentElement!;
      expect(childText(feed, "id")).toBe(`${ABSOLUTE}${url.slice(1)}`);
      for (const entry of children(feed, "entry")) expect(childText(entry, "id").startsWith(ABSOLUTE)).toBe(true);
    }
  });

  it("writes the prefix into the JSON feed", async () => {
    const feed = JSON.parse(await read("/feed.json"));
    expect([feed.home_page_url, feed.feed_url]).toEqual([ABSOLUTE, `${ABSOLUTE}feed.json`]);
    for (const item of feed.items) expect(item.url.startsWith(ABSOLUTE)).toBe(true);
  });

  it("points the e-mail letter to its online version under the prefix", async () => {
    expect(await read("/veille/lettre/2026-S48/courriel.html")).toContain(`href="${ABSOLUTE}veille/lettre/2026-S48/"`);
  });

  it("loads the search index from under the prefix and links results there", async () => {
    const page = await openPage(browser, `${server.url}${PREFIX}recherche/?q=radicalisation`);
    await page.waitForSelector(".search-result a");
    const hrefs = await page.$$eval(".search-result a", (links) => links.map((a) => a.getAttribute("href") ?? ""));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href.startsWith(PREFIX)).toBe(true);
    await page.context().close();
  });
});
