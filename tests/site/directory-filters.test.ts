import { describe, expect, it } from "vitest";
import { directoryLinks } from "../../src/site/search/directory.ts";
import { createLabels } from "../../src/site/filters.ts";

const THEMES = [
  { id: "laicite", label: "Laïcité", description: "d", crossCutting: false, strong: [], weak: [] },
  { id: "discriminations", label: "Discriminations", description: "d", crossCutting: false, strong: [], weak: [] },
];
const options = { labels: createLabels(THEMES, new Map()), themeIds: THEMES.map((t) => t.id) };
const resource = (data: Record<string, unknown>) => ({ data });

describe("The directory's ways in", () => {
  it("lists each audience resources carry, in the vocabulary's order, with its label, count and search link", () => {
    const links = directoryLinks([resource({ audiences: ["education", "elus"] }), resource({ audiences: ["elus"] })], "public", options);
    expect(links).toEqual([
      { id: "elus", label: "Élu·es", count: 2, url: "/recherche/?public=%C3%89lu%C2%B7es" },
      { id: "education", label: "Éducation", count: 1, url: "/recherche/?public=%C3%89ducation" },
    ]);
  });

  it("orders themes as the catalogue does and leaves out those no resource carries", () => {
    const links = directoryLinks([resource({ themes: ["discriminations"] })], "theme", options);
    expect(links.map((l) => l.id)).toEqual(["discriminations"]);
  });

  it("refuses a facet that no field of the resources feeds", () => {
    expect(() => directoryLinks([], "annee", options)).toThrow(/« annee »/);
  });
});
