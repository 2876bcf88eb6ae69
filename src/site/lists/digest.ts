import { DateTime } from "luxon";
import type { Theme } from "../../core/taxonomy.ts";
import { ZONE } from "../../core/time.ts";
import { selectedFirst, type Entry } from "../content/entries.ts";
import { isoDate } from "../filters.ts";

/** The items of one theme in a letter; `theme` is null for items that have none. */
export interface LetterGroup {
  theme: string | null;
  items: Entry[];
}

/** One weekly letter: an ISO week of Paris time and the watch items published in it. */
export interface Letter {
  /** `2026-S47`: the ISO week-year and week number, as the letter's URL shows it. */
  id: string;
  weekYear: number;
  week: number;
  /** Monday and Sunday of the week, ISO dates with Paris offset. */
  start: string;
  end: string;
  count: number;
  groups: LetterGroup[];
  /** The letters just before and after, by id, for navigation. */
  older?: string;
  newer?: string;
}

/** The moment `date` as Paris clocks show it, to read its ISO week. */
function parisTime(date: Date): DateTime {
  return DateTime.fromJSDate(date).setZone(ZONE);
}

// Computed once per Paris calendar day rather than once per item: a Luxon zoned date per item
// was most of the letters' cost at 20 000 items.
const weekOfDay = new Map<string, string>();

export function letterId(date: Date): string {
  const day = isoDate(date);
  let id = weekOfDay.get(day);
  if (id === undefined) {
    const dt = parisTime(date);
    id = `${dt.weekYear}-S${String(dt.weekNumber).padStart(2, "0")}`;
    weekOfDay.set(day, id);
  }
  return id;
}

/**
 * An item appears once in a letter, under its first theme; a cross-cutting theme (youth) only
 * counts when the item has no other, so the letter reads by subject rather than by audience.
 */
function mainTheme(item: Entry, crossCutting: ReadonlySet<string>, known: ReadonlySet<string>): string | null {
  const ids = (item.data.themes ?? []).filter((id) => known.has(id));
  return ids.find((id) => !crossCutting.has(id)) ?? ids[0] ?? null;
}

/**
 * Weekly letters from the watch (newest first), newest letter first, in one pass over the items.
 * Groups follow the theme catalogue's order, items without a theme last; in each group the
 * group's selection comes first.
 */
export function weeklyLetters(watch: readonly Entry[], themes: readonly Pick<Theme, "id" | "crossCutting">[]): Letter[] {
  const known = new Set(themes.map((t) => t.id));
  const crossCutting = new Set(themes.filter((t) => t.crossCutting).map((t) => t.id));
  const order = [...themes.map((t) => t.id), null];
  const weeks = new Map<string, { first: Date; byTheme: Map<string | null, Entry[]>; count: number }>();

  for (const item of watch) {
    const id = letterId(item.date);
    let week = weeks.get(id);
    if (!week) {
      week = { first: item.date, byTheme: new Map(), count: 0 };
      weeks.set(id, week);
    }
    const theme = mainTheme(item, crossCutting, known);
    const list = week.byTheme.get(theme);
    if (list) list.push(item);
    else week.byTheme.set(theme, [item]);
    week.count += 1;
  }

  const letters = [...weeks].map(([id, week]): Letter => {
    const monday = parisTime(week.first).startOf("week");
    return {
      id,
      weekYear: monday.weekYear,
      week: monday.weekNumber,
      start: monday.toISO()!,
      end: monday.plus({ days: 6 }).toISO()!,
      count: week.count,
      groups: order.filter((t) => week.byTheme.has(t)).map((t) => ({ theme: t, items: selectedFirst(week.byTheme.get(t)!) })),
    };
  });
  letters.sort((a, b) => (a.id < b.id ? 1 : -1));
  letters.forEach((letter, i) => {
    letter.newer = letters[i - 1]?.id;
    letter.older = letters[i + 1]?.id;
  });
  return letters;
}
