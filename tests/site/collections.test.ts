import { describe, expect, it } from "vitest";
import { byTitle, collections, newestFirst, type Entry } from "../../src/site/collections.ts";

const entry = (inputPath: string, date: string, data: Record<string, unknown> = {}): Entry => ({
  inputPath,
  date: new Date(date),
  url: `/${inputPath}/`,
  data,
});

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
    const sorted = byTitle([entry("1", "2026-01-01", { title: "Zèbre" }), entry("2", "2026-01-01", { title: "école" }), entry("3", "2026-01-01", { title: "Eau" })]);
    expect(sorted.map((e) => e.data.title)).toEqual(["Eau", "école", "Zèbre"]);
  });
});

describe("resourcesByType", () => {
  it("shelves resources by type in the vocabulary's order", () => {
    const api = {
      getFilteredByGlob: () => [
        entry("r1", "2026-01-01", { title: "B", type: "annuaire" }),
        entry("r2", "2026-01-01", { title: "A", type: "guide" }),
        entry("r3", "2026-01-01", { title: "C", type: "guide" }),
      ],
    };
    const shelves = collections.resourcesByType(api);
    expect(shelves.map((s) => [s.key, s.items.map((r) => r.data.title)])).toEqual([
      ["guide", ["A", "C"]],
      ["annuaire", ["B"]],
    ]);
  });
});
