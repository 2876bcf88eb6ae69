import { describe, expect, it } from "vitest";
import { DataError, loadYamlFile, parseYamlText, validate } from "../../src/core/validation.ts";
import { themesFileSchema } from "../../src/core/taxonomy.ts";
import { createFrontMatterParser, refuseExecutableFrontMatter } from "../../src/site/content/front-matter.ts";
import { siteSchema } from "../../src/site/content/schemas.ts";
import { PROJECT_ROOT } from "../support/site-build.ts";

const reports: string[] = [];
const parse = createFrontMatterParser({
  themeIds: new Set(["laicite", "discriminations"]),
  report: (file, message) => reports.push(`${file} ${message}`),
});
const watchItem = `
title: Un article
date: 2026-11-20T08:00:00+01:00
source: revue
url: https://example.org/a
guid: https://example.org/a
section: actualites
territory: national
themes: [laicite]
fetched: 2026-11-20T09:00:00+01:00
`;
const resource = `
title: Un guide
organisation: Un organisme
url: https://example.org/guide
type: guide
themes: [laicite]
territory: national
audiences: [education]
language: fr
summary: Ce qu'on y trouve.
updated: 2026-11-23
`;

function problemsOf(action: () => unknown): string[] {
  try {
    action();
  } catch (error) {
    if (error instanceof DataError) return [...error.problems];
    throw error;
  }
  throw new Error("expected a DataError");
}

describe("the committed data files", () => {
  it("are valid", () => {
    expect(() => loadYamlFile(`${PROJECT_ROOT}/_data/site.yaml`, siteSchema)).not.toThrow();
    expect(() => loadYamlFile(`${PROJECT_ROOT}/_data/themeCatalog.yaml`, themesFileSchema)).not.toThrow();
  });
});

describe("data file validation", () => {
  it("names the file and the field, in French", () => {
    const error = (() => {
      try {
        validate(siteSchema, { name: "x" }, "_data/site.yaml");
      } catch (e) {
        return e as DataError;
      }
    })();
    expect(error?.message).toMatch(/^_data\/site\.yaml :/);
    expect(error?.problems).toContainEqual(expect.stringMatching(/champ « contact » : .*attendu/));
  });

  it("points at the line of a YAML syntax error", () => {
    const problems = problemsOf(() => parseYamlText("a: [1, 2\nb: 3", "_data/site.yaml"));
    expect(problems[0]).toMatch(/^YAML invalide, ligne \d+, colonne \d+/);
  });

  it("refuses a theme id used twice", () => {
    const theme = { id: "laicite", label: "L", description: "d" };
    const problems = problemsOf(() => validate(themesFileSchema, [theme, theme], "_data/themeCatalog.yaml"));
    expect(problems).toEqual([expect.stringMatching(/champ « \[1\]\.id » : .*« laicite » déjà utilisé/)]);
  });
});

describe("front matter validation", () => {
  it("accepts a complete resource", () => {
    expect(parse(resource, { filePath: "./content/ressources/guide.md" })).toMatchObject({ title: "Un guide" });
  });

  it("hands pages zod's output with the type's defaults, its layout, URL and content type", () => {
    const data = parse(watchItem, { filePath: "./content/veille/2026/2026-11-20-un-article.md" });
    expect(data).toMatchObject({
      contentType: "watch",
      layout: "watch-item.njk",
      permalink: "/veille/2026/2026-11-20-un-article/",
      summary: "",
    });
  });

  it("keeps a page's own layout and URL", () => {
    const data = parse("title: T\ndescription: D\nstatus: valide\nlayout: legal-notice.njk\npermalink: /mentions/", {
      filePath: "./content/mentions.md",
    });
    expect(data).toMatchObject({ contentType: "page", layout: "legal-notice.njk", permalink: "/mentions/" });
  });

  it("stops on a Markdown file in a folder no content type declares, naming the file", () => {
    const problems = problemsOf(() => parse("title: T", { filePath: "./content/divers/note.md" }));
    expect(problems[0]).toMatch(/aucun type de contenu n'est déclaré pour ce dossier/);
  });

  it("marks an invalid imported item as unbuildable instead of stopping the build", () => {
    const data = parse("title: T\nsource: x", { filePath: "./content/veille/2026/2026-01-01-t.md" });
    expect(data).toEqual({ contentType: "watch", unbuildable: expect.stringMatching(/« date »/) });
  });

  it("publishes an imported item without a theme the catalogue no longer has, and says so", () => {
    reports.length = 0;
    const data = parse(watchItem.replace("[laicite]", "[laicite, ancien]"), { filePath: "./content/veille/2026/2026-11-20-un-article.md" });
    expect(data.themes).toEqual(["laicite"]);
    expect(reports).toEqual([expect.stringMatching(/2026-11-20-un-article\.md est publié sans ce thème : .*« ancien »/)]);
  });

  it("names the file and every wrong field of a resource", () => {
    const broken = resource.replace("type: guide", "type: brochure").replace("url: https://example.org/guide", "url: pas-une-adresse");
    const problems = problemsOf(() => parse(broken, { filePath: "./content/ressources/guide.md" }));
    expect(problems).toEqual([expect.stringMatching(/^champ « url » :/), expect.stringMatching(/^champ « type » : .*"guide"/)]);
  });

  it("refuses an unknown key, which is usually a misspelt one", () => {
    const problems = problemsOf(() => parse(`${resource}\nresume: doublon`, { filePath: "./content/ressources/guide.md" }));
    expect(problems).toEqual([expect.stringMatching(/resume/)]);
  });

  it("refuses a theme that is not in the catalogue and lists the known ones", () => {
    const problems = problemsOf(() => parse(resource.replace("[laicite]", "[securite]"), { filePath: "./content/ressources/guide.md" }));
    expect(problems[0]).toMatch(/thème inconnu « securite » \(thèmes possibles : laicite, discriminations\)/);
  });

  it("requires a title, a description and a status on a page", () => {
    const problems = problemsOf(() => parse("layout: page.njk", { filePath: "./content/charte.md" }));
    expect(problems).toEqual([
      expect.stringMatching(/« title »/),
      expect.stringMatching(/« description »/),
      expect.stringMatching(/« status » : « proposition » .* ou « valide »/),
    ]);
  });

  it("accepts a page the group has validated", () => {
    expect(parse("title: T\ndescription: D\nstatus: valide", { filePath: "./content/charte.md" })).toMatchObject({ status: "valide" });
  });

  it("validates watch items against the ingest contract", () => {
    const data = parse("title: T\nsource: x", { filePath: "./content/veille/2026/2026-01-01-t.md" });
    expect(String(data.unbuildable)).toMatch(/« date »[\s\S]*« url »[\s\S]*« guid »/);
  });

  it("leaves templates outside content folders alone", () => {
    expect(parse("layout: base.njk", { filePath: "./src/layouts/page.njk" })).toEqual({ layout: "base.njk" });
  });

  it("refuses executable JavaScript front matter", () => {
    const problems = problemsOf(() => refuseExecutableFrontMatter("{ title: 1 }", { filePath: "./content/x.md" }));
    expect(problems[0]).toMatch(/---js\) sont refusés/);
  });
});
