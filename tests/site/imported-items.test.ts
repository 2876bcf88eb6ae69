import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sharedSite, type SiteBuild } from "../support/site-build.ts";
import { parseXml } from "../support/xml.ts";
import { typesetHtml } from "../../src/site/editorial/typography.ts";

/** A watch item file as the ingest writes it, with the given front-matter changes and body. */
function item(title: string, day: string, extra = "", body = ""): string {
  return `---
title: ${JSON.stringify(title)}
date: ${day}T08:00:00+01:00
source: essai
url: https://example.org/${encodeURIComponent(title)}-${day}
guid: ${JSON.stringify(`${title}-${day}`)}
section: actualites
territory: brest
themes: [laicite]
summary: "Résumé de ${title}"
fetched: ${day}T09:00:00+01:00
${extra}---
${body}`;
}

const LONG = "Observatoire de la laïcité : rapport annuel sur les signalements dans les établissements scolaires";
const FILES = {
  // The same weekly title on two days.
  "content/veille/2026/2026-11-16-agenda.md": item("Agenda", "2026-11-16"),
  "content/veille/2026/2026-11-23-agenda.md": item("Agenda", "2026-11-23"),
  // Two long titles equal on their first 60 characters, cut to the same slug by the store.
  "content/veille/2026/2026-11-18-observatoire-de-la-laicite-rapport-annuel-sur-les-signal.md": item(`${LONG} du primaire`, "2026-11-18"),
  "content/veille/2026/2026-11-19-observatoire-de-la-laicite-rapport-annuel-sur-les-signal.md": item(`${LONG} du secondaire`, "2026-11-19"),
};
const CURATED = {
  "content/veille/2026/2026-11-10-information-cachee.md": item("Information cachée", "2026-11-10", "hidden: true\n"),
  "content/veille/2026/2026-11-02-information-choisie.md": item(
    "Information choisie",
    "2026-11-02",
    'selected: true\nnote: "L\'équipe en parle : « à lire » !"\n',
  ),
};

const HOSTILE = {
  // Full-content body nested deeper than any HTML transform can walk.
  "content/veille/2026/2026-11-11-corps-trop-profond.md": item("Corps trop profond", "2026-11-11", "", "<b>".repeat(20_000)),
  // Front matter that breaks the contract: no date.
  "content/veille/2026/2026-11-12-sans-date.md": item("Sans date", "2026-11-12").replace(/^date: .*\n/m, ""),
  // Executable front matter: never run, whoever wrote the file.
  "content/veille/2026/2026-11-14-en-tete-executable.md": "---js\n{ title: String(process.exit(3)) }\n---\nCorps\n",
  // Characters XML 1.0 forbids, as the store's YAML writes them (escaped), and as a reference in the body.
  "content/veille/2026/2026-11-13-caracteres-interdits.md": item(
    "Titre\u0001 avec\u001b contrôles\uffff",
    "2026-11-13",
    "",
    "<p>Texte &#x1B; suite</p>",
  ),
};
/** A source whose name carries a control character, as a feed's title may give it. */
const REGISTRY = `- id: essai
  name: "Source d'essai\\x1B"
  feed: https://example.org/feed.xml
  section: actualites
  territory: brest
`;
const XML_FORBIDDEN = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]|&#x0*1[bB];|&#0*27;/u;

let site: SiteBuild;
const page = (url: string) => readFileSync(join(site.output, url, "index.html"), "utf8");

beforeAll(async () => {
  site = await sharedSite({ files: { ...FILES, ...CURATED, ...HOSTILE, "_data/sources.yaml": REGISTRY } });
});

describe("a build with imported items that share a title or a slug", () => {
  it("gives each item its own page under its year and whole file name", () => {
    for (const path of Object.keys(FILES)) {
      const stem = path.replace(/^content\/veille\/2026\/|\.md$/g, "");
      expect(existsSync(join(site.output, "veille/2026", stem, "index.html")), stem).toBe(true);
    }
    expect(page("/veille/2026/2026-11-18-observatoire-de-la-laicite-rapport-annuel-sur-les-signal/")).toContain("du primaire");
    expect(page("/veille/2026/2026-11-19-observatoire-de-la-laicite-rapport-annuel-sur-les-signal/")).toContain("du secondaire");
  });

  it("leaves none of them out", () => {
    for (const path of Object.keys(FILES)) expect(site.stdout).not.toContain(path);
  });

  it("lists all of them in the watch", () => {
    for (const path of Object.keys(FILES)) expect(page("/veille/")).toContain(path.replace(/^content|\.md$/g, ""));
  });
});

describe("a build with items the group curated", () => {
  it("leaves a hidden item out of every page and feed", () => {
    expect(existsSync(join(site.output, "veille/2026/2026-11-10-information-cachee"))).toBe(false);
    for (const url of ["/", "/veille/", "/themes/laicite/"]) expect(page(url), url).not.toContain("Information cachée");
    expect(readFileSync(join(site.output, "feed.xml"), "utf8")).not.toContain("Information cachée");
    expect(readFileSync(join(site.output, "themes/laicite/feed.xml"), "utf8")).not.toContain("Information cachée");
  });

  it("shows the group's selection first, with its mark, on the home page and the theme's page", () => {
    for (const url of ["/", "/themes/laicite/"]) {
      const first = /<li class="card card--watch[^]*?<\/li>/.exec(page(url))?.[0];
      expect(first, url).toContain("Information choisie");
      expect(first, url).toContain("Sélection du groupe");
    }
  });

  it("keeps the watch itself in date order", () => {
    const watch = page("/veille/");
    expect(watch.indexOf("2026-11-23-agenda")).toBeLessThan(watch.indexOf("2026-11-02-information-choisie"));
  });
});

describe("an imported item's page", () => {
  it("is typeset at the source: the typography pass it skips would change nothing", () => {
    const html = page("/veille/2026/2026-11-02-information-choisie/");
    expect(html).toContain("L’équipe en parle\u202F: «\u202Fà lire\u202F»\u202F!");
    expect(typesetHtml(html)).toBe(html);
  });
});

describe("a build with imported items it cannot render", () => {
  it("builds the rest of the site and names each file it left out, in French, with the reason", () => {
    expect(site.stdout).toMatch(/Veille : content\/veille\/2026\/2026-11-11-corps-trop-profond\.md n'est pas publié : .*imbriqué/);
    expect(site.stdout).toMatch(/Veille : content\/veille\/2026\/2026-11-12-sans-date\.md n'est pas publié : champ « date »/);
    expect(site.stdout).toMatch(
      /Veille : content\/veille\/2026\/2026-11-14-en-tete-executable\.md n'est pas publié : les en-têtes en JavaScript/,
    );
    expect(existsSync(join(site.output, "veille/2026/2026-11-11-corps-trop-profond"))).toBe(false);
    expect(page("/veille/")).toContain("2026-11-13-caracteres-interdits");
  });

  it.each(["feed.xml", "themes/laicite/feed.xml", "sources.opml"])("writes %s as XML without the characters XML forbids", (file) => {
    const text = readFileSync(join(site.output, file), "utf8");
    expect(text).not.toMatch(XML_FORBIDDEN);
    expect(() => parseXml(text)).not.toThrow();
  });

  it("writes the e-mail letter without the characters XML forbids", () => {
    const text = readFileSync(join(site.output, "veille/lettre/2026-S46/courriel.html"), "utf8");
    expect(text).toContain("Titre avec contrôles");
    expect(text).not.toMatch(XML_FORBIDDEN);
  });
});
