import { describe, expect, it } from "vitest";
import type { Labels } from "../../src/site/search/facets.ts";
import { searchTags, UNDATED, type SearchTag } from "../../src/site/search/tags.ts";

const labels: Labels = {
  theme: (id) => `thème ${id}`,
  section: (id) => `rubrique ${id}`,
  territory: (id) => `territoire ${id}`,
  resourceType: (id) => `genre ${id}`,
  audience: (id) => `public ${id}`,
  source: (id) => `source ${id}`,
};

const byKind = (tags: SearchTag[], kind: SearchTag["kind"]) => tags.filter((t) => t.kind === kind).map((t) => [t.name, t.value]);

describe("searchTags", () => {
  it("files a watch item under its section, source, territory, themes and year, sorted by publication date", () => {
    const tags = searchTags(
      {
        contentType: "watch",
        date: "2026-03-12T09:00:00+01:00",
        section: "recherche",
        source: "revue",
        territory: "brest",
        themes: ["laicite", "jeunesse"],
      },
      labels,
    );
    expect(byKind(tags, "filter")).toEqual([
      ["theme", "thème laicite"],
      ["theme", "thème jeunesse"],
      ["type", "rubrique recherche"],
      ["territoire", "territoire brest"],
      ["source", "source revue"],
      ["annee", "2026"],
    ]);
    expect(byKind(tags, "sort")).toEqual([["date", "2026-03-12"]]);
    expect(byKind(tags, "meta")).toEqual([
      ["type", "Veille · rubrique recherche"],
      ["themes", "thème laicite, thème jeunesse"],
      ["source", "source revue"],
      ["date", "2026-03-12"],
    ]);
  });

  it("files a resource as a resource with its kind, audiences and organisation, dated by its last check", () => {
    const tags = searchTags(
      {
        contentType: "resource",
        type: "guide",
        organisation: "Défenseur des droits",
        territory: "national",
        themes: ["discriminations"],
        audiences: ["elus", "sante"],
        updated: "2026-11-23",
      },
      labels,
    );
    expect(byKind(tags, "filter")).toContainEqual(["type", "Ressource"]);
    expect(byKind(tags, "filter")).toContainEqual(["ressource", "genre guide"]);
    expect(byKind(tags, "filter")).toContainEqual(["public", "public elus"]);
    expect(byKind(tags, "filter")).toContainEqual(["public", "public sante"]);
    expect(byKind(tags, "filter")).toContainEqual(["source", "Défenseur des droits"]);
    expect(byKind(tags, "meta")).toContainEqual(["type", "Ressource · genre guide"]);
    expect(byKind(tags, "meta")).toContainEqual(["publics", "public elus, public sante"]);
    expect(byKind(tags, "meta")).toContainEqual(["redigee", "2026-11-23"]);
    expect(byKind(tags, "sort")).toEqual([["date", "2026-11-23"]]);
  });

  it("marks a proposition in its results, so a text awaiting the group's validation never reads as the group's", () => {
    const proposal = searchTags({ contentType: "post", date: "2026-11-23", themes: [], status: "proposition" }, labels);
    const validated = searchTags({ contentType: "post", date: "2026-11-23", themes: [], status: "valide" }, labels);
    expect(byKind(proposal, "meta")).toContainEqual(["statut", "proposition en attente de validation par le groupe"]);
    expect(byKind(validated, "meta").map(([name]) => name)).not.toContain("statut");
  });

  it("files a post as a post by its author", () => {
    const tags = searchTags({ contentType: "post", date: "2026-11-23", author: "Groupe d'appui", themes: [] }, labels);
    expect(byKind(tags, "filter")).toEqual([
      ["type", "Billet"],
      ["source", "Groupe d'appui"],
      ["annee", "2026"],
    ]);
  });

  it("files a page as a page that claims no date, sorted after every dated page", () => {
    const tags = searchTags({ contentType: "page", date: new Date("2026-11-23T00:00:00Z") }, labels);
    expect(tags).toEqual([
      { kind: "filter", name: "type", value: "Page" },
      { kind: "meta", name: "type", value: "Page" },
      { kind: "sort", name: "date", value: UNDATED },
    ]);
  });

  it("refuses a page whose content type is not declared, instead of filing it as a page", () => {
    expect(() => searchTags({ title: "Sans type" }, labels)).toThrow(/type de contenu inconnu/);
  });
});
