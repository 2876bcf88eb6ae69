import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { Entry } from "../../src/site/content/entries.ts";
import { letterId, weeklyLetters } from "../../src/site/lists/digest.ts";

const THEMES = [
  { id: "discriminations", crossCutting: false },
  { id: "laicite", crossCutting: false },
  { id: "jeunesse", crossCutting: true },
];
const item = (slug: string, date: string, themes: string[] = []): Entry => ({
  inputPath: slug,
  url: `/veille/2026/${slug}/`,
  date: new Date(date),
  data: { contentType: "watch", title: slug, themes },
});
const titles = (entries: Entry[]) => entries.map((e) => e.data.title);

describe("letterId", () => {
  it("names the ISO week of Paris time, zero-padded", () => {
    expect(letterId(new Date("2026-03-04T12:00:00+01:00"))).toBe("2026-S10");
  });

  it("puts Monday 00:15 in Paris in the new week although it is still Sunday in UTC", () => {
    expect(letterId(new Date("2026-11-23T00:15:00+01:00"))).toBe("2026-S48");
  });

  it("uses the ISO week-year at the turn of the year", () => {
    expect(letterId(new Date("2027-01-01T10:00:00+01:00"))).toBe("2026-S53");
  });

  it("agrees with Luxon's ISO week in Paris time every six hours from 2018 to 2031", () => {
    const wrong: string[] = [];
    for (let t = Date.UTC(2018, 0, 1); t < Date.UTC(2031, 0, 1); t += 6 * 3_600_000) {
      const paris = DateTime.fromMillis(t, { zone: "Europe/Paris" });
      const expected = `${paris.weekYear}-S${String(paris.weekNumber).padStart(2, "0")}`;
      if (letterId(new Date(t)) !== expected) wrong.push(new Date(t).toISOString());
    }
    expect(wrong).toEqual([]);
  });
});

describe("weeklyLetters", () => {
  it("makes one letter per week that has items, newest first, linked to its neighbours", () => {
    const letters = weeklyLetters(
      [item("c", "2026-11-25T10:00:00+01:00"), item("b", "2026-11-18T10:00:00+01:00"), item("a", "2026-11-04T10:00:00+01:00")],
      THEMES,
    );
    expect(letters.map((l) => [l.id, l.older, l.newer])).toEqual([
      ["2026-S48", "2026-S47", undefined],
      ["2026-S47", "2026-S45", "2026-S48"],
      ["2026-S45", undefined, "2026-S47"],
    ]);
  });

  it("spans the week from Monday to Sunday in Paris time", () => {
    const [letter] = weeklyLetters([item("a", "2026-11-18T10:00:00+01:00")], THEMES);
    expect([letter?.start, letter?.end]).toEqual(["2026-11-16T00:00:00.000+01:00", "2026-11-22T00:00:00.000+01:00"]);
  });

  it("groups items by theme in the catalogue's order, items without theme last", () => {
    const [letter] = weeklyLetters(
      [
        item("none", "2026-11-20T10:00:00+01:00"),
        item("laic", "2026-11-19T10:00:00+01:00", ["laicite"]),
        item("disc", "2026-11-18T10:00:00+01:00", ["discriminations"]),
      ],
      THEMES,
    );
    expect(letter?.groups.map((g) => [g.theme, titles(g.items)])).toEqual([
      ["discriminations", ["disc"]],
      ["laicite", ["laic"]],
      [null, ["none"]],
    ]);
  });

  it("shows an item once, under its first subject theme rather than a cross-cutting one", () => {
    const [letter] = weeklyLetters([item("both", "2026-11-18T10:00:00+01:00", ["jeunesse", "laicite", "discriminations"])], THEMES);
    expect(letter?.groups.map((g) => g.theme)).toEqual(["laicite"]);
    expect(letter?.count).toBe(1);
  });

  it("files an item under its cross-cutting theme when it has no other", () => {
    const [letter] = weeklyLetters([item("young", "2026-11-18T10:00:00+01:00", ["jeunesse"])], THEMES);
    expect(letter?.groups.map((g) => g.theme)).toEqual(["jeunesse"]);
  });

  it("puts the group's selection first in its theme's group", () => {
    const chosen = {
      ...item("chosen", "2026-11-17T10:00:00+01:00", ["laicite"]),
      data: { contentType: "watch", title: "chosen", themes: ["laicite"], selected: true },
    };
    const [letter] = weeklyLetters([item("newer", "2026-11-19T10:00:00+01:00", ["laicite"]), chosen], THEMES);
    expect(titles(letter!.groups[0]!.items)).toEqual(["chosen", "newer"]);
  });
});
