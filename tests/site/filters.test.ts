import { describe, expect, it } from "vitest";
import {
  countOf,
  createLabels,
  dateFr,
  groupBy,
  isoDate,
  plural,
  resourceTypeLabel,
  take,
  territoryLabel,
  year,
} from "../../src/site/filters.ts";

describe("dateFr", () => {
  it("writes dates the French way, with the month in words", () => {
    expect(dateFr(new Date("2026-11-23T10:00:00Z"))).toBe("23 novembre 2026");
  });

  it("reads the calendar day in Paris, not in UTC", () => {
    expect(dateFr("2026-12-31T23:30:00Z")).toBe("1er janvier 2027");
  });

  it("writes the first of a month as an ordinal, « 1er », and no other day", () => {
    expect(dateFr("2026-12-01T10:00:00Z")).toBe("1er décembre 2026");
    expect(dateFr("2026-12-11T10:00:00Z")).toBe("11 décembre 2026");
    expect(dateFr("2026-12-21T10:00:00Z")).toBe("21 décembre 2026");
  });
});

describe("isoDate and year", () => {
  it("give the Paris calendar day for machine-readable markup", () => {
    expect(isoDate("2026-06-30T22:30:00Z")).toBe("2026-07-01");
    expect(year("2026-12-31T23:30:00Z")).toBe("2027");
  });
});

describe("labels", () => {
  it("name territories and resource types in French", () => {
    expect(territoryLabel("finistere")).toBe("Finistère");
    expect(resourceTypeLabel("formation")).toBe("Formation ou MOOC");
  });

  it("refuse an unknown id instead of printing it silently", () => {
    expect(() => territoryLabel("atlantide")).toThrow(/territoire inconnu : « atlantide »/);
  });

  it("take theme labels from the theme catalogue", () => {
    const themeLabel = createLabels(
      [{ id: "laicite", label: "Laïcité & fait religieux", description: "d", crossCutting: false, strong: [], weak: [] }],
      new Map(),
    ).theme;
    expect(themeLabel("laicite")).toBe("Laïcité & fait religieux");
    expect(() => themeLabel("inconnu")).toThrow(/thème inconnu/);
  });

  it("show a retired source's id when the registry no longer names it", () => {
    const sourceName = createLabels([], new Map([["vie-publique", "Vie publique"]])).source;
    expect(sourceName("vie-publique")).toBe("Vie publique");
    expect(sourceName("ancienne-source")).toBe("ancienne-source");
  });
});

describe("take", () => {
  it("keeps the first entries and tolerates a missing list", () => {
    expect(take([1, 2, 3], 2)).toEqual([1, 2]);
    expect(take(undefined, 2)).toEqual([]);
  });
});

describe("groupBy", () => {
  it("orders groups by the vocabulary and drops empty ones", () => {
    const groups = groupBy(["b1", "a1", "b2"], (s) => s[0] as "a" | "b" | "c", ["c", "b", "a"]);
    expect(groups).toEqual([
      { key: "b", items: ["b1", "b2"] },
      { key: "a", items: ["a1"] },
    ]);
  });
});

describe("French counts", () => {
  it("keep 0 and 1 singular, as French does", () => {
    expect([0, 1, 2].map((n) => countOf(n, "information"))).toEqual(["0 information", "1 information", "2 informations"]);
  });

  it("group thousands the French way and take an irregular plural", () => {
    expect(countOf(1250, "journal", "journaux")).toBe("1\u202f250 journaux");
    expect(plural(3, "relevée")).toBe("relevées");
  });
});
