import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { HtmlValidate } from "html-validate";
import { beforeAll, describe, expect, it } from "vitest";
import { sharedSite, PROJECT_ROOT, type SiteBuild } from "../support/site-build.ts";

const slugsIn = (folder: string) =>
  readdirSync(join(PROJECT_ROOT, "content", folder))
    .filter((f) => f.endsWith(".md"))
    .map((f) => f.replace(/\.md$/, "").replace(/^\d{4}-\d{2}-\d{2}-/, ""));

const PAGES = [
  "/",
  "/a-propos/",
  "/charte/",
  "/contact/",
  "/mentions-legales/",
  "/accessibilite/",
  "/confidentialite/",
  "/ressources/",
  "/blog/",
  "/veille/",
  "/veille/2026/2026-11-20-essai/",
  ...slugsIn("ressources").map((slug) => `/ressources/${slug}/`),
  ...slugsIn("blog").map((slug) => `/blog/${slug}/`),
];

let site: SiteBuild;
const html = (url: string) => readFileSync(join(site.output, url, url.endsWith("/") ? "index.html" : ""), "utf8");

beforeAll(async () => {
  site = await sharedSite({ content: { veille: "tests/fixtures/site/veille" } });
});

describe("the built site", () => {
  it.each(PAGES)("has %s with lang=fr, a title and a description", (url) => {
    const page = html(url);
    expect(page).toMatch(/<html lang="fr">/);
    expect(page).toMatch(/<title[^>]*>[^<]+<\/title>/);
    expect(page).toMatch(/<meta name="description" content="[^"]+">/);
  });

  it("serves valid HTML on every page", async () => {
    const validator = new HtmlValidate({ extends: ["html-validate:standard"] });
    const reports = await Promise.all(PAGES.map((url) => validator.validateString(html(url), url)));
    const errors = reports.flatMap((r) =>
      r.results.flatMap((f) => f.messages.map((m) => `${f.filePath}:${m.line} ${m.ruleId} ${m.message}`)),
    );
    expect(errors).toEqual([]);
  });

  it("links to the resources in the directory", () => {
    const directory = html("/ressources/");
    for (const slug of slugsIn("ressources")) expect(directory).toContain(`href="/ressources/${slug}/"`);
  });

  it("lists the watch items, newest first, with their source and themes", () => {
    expect(html("/veille/")).toContain('href="/veille/2026/2026-11-20-essai/"');
    expect(html("/veille/2026/2026-11-20-essai/")).toContain("Laïcité et fait religieux");
  });

  it("shows template syntax from an imported item as text, never running it", () => {
    const item = html("/veille/2026/2026-11-20-essai/");
    expect(item).toContain("<h1 data-source-text>Essai {{ x }}</h1>");
    expect(item).toContain("Résumé {% raw %}");
  });

  it("shows the accessibility status in every footer", () => {
    for (const url of PAGES) expect(html(url)).toMatch(/Accessibilité\u202F: <a href="\/accessibilite\/">site non conforme<\/a>/);
  });

  it("prints the host on the legal notice", () => {
    expect(html("/mentions-legales/")).toMatch(/Hébergeur<\/dt><dd>GitHub, Inc\./);
  });

  it("never sends a visitor back to the site itself when no contact is configured", () => {
    const contact = html("/contact/");
    expect(contact).not.toContain('<form class="contact-form"');
    expect(contact).toContain('href="#aide-urgente-encadre"');
  });
});
