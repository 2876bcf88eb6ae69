import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { PARIS_ZONE, toIso, ZONE } from "../../src/core/time.ts";

const iso = (ms: number, zone: string | typeof PARIS_ZONE) => DateTime.fromMillis(ms, { zone }).toISO();

describe("Paris zone with remembered offsets", () => {
  it("gives every instant the offset luxon gives it, change days included", () => {
    const checked: number[] = [];
    // Every 6 h 7 min from 1995 to 2040 (so every time of day), and the last days of March and
    // October around 01:00 UTC to the millisecond, where Paris changes offset.
    for (let ms = Date.UTC(1995, 0, 1); ms < Date.UTC(2040, 0, 1); ms += 367 * 60_000) checked.push(ms);
    for (let year = 1995; year < 2040; year++) {
      for (const month of [2, 9]) {
        for (let day = 20; day <= 31; day++) for (const delta of [-1, 0, 1]) checked.push(Date.UTC(year, month, day, 1) + delta);
      }
    }
    const wrong = checked.filter((ms) => iso(ms, PARIS_ZONE) !== iso(ms, ZONE));
    expect(wrong).toEqual([]);
  });

  it("is the same zone as its name for luxon", () => {
    expect(PARIS_ZONE.equals(DateTime.now().setZone(ZONE).zone)).toBe(true);
  });
});

describe("toIso", () => {
  it("writes a date in Paris time with its offset, without milliseconds when there are none", () => {
    expect(toIso(DateTime.fromISO("2026-07-14T08:30:00Z"))).toBe("2026-07-14T10:30:00+02:00");
  });
});
