import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { paragraphs } from "../../src/site/editorial/letters.ts";
import { keptSince, troubledSources } from "../../src/site/editor/dashboard.ts";
import { sharedSite, type SiteBuild } from "../support/site-build.ts";

/** 2026-11-30 is the Monday of ISO week 49. */
const INTROS = `- week: 2026-S49
  text: |-
    Cette semaine, le groupe retient un rapport.

    Bonne lecture <à tous>.
- week: 2026-S10
  text: Une autre semaine.
`;

let site: SiteBuild;
beforeAll(async () => {
  site = await sharedSite({ content: { "veille/2026": "tests/fixtures/admin/veille/2026" }, files: { "_data/letterIntros.yaml": INTROS } });
});

describe("letter introductions", () => {
  it("cut plain text into paragraphs at blank lines", () => {
    expect(paragraphs("Un.\nsuite\n\n  \nDeux.")).toEqual(["Un.\nsuite", "Deux."]);
    expect(paragraphs(undefined)).toEqual([]);
  });

  it("open the week's letter page and its e-mail version, escaped", async () => {
    for (const file of ["veille/lettre/2026-S49/index.html", "veille/lettre/2026-S49/courriel.html"]) {
      const html = await readFile(join(site.output, file), "utf8");
      expect(html).toContain("Cette semaine, le groupe retient un rapport.</p>");
      expect(html).toContain("Bonne lecture &lt;à tous&gt;.</p>");
      expect(html).not.toContain("Une autre semaine.");
      expect(html.indexOf("retient un rapport")).toBeLessThan(html.indexOf("Un rapport sur la laïcité"));
    }
  });
});

describe("the editor in the built site", () => {
  it("has its bundle, copied from node_modules, and its generated configuration under /admin/", async () => {
    const files = await readdir(join(site.output, "admin"));
    expect(files).toEqual(expect.arrayContaining(["index.html", "decap-cms.js", "admin.js", "yaml-format.js", "config.yml"]));
    expect(files.some((f) => f.endsWith(".map"))).toBe(false);
    const config = parse(await readFile(join(site.output, "admin/config.yml"), "utf8"));
    expect(config.locale).toBe("fr");
    expect(config.collections.map((c: { name: string }) => c.name)).toContain("veille-2026");
  });

  it("is loaded by no public page", async () => {
    for (const page of ["index.html", "veille/index.html", "ressources/index.html", "recherche/index.html"]) {
      expect(await readFile(join(site.output, page), "utf8")).not.toMatch(/decap|admin\.js/);
    }
    const admin = await readFile(join(site.output, "admin/index.html"), "utf8");
    expect(admin).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(admin).not.toContain("data-pagefind-body");
  });

  it("is linked from each line of the maintainers' dashboard", async () => {
    const html = await readFile(join(site.output, "admin/tableau-de-bord/index.html"), "utf8");
    expect(html).toMatch(/href="\/admin\/#\/collections\/pages\/entries\/[a-z-]+"/);
    expect(html).toContain('href="/admin/#/collections/donnees/entries/site"');
    expect(html).toContain("Sources en erreur ou déplacées");
    expect(html).toContain("Informations gardées ces sept derniers jours");
  });
});

describe("dashboard lists", () => {
  it("keep the watch items fetched in the last seven days", () => {
    const now = new Date("2026-12-01T12:00:00Z");
    const items = [{ data: { fetched: "2026-11-30T10:00:00+01:00" } }, { data: { fetched: "2026-11-20T10:00:00+01:00" } }, { data: {} }];
    expect(keptSince(items, 7, now)).toEqual([items[0]]);
  });

  it("keep the sources that fail, are gone, moved or paused", () => {
    const rows = (["ok", "new", "disabled", "throttled", "moved", "failing", "gone"] as const).map((kind) => ({ kind }));
    expect(troubledSources(rows).map((r) => r.kind)).toEqual(["throttled", "moved", "failing", "gone"]);
  });
});
