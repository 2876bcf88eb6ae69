import type { Theme } from "../../core/taxonomy.ts";
import { newestFirst, type Entry } from "../content/entries.ts";

/** Entries per feed: subscribers only need what is new, and a 20 000-item watch must not make megabyte feeds. */
export const FEED_SIZE = 50;

/** One Atom feed of the site: where it is published, the page it stands for, its entries. */
export interface FeedSpec {
  url: string;
  home: string;
  /** Set for a theme's feed, absent for the site-wide one. */
  theme?: string;
  entries: Entry[];
}

/** The newest `size` entries of lists that are each already newest first. */
export function newestOf(lists: readonly (readonly Entry[])[], size = FEED_SIZE): Entry[] {
  return newestFirst(lists.flatMap((list) => list.slice(0, size))).slice(0, size);
}

/** The site-wide feed first (the lists of every content type that goes into feeds), then one feed per theme. */
export function feedSpecs(
  themes: readonly Pick<Theme, "id">[],
  shelves: Readonly<Record<string, { feed: Entry[] }>>,
  inFeeds: readonly (readonly Entry[])[],
): FeedSpec[] {
  return [
    { url: "/feed.xml", home: "/", entries: newestOf(inFeeds) },
    ...themes.map((t) => ({ url: `/themes/${t.id}/feed.xml`, home: `/themes/${t.id}/`, theme: t.id, entries: shelves[t.id]?.feed ?? [] })),
  ];
}
