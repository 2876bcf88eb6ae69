import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectBrowser, openPage, seriousAxeViolations } from "../support/browser.ts";
import type { SiteBuild } from "../support/site-build.ts";
import { serveStatic, type StaticServer } from "../support/static-server.ts";
import { FOOTER_ONLY_WORD, NAV_ONLY_WORD, searchSite } from "./search-site.ts";

/** Fixture watch items (tests/fixtures/search/veille), by what each one shows. */
const ITEMS = {
  laiciteNews: "/veille/2026/2026-03-12-laicite-un-guide-pour-les-accueils-de-loisirs/",
  laicitePartner: "/veille/2026/2026-01-20-former-les-animateurs-aux-principes-de-laicite/",
  discriminationsResearch: "/veille/2025/2025-10-02-les-discriminations-dans-l-acces-au-logement/",
  mediationInTitle: "/veille/2024/2024-05-06-la-mediation-sociale-dans-les-quartiers/",
  mediationInSummary: "/veille/2024/2024-05-07-un-dispositif-d-ecoute-pour-les-familles/",
  mediationInBody: "/veille/2024/2024-05-08-rapport-annuel-sur-la-cohesion-sociale/",
};

let site: SiteBuild;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  [site, browser] = await Promise.all([searchSite(), connectBrowser()]);
  server = await serveStatic(site.output);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Result {
  url: string;
  meta: string;
  dates: string[];
}

const status = (page: Page) => page.locator("[data-search-status]");

/** Waits until the page shows the outcome of a search: its status is written once the results are. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const text = document.querySelector("[data-search-status]")?.textContent ?? "";
    return /résultat|Saisissez/.test(text);
  });
}

async function openSearch(query: string): Promise<Page> {
  const page = await openPage(browser, `${server.url}/recherche/${query}`);
  await settled(page);
  return page;
}

/** Runs `action` and waits for the status to change, i.e. for the new search to be shown. */
async function after(page: Page, action: () => Promise<unknown>): Promise<void> {
  const before = await status(page).textContent();
  await action();
  await page.waitForFunction((old) => document.querySelector("[data-search-status]")?.textContent !== old, before);
  await settled(page);
}

function results(page: Page): Promise<Result[]> {
  return page.$$eval(".search-result", (items) =>
    items.map((item) => ({
      url: new URL(item.querySelector("a")!.href).pathname,
      meta: item.querySelector(".search-result__meta")!.textContent ?? "",
      dates: [...item.querySelectorAll("time")].map((t) => t.getAttribute("datetime") ?? ""),
    })),
  );
}

const urls = async (page: Page) => (await results(page)).map((r) => r.url);

describe("the index", () => {
  it("is written in French next to the site", async () => {
    const entry = JSON.parse(await readFile(join(site.output, "pagefind/pagefind-entry.json"), "utf8"));
    expect(Object.keys(entry.languages)).toEqual(["fr"]);
  });

  it("leaves out the navigation", async () => {
    const page = await openSearch(`?q=${NAV_ONLY_WORD}`);
    await expect(page.locator(".site-nav").textContent()).resolves.toContain(NAV_ONLY_WORD);
    expect(await results(page)).toEqual([]);
    await page.context().close();
  });

  it("leaves out the footer", async () => {
    const page = await openSearch(`?q=${FOOTER_ONLY_WORD}`);
    await expect(page.locator(".site-footer").textContent()).resolves.toContain(FOOTER_ONLY_WORD);
    expect(await results(page)).toEqual([]);
    await page.context().close();
  });

  it("leaves out listings and the search page itself", async () => {
    const page = await openSearch("?q=veille+ressources+recherche");
    const found = await urls(page);
    expect(found.length).toBeGreaterThan(0);
    for (const listing of ["/", "/veille/", "/ressources/", "/blog/", "/recherche/"]) expect(found).not.toContain(listing);
    await page.context().close();
  });
});

describe("matching", () => {
  it("ignores accents and case", async () => {
    const found = [];
    for (const spelling of ["laicite", "LAÏCITÉ", "laïcité"]) {
      const page = await openSearch(`?q=${encodeURIComponent(spelling)}`);
      found.push((await urls(page)).sort());
      await page.context().close();
    }
    expect(found[0]).toContain(ITEMS.laiciteNews);
    expect(found[1]).toEqual(found[0]);
    expect(found[2]).toEqual(found[0]);
  });

  it("finds the plural from the singular (French stemming)", async () => {
    const page = await openSearch("?q=discrimination");
    expect(await urls(page)).toContain(ITEMS.discriminationsResearch);
    await page.context().close();
  });

  it("ranks a title match above a summary match, and a summary match above body text", async () => {
    const page = await openSearch(`?q=${encodeURIComponent("médiation")}`);
    const found = await urls(page);
    const rank = (url: string) => found.indexOf(url);
    expect(rank(ITEMS.mediationInTitle)).toBeGreaterThanOrEqual(0);
    expect(rank(ITEMS.mediationInTitle)).toBeLessThan(rank(ITEMS.mediationInSummary));
    expect(rank(ITEMS.mediationInSummary)).toBeLessThan(rank(ITEMS.mediationInBody));
    await page.context().close();
  });
});

describe("the search page", () => {
  it("narrows the results with a filter combined with the query", async () => {
    const page = await openSearch(`?q=${encodeURIComponent("laïcité")}`);
    const unfiltered = await results(page);
    await after(page, () => page.getByRole("checkbox", { name: /^Partenaire/ }).check());
    const filtered = await results(page);
    expect(filtered.map((r) => r.url)).toEqual([ITEMS.laicitePartner]);
    expect(unfiltered.length).toBeGreaterThan(filtered.length);
    expect(new URL(page.url()).searchParams.getAll("type")).toEqual(["Partenaire"]);
    await page.context().close();
  });

  it("shows beside each filter value how many results choosing it leaves", async () => {
    const page = await openSearch(`?q=${encodeURIComponent("laïcité")}`);
    const option = page.getByRole("checkbox", { name: /^Ressource/ });
    const label = await page.locator(`label[for="${await option.getAttribute("id")}"]`).textContent();
    const announced = Number(/\((\d+)\)/.exec(label ?? "")?.[1]);
    await after(page, () => option.check());
    expect(announced).toBeGreaterThan(0);
    await expect(status(page).textContent()).resolves.toMatch(new RegExp(`^${announced} résultats? `));
    await page.context().close();
  });

  it("keeps the results of either value when two values of one filter are chosen", async () => {
    const page = await openSearch(`?q=${encodeURIComponent("laïcité")}&type=Partenaire`);
    await after(page, () => page.getByRole("checkbox", { name: /^Actualité/ }).check());
    expect((await urls(page)).sort()).toEqual([ITEMS.laicitePartner, ITEMS.laiciteNews].sort());
    await page.context().close();
  });

  it("shows the type, date and source of each result", async () => {
    const page = await openSearch(`?q=${encodeURIComponent("accueils de loisirs")}`);
    const [first] = await results(page);
    expect(first).toEqual({
      url: ITEMS.laiciteNews,
      meta: "Veille · Actualité · publié le 12 mars 2026 · quotidien-local",
      dates: ["2026-03-12"],
    });
    await page.context().close();
  });

  it("highlights the matched words in the excerpts", async () => {
    const page = await openSearch("?q=animateurs");
    await expect(page.locator(".search-result__excerpt mark").first().textContent()).resolves.toMatch(/^animateurs/i);
    await page.context().close();
  });

  it("orders the results by date, newest first, when asked", async () => {
    const page = await openSearch(`?q=${encodeURIComponent("laïcité")}`);
    await after(page, () => page.getByLabel("Trier par").selectOption("date"));
    const found = await results(page);
    const dates = found.flatMap((r) => r.dates);
    expect(dates.length).toBeGreaterThan(2);
    expect(dates).toEqual([...dates].sort().reverse());
    // Pages without a date (the group's pages) follow every dated one.
    const dated = found.map((r) => r.dates.length > 0);
    expect(dated).toContain(false);
    expect(dated).toEqual([...dated].sort((a, b) => Number(b) - Number(a)));
    expect(new URL(page.url()).searchParams.get("tri")).toBe("date");
    await page.context().close();
  });

  it("restores the query, the filters and the sort from the URL after a reload", async () => {
    const theme = "Laïcité et fait religieux";
    const page = await openSearch(`?q=animateurs&theme=${encodeURIComponent(theme)}&type=Partenaire&tri=date`);
    const before = await results(page);
    await page.reload();
    await settled(page);
    expect(await results(page)).toEqual(before);
    expect(before.map((r) => r.url)).toEqual([ITEMS.laicitePartner]);
    await expect(page.getByLabel("Mots recherchés").inputValue()).resolves.toBe("animateurs");
    await expect(page.getByRole("checkbox", { name: new RegExp(`^${theme}`) }).isChecked()).resolves.toBe(true);
    await expect(page.getByLabel("Trier par").inputValue()).resolves.toBe("date");
    await page.context().close();
  });

  it("goes back to the previous search with the browser's back button", async () => {
    const page = await openSearch(`?q=${encodeURIComponent("laïcité")}`);
    const first = await results(page);
    await after(page, () => page.getByRole("checkbox", { name: /^Actualité/ }).check());
    expect(await results(page)).not.toEqual(first);
    await after(page, () => page.goBack());
    expect(await results(page)).toEqual(first);
    await expect(page.getByRole("checkbox", { name: /^Actualité/ }).isChecked()).resolves.toBe(false);
    await page.context().close();
  });

  it("can be used with the keyboard alone", async () => {
    const page = await openSearch("");
    const focused = () =>
      page.evaluate(() => document.activeElement?.id || (document.activeElement?.closest(".search-result") && "résultat"));
    const tabTo = async (target: string) => {
      for (let i = 0; i < 40 && (await focused()) !== target; i++) await page.keyboard.press("Tab");
      expect(await focused()).toBe(target);
    };
    await tabTo("recherche-mots");
    await page.keyboard.type("laïcité");
    await after(page, () => page.keyboard.press("Enter"));
    await tabTo("résultat");
    await page.keyboard.press("Tab");
    const second = await page.evaluate(() => (document.activeElement as HTMLAnchorElement).href);
    expect(await focused()).toBe("résultat");
    await Promise.all([page.waitForURL(second), page.keyboard.press("Enter")]);
    await page.context().close();
  });

  it("announces the outcome of a search in a status region", async () => {
    const page = await openSearch(`?q=${encodeURIComponent("laïcité")}&type=Actualit%C3%A9`);
    await expect(page.getByRole("status").textContent()).resolves.toBe("1 résultat pour «\u202Flaïcité\u202F», 1 filtre actif.");
    await page.context().close();
  });

  it("suggests themes, the directory and the watch when nothing is found", async () => {
    const page = await openSearch("?q=zygomorphe");
    await expect(status(page).textContent()).resolves.toBe("Aucun résultat pour «\u202Fzygomorphe\u202F».");
    const help = page.locator("[data-search-empty]");
    await expect(help.isVisible()).resolves.toBe(true);
    await expect(help.getByRole("link", { name: "Laïcité et fait religieux" }).getAttribute("href")).resolves.toMatch(
      /^\/recherche\/\?theme=/,
    );
    await expect(help.getByRole("link", { name: "l’annuaire des ressources" }).isVisible()).resolves.toBe(true);
    await expect(help.getByRole("link", { name: "la veille" }).isVisible()).resolves.toBe(true);
    await page.context().close();
  });

  it("has no serious or critical axe-core violation with results and filters showing", async () => {
    const page = await openSearch(`?q=${encodeURIComponent("laïcité")}&type=Ressource`);
    expect((await results(page)).length).toBeGreaterThan(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("makes no request outside the site", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const hosts = new Set<string>();
    page.on("request", (request) => hosts.add(new URL(request.url()).host));
    await page.goto(`${server.url}/recherche/?q=laicite`);
    await settled(page);
    expect([...hosts]).toEqual([new URL(server.url).host]);
    await context.close();
  });

  it("tells what to do when JavaScript is off", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/recherche/?q=laicite`);
    const notice = page.locator(".search__notice");
    await expect(notice.isVisible()).resolves.toBe(true);
    await expect(notice.getByRole("link", { name: "la veille" }).getAttribute("href")).resolves.toBe("/veille/");
    await expect(notice.getByRole("link", { name: "l’annuaire des ressources" }).getAttribute("href")).resolves.toBe("/ressources/");
    await context.close();
  });
});
