import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { HtmlValidate } from "html-validate";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharedSite, PROJECT_ROOT, type SiteBuild } from "../support/site-build.ts";
import { serveStatic, type StaticServer } from "../support/static-server.ts";

// The repository as cloned: no watch item has been collected yet, so no content/veille/<year>/.
// The only addition is a link-check state, as the nightly run writes it.
let site: SiteBuild;
let server: StaticServer;
const html = (url: string) => readFileSync(join(site.output, url, "index.html"), "utf8");
const text = (url: string) =>
  html(url)
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");

beforeAll(async () => {
  site = await sharedSite({
    files: {
      "_data/linkState.json": readFileSync(join(PROJECT_ROOT, "tests/fixtures/truth/linkState-one-ok-one-failing.json"), "utf8"),
      "content/page-validee.md":
        "---\ntitle: Page validée\ndescription: Une page que le groupe a validée.\npermalink: /page-validee/\nstatus: valide\n---\n\nTexte du groupe.\n",
    },
  });
  server = await serveStatic(site.output);
});
afterAll(async () => {
  await server?.close();
});

function contentFiles(dir = join(PROJECT_ROOT, "content")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "veille" ? [] : contentFiles(path);
    return /\.(md|njk)$/.test(entry.name) ? [path] : [];
  });
}

function frontMatter(file: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---/.exec(readFileSync(file, "utf8"));
  return match ? (parse(match[1]!) as Record<string, unknown>) : {};
}

describe("a fresh clone with no watch item", () => {
  it("answers 200 on every menu and footer link", async () => {
    const identity = parse(readFileSync(join(PROJECT_ROOT, "_data/site.yaml"), "utf8")) as { navigation: { url: string }[] };
    const home = html("/");
    const footer = home.slice(home.indexOf('<footer class="site-footer">'));
    const links = new Set([...identity.navigation.map((l) => l.url), ...[...footer.matchAll(/href="(\/[^"#]*)"/g)].map((m) => m[1]!)]);
    expect(links).toContain("/veille/");
    const failing: string[] = [];
    for (const link of links) {
      const response = await fetch(server.url + link);
      if (response.status !== 200) failing.push(`${link} → ${response.status}`);
    }
    expect(failing).toEqual([]);
  });

  it("shows the watch's empty state on /veille/", () => {
    expect(html("/veille/")).toContain('class="empty"');
  });

  it("serves an icon at /favicon.ico", async () => {
    expect((await fetch(`${server.url}/favicon.ico`)).status).toBe(200);
  });
});

describe("the site's dashboard", () => {
  it("lists every page and post whose front matter says status: proposition", () => {
    const propositions = contentFiles().filter((file) => frontMatter(file).status === "proposition");
    expect(propositions.length).toBeGreaterThan(0);
    const dashboard = html("/admin/tableau-de-bord/");
    for (const file of propositions) expect(dashboard).toContain(relative(PROJECT_ROOT, file));
  });

  it("leaves out a page whose status says valide", () => {
    expect(html("/admin/tableau-de-bord/")).not.toContain("page-validee");
  });

  it("is valid HTML", async () => {
    const report = await new HtmlValidate({ extends: ["html-validate:standard"] }).validateString(html("/admin/tableau-de-bord/"));
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.line} ${m.ruleId} ${m.message}`))).toEqual([]);
  });

  it("is kept out of search engines and of the search index", () => {
    const dashboard = html("/admin/tableau-de-bord/");
    expect(dashboard).toContain('<meta name="robots" content="noindex">');
    expect(dashboard).not.toContain("data-pagefind-body");
  });

  it("lists the legal fields still empty and the resources whose link fails", () => {
    const dashboard = text("/admin/tableau-de-bord/");
    // Every fiche is listed among the propositions: the failing links are read in their own section.
    const failing = dashboard.slice(dashboard.indexOf("Ressources dont le lien est en erreur"), dashboard.indexOf("Sources en erreur"));
    expect(dashboard).toContain("legal.director");
    expect(failing).toContain("DILCRAH");
    expect(failing).not.toContain("Miviludes");
  });
});

describe("a text written for the group", () => {
  it("carries the proposition notice while it awaits validation", () => {
    expect(html("/charte/")).toMatch(
      /<p class="status-notice" role="note"[^>]*><strong>Texte proposé, en attente de validation par le groupe\.<\/strong>/,
    );
  });

  it("loses the notice once its status says valide", () => {
    expect(html("/page-validee/")).not.toContain("status-notice");
  });
});

describe("the legal pages from an empty site.yaml", () => {
  it("say what is missing instead of printing a placeholder", () => {
    const notice = text("/mentions-legales/");
    expect(notice).toContain("Direction de la publication pas encore désignée");
    expect(notice).not.toMatch(/À compléter|XXX|\[.*\]/);
  });

  it("print the checklist of what the group must fill before going live", () => {
    expect(site.stdout).toContain("À compléter dans _data/site.yaml avant la mise en ligne");
    expect(site.stdout).toContain("legal.publisher.name");
  });

  it("declare the site non conforme while no audit exists, in the statement and every footer", () => {
    expect(text("/accessibilite/")).toContain("Le site est non conforme au RGAA 4.1.2");
    expect(html("/")).toContain("site non conforme</a>");
  });
});

describe("a resource page", () => {
  it("says when its link was last found working", () => {
    expect(text("/ressources/miviludes/")).toMatch(/lien vérifié le 30 novembre 2026/);
  });

  it("says since when its link fails", () => {
    expect(text("/ressources/dilcrah/")).toMatch(/lien en erreur depuis le 27 novembre 2026/);
  });

  it("labels its date as the day the fiche was written, claiming no review by the group", () => {
    expect(text("/ressources/dilcrah/")).toContain("Fiche rédigée le");
    expect(text("/ressources/dilcrah/")).not.toMatch(/relecture|vérifiée le/);
  });
});

describe("the directory", () => {
  it("leads to the resources meant for each audience, through the search's public facet", () => {
    const files = readdirSync(join(PROJECT_ROOT, "content/ressources")).filter((f) => f.endsWith(".md"));
    const forSchools = files.filter((f) =>
      (frontMatter(join(PROJECT_ROOT, "content/ressources", f)).audiences as string[]).includes("education"),
    ).length;
    expect(text("/ressources/")).toContain(`Éducation (${forSchools})`);
    expect(html("/ressources/")).toContain(`href="/recherche/?public=${encodeURIComponent("Éducation")}"`);
  });
});

describe("French typography", () => {
  it("puts a narrow no-break space before the question mark of template text", () => {
    expect(html("/")).toContain("Besoin d’aide urgente\u202F?");
  });

  it("names a resource's language in words", () => {
    expect(text("/ressources/isd-institute-for-strategic-dialogue/")).toContain("Langue anglais");
  });
});
