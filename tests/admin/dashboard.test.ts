import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { HtmlValidate } from "html-validate";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keptByDay } from "../../src/site/editor/dashboard.ts";
import { connectBrowser, openPage, seriousAxeViolations } from "../support/browser.ts";
import { sharedSite, type SiteBuild } from "../support/site-build.ts";
import { serveStatic, type StaticServer } from "../support/static-server.ts";

const DAY = 24 * 60 * 60 * 1000;
const now = Date.now();

/** A watch item the collecte kept `daysAgo` days ago, from a source of the real registry. */
function keptItem(slug: string, source: string, daysAgo: number, selected = false): [string, string] {
  const fetched = new Date(now - daysAgo * DAY);
  const date = new Date(fetched.getTime() - 2 * 60 * 60 * 1000);
  const path = `content/veille/${date.getUTCFullYear()}/${date.toISOString().slice(0, 10)}-${slug}.md`;
  const text = `---
title: "Information ${slug}"
date: ${date.toISOString()}
source: ${source}
url: https://www.exemple.fr/${slug}
guid: https://www.exemple.fr/${slug}
section: actualites
territory: brest
themes: [laicite]
summary: "Une information fictive pour le tableau de bord."
fetched: ${fetched.toISOString()}
${selected ? "selected: true\n" : ""}---
`;
  return [path, text];
}

const ITEMS = Object.fromEntries([
  keptItem("hier-telegramme-1", "le-telegramme-brest", 1, true),
  keptItem("hier-telegramme-2", "le-telegramme-brest", 1),
  keptItem("hier-blog", "laicite-brest", 1),
  keptItem("avant-hier-telegramme", "le-telegramme-brest", 3),
  keptItem("il-y-a-un-mois", "laicite-brest", 30),
]);

let site: SiteBuild;
let html: string;
beforeAll(async () => {
  site = await sharedSite({ files: ITEMS });
  html = await readFile(join(site.output, "admin/tableau-de-bord/index.html"), "utf8");
});

describe("the site's dashboard", () => {
  it("is called the site's dashboard", () => {
    expect(html).toContain("<h1>Tableau de bord du site</h1>");
    expect(html).not.toMatch(/mainteneurs/);
  });

  it("shows the counts first, then what needs a person, then the week's watch", () => {
    const order = [
      "En bref",
      "À faire",
      "Informations légales à compléter",
      "Ressources dont le lien est en erreur",
      "Sources en erreur ou déplacées",
      "Textes en attente de validation",
      "Informations gardées ces sept derniers jours (4)",
    ];
    const positions = order.map((heading) => html.indexOf(heading));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("counts the week's items and the group's selection among them, each count linked to its list", () => {
    const counts = html.slice(html.indexOf('class="dashboard-counts"'), html.indexOf("</ul>", html.indexOf('class="dashboard-counts"')));
    expect(counts).toMatch(
      /<a href="#tdb-veille"><strong>4<\/strong> informations gardées ces sept derniers jours, dont 1 dans la sélection du groupe<\/a>/,
    );
    expect(counts).toContain('href="#tdb-legal"');
    expect(counts).toContain('href="#tdb-propositions"');
  });

  it("groups the week's items by day, newest first, then by source, each source folded", () => {
    const watch = html.slice(html.indexOf('id="tdb-veille"'));
    const days = [...watch.matchAll(/<h3 class="dashboard-day"><time datetime="(\d{4}-\d{2}-\d{2})">[^<]+<\/time>([^<]*)<\/h3>/g)];
    expect(days).toHaveLength(2);
    expect(days[0]![1]! > days[1]![1]!).toBe(true);
    expect(days[0]![2]).toMatch(/3\sinformations, 2\ssources/);
    const firstDay = watch.slice(watch.indexOf(days[0]![0]), watch.indexOf(days[1]![0]));
    const summaries = [...firstDay.matchAll(/<summary>([^<]+)<\/summary>/g)].map((m) => m[1]);
    expect(summaries).toHaveLength(2);
    expect(summaries[0]).toBe("Le Télégramme – Brest (2)");
    expect(summaries[1]).toMatch(/^Groupe d.appui – blog laicite-brest\.net \(1\)$/);
    expect(firstDay).not.toContain("<details open");
    expect(watch).not.toContain("il-y-a-un-mois");
  });

  it("is valid HTML", async () => {
    const report = await new HtmlValidate({ extends: ["html-validate:standard"] }).validateString(html);
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.line} ${m.ruleId} ${m.message}`))).toEqual([]);
  });
});

describe("the site's dashboard in a browser", () => {
  let browser: Browser;
  let server: StaticServer;
  beforeAll(async () => {
    [browser, server] = await Promise.all([connectBrowser(), serveStatic(site.output)]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("opens a source's items from the keyboard, with no serious or critical axe-core violation", async () => {
    const page = await openPage(browser, `${server.url}/admin/tableau-de-bord/`);
    expect(await seriousAxeViolations(page)).toEqual([]);
    const item = page.getByRole("link", { name: "Information hier-telegramme-1", exact: true });
    expect(await item.isVisible()).toBe(false);
    await page.locator("summary").first().focus();
    await page.keyboard.press("Enter");
    expect(await page.locator("details").first().getAttribute("open")).not.toBeNull();
    expect(await item.isVisible()).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.context().close();
  });
});

describe("kept items by day", () => {
  const item = (source: string, fetched: string) => ({ data: { source, fetched } });

  it("count days in Paris time and put the source that brought most first", () => {
    // 23:30 UTC on 1 December is already 2 December in Paris; 22:30 UTC is not.
    const items = [
      item("b", "2026-12-01T23:30:00Z"),
      item("a", "2026-12-01T22:30:00Z"),
      item("b", "2026-12-01T10:00:00Z"),
      item("b", "2026-12-01T09:00:00Z"),
      item("a", "2026-11-30T09:00:00+01:00"),
    ];
    expect(keptByDay(items).map((day) => [day.day, day.count, day.sources.map((s) => `${s.source}:${s.items.length}`)])).toEqual([
      ["2026-12-02", 1, ["b:1"]],
      ["2026-12-01", 3, ["b:2", "a:1"]],
      ["2026-11-30", 1, ["a:1"]],
    ]);
  });
});
