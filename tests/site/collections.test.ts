import { describe, expect, it } from "vitest";
import { siteCollections, siteLists } from "../../src/site/lists/collections.ts";
import { byTitle, newestFirst, selectedFirst, type Entry, type TemplateData } from "../../src/site/content/entries.ts";

const entry = (inputPath: string, date: string, data: TemplateData = {}): Entry<TemplateData & { title: string }> => ({
  inputPath,
  date: new Date(date),
  url: `/${inputPath}/`,
  data: { title: inputPath, ...data },
});
const THEMES = [{ id: "laicite", label: "Laïcité", description: "d", crossCutting: false, strong: [], weak: [] }];

describe("newestFirst", () => {
  it("sorts by date, newest first", () => {
    const sorted = newestFirst([entry("a", "2025-01-01"), entry("b", "2026-01-01")]);
    expect(sorted.map((e) => e.inputPath)).toEqual(["b", "a"]);
  });

  it("breaks ties by path so builds are stable", () => {
    const sorted = newestFirst([entry("z", "2026-01-01"), entry("a", "2026-01-01")]);
    expect(sorted.map((e) => e.inputPath)).toEqual(["a", "z"]);
  });
});

describe("byTitle", () => {
  it("sorts titles as a French reader expects, ignoring accents and case", () => {
    const sorted = byTitle([
      entry("1", "2026-01-01", { title: "Zèbre" }),
      entry("2", "2026-01-01", { title: "école" }),
      entry("3", "2026-01-01", { title: "Eau" }),
    ]);
    expect(sorted.map((e) => e.data.title)).toEqual(["Eau", "école", "Zèbre"]);
  });
});

describe("selectedFirst", () => {
  it("moves the group's selection ahead and keeps each part's order", () => {
    const sorted = selectedFirst([entry("a", "2026-01-03"), entry("b", "2026-01-02", { selected: true }), entry("c", "2026-01-01")]);
    expect(sorted.map((e) => e.inputPath)).toEqual(["b", "a", "c"]);
  });
});

describe("siteLists", () => {
  it("lists each content type by its declared collection and order, leaving untyped templates out", () => {
    const lists = siteLists(
      [
        entry("w-old", "2025-01-01", { contentType: "watch" }),
        entry("r-b", "2026-01-01", { contentType: "resource", updated: "2026-01-01", title: "B" }),
        entry("listing", "2026-01-01", {}),
        entry("w-new", "2026-01-01", { contentType: "watch" }),
        entry("r-a", "2026-01-01", { contentType: "resource", updated: "2026-01-01", title: "A" }),
        entry("page", "2026-01-01", { contentType: "page" }),
      ],
      THEMES,
    );
    expect(lists.watch.map((e) => e.inputPath)).toEqual(["w-new", "w-old"]);
    expect(lists.resources.map((e) => e.inputPath)).toEqual(["r-a", "r-b"]);
    expect(Object.keys(lists.byType).sort()).toEqual(["posts", "resources", "watch"]);
  });

  it("shelves resources by type in the vocabulary's order", () => {
    const lists = siteLists(
      [
        entry("r1", "2026-01-01", { contentType: "resource", updated: "2026-01-01", title: "B", type: "annuaire" }),
        entry("r2", "2026-01-01", { contentType: "resource", updated: "2026-01-01", title: "A", type: "guide" }),
        entry("r3", "2026-01-01", { contentType: "resource", updated: "2026-01-01", title: "C", type: "guide" }),
      ],
      THEMES,
    );
    expect(lists.resourcesByType.map((s) => [s.key, s.items.map((r) => r.data.title)])).toEqual([
      ["guide", ["A", "C"]],
      ["annuaire", ["B"]],
    ]);
  });

  it("lists the most recently reviewed resources first, whether the day is written as text or as a date", () => {
    const lists = siteLists(
      [
        entry("march", "2026-01-01", { contentType: "resource", updated: "2026-03-01", title: "March" }),
        entry("may", "2026-01-01", { contentType: "resource", updated: "2026-05-01", title: "May" }),
        entry("december", "2026-01-01", { contentType: "resource", updated: new Date("2025-12-31"), title: "December" }),
      ],
      THEMES,
    );
    expect(lists.recentResources.map((r) => r.data.title)).toEqual(["May", "March", "December"]);
  });

  it("puts the group's selection first on the home page", () => {
    const lists = siteLists(
      [entry("new", "2026-01-02", { contentType: "watch" }), entry("old", "2020-01-01", { contentType: "watch", selected: true })],
      THEMES,
    );
    expect(lists.watchHighlights.map((e) => e.inputPath)).toEqual(["old", "new"]);
  });
});

describe("siteCollections", () => {
  it("reads Eleventy's pages once per build, whatever the number of collections", () => {
    let reads = 0;
    const api = { getAll: () => (reads++, [entry("w", "2026-01-01", { contentType: "watch" })]) };
    const collections = siteCollections(THEMES);
    for (const build of Object.values(collections)) build(api);
    expect(reads).toBe(1);
    expect(collections.watch!(api)).toHaveLength(1);
  });
});
