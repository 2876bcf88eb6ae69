import type { Theme } from "../../core/taxonomy.ts";
import { selectedFirst, type Entry } from "../content/entries.ts";
import { FEED_SIZE, newestOf } from "../feeds/specs.ts";

/** What a theme gathers: its latest watch items, its resources and the group's posts about it. */
export interface ThemeShelf {
  /** The theme's watch items for its page, the group's selection first then the newest, at most FEED_SIZE. */
  watch: Entry[];
  /** How many watch items carry the theme in all. */
  watchCount: number;
  resources: Entry[];
  posts: Entry[];
  /** The theme's feed: watch items and posts together, newest first, at most FEED_SIZE. */
  feed: Entry[];
}

/**
 * Shelves every entry under each of its themes in one pass over each list, so theme pages and
 * theme feeds never filter the whole watch once per theme. Lists come in display order.
 */
export function themeShelves(
  themes: readonly Pick<Theme, "id">[],
  lists: { watch: readonly Entry[]; resources: readonly Entry[]; posts: readonly Entry[] },
): Record<string, ThemeShelf> {
  const shelves: Record<string, ThemeShelf> = Object.fromEntries(
    themes.map((t) => [t.id, { watch: [], watchCount: 0, resources: [], posts: [], feed: [] }]),
  );
  const themesOf = (entry: Entry) => entry.data.themes ?? [];
  const newest: Record<string, Entry[]> = Object.fromEntries(themes.map((t) => [t.id, []]));
  const selected: Record<string, Entry[]> = Object.fromEntries(themes.map((t) => [t.id, []]));
  for (const item of lists.watch) {
    for (const id of themesOf(item)) {
      const shelf = shelves[id];
      if (!shelf) continue;
      shelf.watchCount += 1;
      if (newest[id]!.length < FEED_SIZE) newest[id]!.push(item);
      if (item.data.selected === true && selected[id]!.length < FEED_SIZE) selected[id]!.push(item);
    }
  }
  for (const resource of lists.resources) for (const id of themesOf(resource)) shelves[id]?.resources.push(resource);
  for (const post of lists.posts) for (const id of themesOf(post)) shelves[id]?.posts.push(post);
  for (const [id, shelf] of Object.entries(shelves)) {
    shelf.watch = selectedFirst([...new Set([...selected[id]!, ...newest[id]!])]).slice(0, FEED_SIZE);
    shelf.feed = newestOf([newest[id]!, shelf.posts]);
  }
  return shelves;
}
