import { describe, expect, it } from "vitest";
import type { Entry } from "../../src/site/content/entries.ts";
import { FEED_SIZE, feedSpecs, newestOf } from "../../src/site/feeds/specs.ts";
import { themeShelves } from "../../src/site/lists/theme-shelves.ts";

const THEMES = [{ id: "laicite" }, { id: "radicalisation" }];
const entry = (name: string, date: string, themes: string[]): Entry => ({
  inputPath: name,
  url: `/${name}/`,
  date: new Date(date),
  data: { contentType: "watch", title: name, themes },
});
const names = (entries: Entry[]) => entries.map((e) => e.data.title);
const many = (count: number, themes: string[]) =>
  Array.from({ length: count }, (_, i) => entry(`w${i}`, new Date(Date.UTC(2026, 10, 1) - i * 3600_000).toISOString(), themes));

describe("newestOf", () => {
  it("merges lists that are each newest first into the newest entries overall", () => {
    const merged = newestOf([[entry("w2", "2026-11-20", []), entry("w1", "2026-11-10", [])], [entry("p1", "2026-11-15", [])]], 2);
    expect(names(merged)).toEqual(["w2", "p1"]);
  });
});

describe("themeShelves", () => {
  const lists = {
    watch: [entry("w2", "2026-11-20", ["laicite", "radicalisation"]), entry("w1", "2026-11-10", ["laicite"])],
    resources: [entry("r1", "2026-01-01", ["radicalisation"])],
    posts: [entry("p1", "2026-11-15", ["laicite"])],
  };

  it("shelves each entry under every theme it carries", () => {
    const shelves = themeShelves(THEMES, lists);
    expect(names(shelves.laicite!.watch)).toEqual(["w2", "w1"]);
    expect(names(shelves.radicalisation!.watch)).toEqual(["w2"]);
    expect(names(shelves.radicalisation!.resources)).toEqual(["r1"]);
    expect(names(shelves.laicite!.posts)).toEqual(["p1"]);
  });

  it("builds each theme's feed from its watch items and posts, newest first", () => {
    expect(names(themeShelves(THEMES, lists).laicite!.feed)).toEqual(["w2", "p1", "w1"]);
  });

  it("keeps at most FEED_SIZE watch items per theme but counts them all", () => {
    const shelf = themeShelves(THEMES, { watch: many(FEED_SIZE + 10, ["laicite"]), resources: [], posts: [] }).laicite!;
    expect(shelf.watch).toHaveLength(FEED_SIZE);
    expect(shelf.watchCount).toBe(FEED_SIZE + 10);
    expect(shelf.feed).toHaveLength(FEED_SIZE);
  });

  it("puts the group's selection first on a theme's page, even beyond its newest items, but not in its feed", () => {
    const watch = many(FEED_SIZE + 5, ["laicite"]);
    watch.at(-1)!.data.selected = true;
    const shelf = themeShelves(THEMES, { watch, resources: [], posts: [] }).laicite!;
    expect(shelf.watch[0]).toBe(watch.at(-1));
    expect(shelf.watch).toHaveLength(FEED_SIZE);
    expect(shelf.feed).not.toContain(watch.at(-1));
  });

  it("ignores themes that are not in the catalogue", () => {
    expect(Object.keys(themeShelves(THEMES, { watch: [entry("w", "2026-11-01", ["ancien"])], resources: [], posts: [] }))).toEqual([
      "laicite",
      "radicalisation",
    ]);
  });
});

describe("feedSpecs", () => {
  it("publishes the site-wide feed first, then one feed per theme under /themes/<id>/", () => {
    const watch = many(FEED_SIZE + 5, ["laicite"]);
    const specs = feedSpecs(THEMES, themeShelves(THEMES, { watch, resources: [], posts: [] }), [watch, []]);
    expect(specs.map((s) => [s.url, s.home, s.theme])).toEqual([
      ["/feed.xml", "/", undefined],
      ["/themes/laicite/feed.xml", "/themes/laicite/", "laicite"],
      ["/themes/radicalisation/feed.xml", "/themes/radicalisation/", "radicalisation"],
    ]);
    expect(specs[0]?.entries).toHaveLength(FEED_SIZE);
  });
});
