import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { HtmlValidate } from "html-validate";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectBrowser, openPage, seriousAxeViolations } from "../support/browser.ts";
import { brokenInternalLinks } from "../support/links.ts";
import { sharedSite, PROJECT_ROOT, type SiteBuild } from "../support/site-build.ts";
import { serveStatic, type StaticServer } from "../support/static-server.ts";
import { childText as text, children, parseXml, type XmlElement } from "../support/xml.ts";

/** The address the group would choose for the site (site.url); the blog keeps its own. */
const SITE_URL = "https://groupe.example";
/** A proposed post's title as the feeds give it: marked, and typeset. */
const PROPOSED_POST = "Proposition\u202F: Comment solliciter le groupe d’appui\u202F?";
const NEW_PAGES = ["/themes/", "/themes/laicite/", "/veille/lettre/", "/veille/lettre/2026-S47/", "/sources/"];

let site: SiteBuild;
let server: StaticServer;
let browser: Browser;
const read = (url: string) => readFileSync(join(site.output, url, url.endsWith("/") ? "index.html" : ""), "utf8");
const atom = (url: string): XmlElement => parseXml(read(url)).documentElement!;
const entryTitles = (url: string) => children(atom(url), "entry").map((e) => text(e, "title"));

beforeAll(async () => {
  site = await sharedSite({
    site: { url: SITE_URL },
    content: { veille: "tests/fixtures/publishing/veille" },
    files: {
      "_data/sources.yaml": readFileSync(join(PROJECT_ROOT, "tests/fixtures/publishing/sources.yaml"), "utf8"),
      "_data/sourceState.json": readFileSync(join(PROJECT_ROOT, "tests/fixtures/publishing/sourceState.json"), "utf8"),
    },
  });
  server = await serveStatic(site.output);
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the site-wide Atom feed", () => {
  it("is well-formed Atom with a title, an id, an update time and a self link", () => {
    const feed = atom("/feed.xml");
    expect(feed.namespaceURI).toBe("http://www.w3.org/2005/Atom");
    expect(text(feed, "title")).toContain("Veille et billets");
    expect(text(feed, "id")).toBe(`${SITE_URL}/feed.xml`);
    expect(text(feed, "updated")).toBe("2026-11-26T07:00:00Z");
    const self = children(feed, "link").find((l) => l.getAttribute("rel") === "self");
    expect(self?.getAttribute("href")).toBe(`${SITE_URL}/feed.xml`);
  });

  it("gives every entry a title, an id, a date and an absolute link", () => {
    for (const entry of children(atom("/feed.xml"), "entry")) {
      expect(text(entry, "title")).not.toBe("");
      expect(text(entry, "id")).toMatch(/^https:\/\/groupe\.example\//);
      expect(text(entry, "updated")).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      for (const link of children(entry, "link")) expect(link.getAttribute("href")).toMatch(/^https?:\/\//);
    }
  });

  it("mixes watch items and the group's posts, newest first", () => {
    const titles = entryTitles("/feed.xml");
    expect(titles[0]).toBe("Une information sans thème");
    expect(titles).toContain(PROPOSED_POST);
    const dates = children(atom("/feed.xml"), "entry").map((e) => text(e, "updated"));
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it("links a watch item to its page and to the original article", () => {
    const entry = children(atom("/feed.xml"), "entry").find((e) => text(e, "title").startsWith('Le "complot"'))!;
    const links = Object.fromEntries(children(entry, "link").map((l) => [l.getAttribute("rel"), l.getAttribute("href")]));
    expect(links).toEqual({
      alternate: `${SITE_URL}/veille/2026/2026-11-25-complot-antislash/`,
      related: "https://example.org/complot?a=1&b=2",
    });
  });

  it("carries a post's text with its links made absolute", () => {
    const entry = children(atom("/feed.xml"), "entry").find((e) => text(e, "title") === PROPOSED_POST)!;
    expect(text(entry, "content")).toContain(`href="${SITE_URL}/contact/"`);
  });
});

describe("the JSON feed", () => {
  const feed = () => JSON.parse(read("/feed.json"));

  it("is JSON Feed 1.1 with absolute home and feed URLs", () => {
    expect(feed()).toMatchObject({
      version: "https://jsonfeed.org/version/1.1",
      home_page_url: `${SITE_URL}/`,
      feed_url: `${SITE_URL}/feed.json`,
      language: "fr",
    });
  });

  it("gives every item an id, an absolute URL and a content", () => {
    for (const item of feed().items) {
      expect(item.id).toMatch(/^https:\/\/groupe\.example\//);
      expect(item.url).toBe(item.id);
      expect(item.content_html ?? item.content_text).toBeTruthy();
    }
  });

  it("keeps quotes, backslashes and ampersands of titles as they are", () => {
    const item = feed().items.find((i: { external_url?: string }) => i.external_url === "https://example.org/complot?a=1&b=2");
    expect(item.title).toBe('Le "complot" du dossier C:\\veille');
    expect(item.tags).toEqual(["Complotisme, désinformation et haine en ligne", "Discriminations et égalité"]);
  });
});

describe("theme feeds", () => {
  it("publish one Atom feed per theme, with that theme's entries only", () => {
    const entries = children(atom("/themes/radicalisation/feed.xml"), "entry");
    for (const entry of entries) expect(children(entry, "category").map((c) => c.getAttribute("term"))).toContain("radicalisation");
    expect(entryTitles("/themes/radicalisation/feed.xml")).toContain("Prévention de la radicalisation : colloque à Brest");
    expect(entryTitles("/themes/radicalisation/feed.xml")).not.toContain("Rapport annuel sur les discriminations");
  });

  it("name the theme and point back to the theme's page", () => {
    const feed = atom("/themes/laicite/feed.xml");
    expect(text(feed, "title")).toMatch(/^Laïcité et fait religieux – /);
    const alternate = children(feed, "link").find((l) => l.getAttribute("rel") === "alternate");
    expect(alternate?.getAttribute("href")).toBe(`${SITE_URL}/themes/laicite/`);
  });
});

describe("theme pages", () => {
  it("list the theme's recent watch items, resources and posts", () => {
    const page = read("/themes/laicite/");
    expect(page).toContain("<h1>Laïcité et fait religieux</h1>");
    expect(page).toContain('href="/veille/2026/2026-11-19-laicite-a-l-ecole/"');
    expect(page).toContain('href="/ressources/formation-valeurs-republique-laicite/"');
    expect(page).toContain('href="/blog/comment-solliciter-le-groupe/"');
  });

  it("offer the theme's feed", () => {
    expect(read("/themes/laicite/")).toContain('href="/themes/laicite/feed.xml"');
  });

  it("are all reachable from the list of themes", () => {
    const index = read("/themes/");
    for (const id of [
      "discriminations",
      "laicite",
      "radicalisation",
      "complotisme",
      "derives-sectaires",
      "prevention-delinquance",
      "politique-de-la-ville",
      "jeunesse",
    ]) {
      expect(index).toContain(`href="/themes/${id}/"`);
    }
  });
});

describe("weekly letters", () => {
  it("list every week that has items, newest first", () => {
    const list = read("/veille/lettre/");
    expect(list.indexOf("/veille/lettre/2026-S48/")).toBeGreaterThan(0);
    expect(list.indexOf("/veille/lettre/2026-S48/")).toBeLessThan(list.indexOf("/veille/lettre/2026-S47/"));
  });

  it("group the week's items under their theme, in the catalogue's order", () => {
    const letter = read("/veille/lettre/2026-S47/");
    const headings = [...letter.matchAll(/<h2 id="lettre-[^"]+">([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual(["Discriminations et égalité", "Laïcité et fait religieux", "Radicalisation et extrémismes violents"]);
  });

  it("count weeks in Paris time: Monday 00:15 belongs to the new week", () => {
    expect(read("/veille/lettre/2026-S48/")).toContain("Accueil des jeunes, lundi à minuit et quart");
    expect(read("/veille/lettre/2026-S47/")).not.toContain("Accueil des jeunes");
  });

  it("come as a self-contained e-mail: inline styles, no script, no stylesheet, absolute links", () => {
    const mail = read("/veille/lettre/2026-S48/courriel.html");
    expect(mail).toContain("style=");
    expect(mail).not.toMatch(/<script|<link|<style|class=/);
    const hrefs = [...mail.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs.length).toBeGreaterThan(3);
    for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
    expect(mail).toContain(`href="${SITE_URL}/veille/lettre/2026-S48/"`);
  });
});

describe("the sources OPML", () => {
  const opml = () => parseXml(read("/sources.opml")).documentElement!;

  it("is OPML 2.0 with a title and an owner", () => {
    expect(opml().getAttribute("version")).toBe("2.0");
    expect(text(opml(), "title")).toMatch(/^Sources de la veille – /);
    expect(text(opml(), "ownerName")).toBe("Groupe d'appui et de prévention des discriminations et des radicalisations");
  });

  it("groups the enabled feeds by section, each with its name, feed and site", () => {
    const sections = children(opml(), "outline").filter((o) => !o.getAttribute("type"));
    // `source-en-pause` (pause.xml) is disabled in the registry: not followed, not exported.
    expect(sections.map((s) => [s.getAttribute("text"), children(s, "outline").map((o) => o.getAttribute("xmlUrl"))])).toEqual([
      ["Actualité", ["https://example.org/ddd/rss.xml", "https://example.org/limite/atom"]],
      ["Recherche", ["http://example.org/revue/rss", "https://example.org/carnet/feed"]],
      ["Partenaire", ["https://example.org/essai/feed", "https://example.org/nouvelle.json"]],
    ]);
  });

  it("writes names with quotes and ampersands as the registry has them", () => {
    const revue = children(opml(), "outline").find((o) => o.getAttribute("xmlUrl") === "http://example.org/revue/rss")!;
    expect([revue.getAttribute("type"), revue.getAttribute("text"), revue.getAttribute("htmlUrl")]).toEqual([
      "rss",
      "Revue & « société »",
      "https://example.org/revue/",
    ]);
  });
});

describe("the sources page", () => {
  const row = (name: string) =>
    read("/sources/")
      .split("<tr")
      .find((r) => r.includes(name)) ?? "";

  it("lists every source of the registry with its section, territory and feed", () => {
    const source = row("Défenseur des droits");
    expect(source).toContain('href="https://example.org/ddd/"');
    expect(source).toContain('href="https://example.org/ddd/rss.xml"');
    expect(source).toContain("<td>Actualité</td>");
    expect(source).toContain("<td>National</td>");
  });

  it("shows the last success and the number of items collected", () => {
    expect(row("Défenseur des droits")).toMatch(/<time datetime="2026-11-20">20 novembre 2026<\/time><\/td>\s*<td>42<\/td>/);
  });

  it.each([
    ["Défenseur des droits", /à jour/],
    ["Source d’essai", /en erreur depuis \d+ jours<br><span class="source-health__error">délai dépassé/],
    [
      "Revue &amp; «\u202Fsociété\u202F»",
      /redirection permanente à corriger\u202F: remplacer l’adresse du flux par https:\/\/example\.org\/revue\/rss/,
    ],
    ["Ancien carnet", /disparue/],
    ["Site qui limite les passages", /en pause jusqu’au 15 janvier 2030/],
    ["Nouvelle source", /pas encore relevée/],
    ["Source désactivée", /désactivée dans le registre/],
  ])("says in words how %s is doing", (name, status) => {
    expect(row(name)).toMatch(status);
  });
});

describe("new page types", () => {
  it("are valid HTML", async () => {
    const validator = new HtmlValidate({ extends: ["html-validate:standard"] });
    const pages = [...NEW_PAGES, "/veille/lettre/2026-S48/courriel.html"];
    const reports = await Promise.all(pages.map((url) => validator.validateString(read(url), url)));
    const errors = reports.flatMap((r) =>
      r.results.flatMap((f) => f.messages.map((m) => `${f.filePath}:${m.line} ${m.ruleId} ${m.message}`)),
    );
    expect(errors).toEqual([]);
  });

  it.each([...NEW_PAGES, "/veille/lettre/2026-S48/courriel.html"])("%s has no serious accessibility problem", async (url) => {
    const page = await openPage(browser, server.url + url);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.context().close();
  });
});

describe("internal links", () => {
  it("all lead to a page or a file of the built site", async () => {
    expect(await brokenInternalLinks(`${server.url}/`)).toEqual([]);
  }, 60_000);

  it("include no feed that was not built", () => {
    for (const url of ["/feed.xml", "/feed.json", "/themes/jeunesse/feed.xml"]) expect(existsSync(join(site.output, url))).toBe(true);
  });
});

describe("a watch item page", () => {
  const itemPage = (theme: string, stem: string) =>
    read(
      /href="(\/veille\/[^"]+)"/.exec(
        read(`/themes/${theme}/`)
          .split("\n")
          .find((l) => l.includes(stem)) ?? "",
      )![1]!,
    );

  it("tells maintainers, discreetly, why the watch kept the item", () => {
    // The typography transform puts narrow no-break spaces before « : » and inside guillemets.
    expect(itemPage("laicite", "laicite-a-l-ecole").replace(/\u202f/g, " ")).toContain(
      "Retenu automatiquement pour : « laïcité », « école » (indice) (score 1,5).",
    );
  });

  it("says nothing of the kind for an item without reasons", () => {
    expect(itemPage("complotisme", "complot-antislash")).not.toContain("Retenu automatiquement");
  });
});
