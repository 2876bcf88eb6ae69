import { RESOURCE_TYPE_LABELS, type ResourceType, type Theme } from "../../core/taxonomy.ts";
import { CONTENT_TYPES, type ContentType } from "../content/content-types.ts";
import {
  byTitle,
  newestFirst,
  selectedFirst,
  type ContentData,
  type Entry,
  type PostData,
  type ResourceData,
  type TemplateData,
  type WatchData,
} from "../content/entries.ts";
import { weeklyLetters, type Letter } from "./digest.ts";
import { groupBy, isoDate } from "../filters.ts";
import { FEED_SIZE, feedSpecs, type FeedSpec } from "../feeds/specs.ts";
import { themeShelves, type ThemeShelf } from "./theme-shelves.ts";

export interface CollectionApi {
  getAll(): Entry<TemplateData>[];
}

/** Every list the templates read, built once per build from one pass over Eleventy's pages. */
export interface SiteLists {
  /** One list per content type that declares a collection, by collection name. */
  byType: Record<string, Entry[]>;
  watch: Entry<WatchData>[];
  resources: Entry<ResourceData>[];
  posts: Entry<PostData>[];
  /** The home page's watch: the group's selection first, then the newest items. */
  watchHighlights: Entry<WatchData>[];
  /** Resources, the most recently reviewed first (`updated`: last editorial review). */
  recentResources: Entry<ResourceData>[];
  /** The directory's shelves, in the order of the type vocabulary. */
  resourcesByType: { key: ResourceType; items: Entry<ResourceData>[] }[];
  /** Per theme id, what its page `/themes/<id>/` lists. */
  themeShelves: Record<string, ThemeShelf>;
  /** Weekly letters of the watch, newest first (`/veille/lettre/`). */
  letters: Letter[];
  /** The site-wide Atom feed first, then one per theme. */
  feeds: FeedSpec[];
  /** Pages and posts written for the group and not yet validated, for the maintainers' dashboard. */
  propositions: Entry[];
}

/** A type's list, typed by the schema of the type that declares it (the front-matter engine validated each entry against it). */
function listOf<D extends ContentData>(byType: Record<string, Entry[]>, name: string): Entry<D>[] {
  return (byType[name] ?? []) as Entry<D>[];
}

export function siteLists(
  all: readonly Entry<TemplateData>[],
  themes: readonly Theme[],
  types: readonly ContentType[] = CONTENT_TYPES,
): SiteLists {
  const listed = types.filter((t) => t.collection);
  const lists = new Map<string, Entry[]>(listed.map((t) => [t.id, []]));
  // Each listed page as a view over Eleventy's own object (its prototype): reads go through to the
  // page, but Eleventy no longer takes the lists for its own. After rendering it walks every plain
  // page object of every array collection and looks each one up by a linear search of all pages
  // (TemplateMap.populateCollectionsWithContent → getMapEntryForInputPath): quadratic, and a
  // no-op for pages it already holds. The `all` collection still pays it once, as in bare Eleventy.
  for (const entry of all) if (entry.data.contentType) lists.get(entry.data.contentType)?.push(Object.create(entry) as Entry);
  const byType = Object.fromEntries(
    listed.map((t) => {
      const entries = lists.get(t.id)!;
      return [t.collection!.name, t.collection!.order === "title" ? byTitle(entries) : newestFirst(entries)];
    }),
  );
  const inFeeds = types.filter((t) => t.feed && t.collection).map((t) => byType[t.collection!.name]!);
  const watch = listOf<WatchData>(byType, "watch");
  const resources = listOf<ResourceData>(byType, "resources");
  const posts = listOf<PostData>(byType, "posts");
  const shelves = themeShelves(themes, { watch, resources, posts });
  return {
    byType,
    watch,
    resources,
    posts,
    watchHighlights: selectedFirst(watch).slice(0, FEED_SIZE),
    recentResources: [...resources].sort((a, b) => isoDate(b.data.updated).localeCompare(isoDate(a.data.updated))),
    resourcesByType: groupBy(resources, (r) => r.data.type, Object.keys(RESOURCE_TYPE_LABELS) as ResourceType[]),
    themeShelves: shelves,
    letters: weeklyLetters(watch, themes),
    feeds: feedSpecs(themes, shelves, inFeeds),
    propositions: all
      .filter((entry): entry is Entry => entry.data.contentType !== undefined && entry.data.status === "proposition")
      .sort((a, b) => a.url.localeCompare(b.url)),
  };
}

/**
 * `collections.<name>` for every list of `siteLists`, over Eleventy's pages and the imported
 * entries the site reads itself (src/site/content/imported-entries.ts). Eleventy calls each collection
 * function in turn with the same collection API object: the lists are built on the first call and shared.
 */
export function siteCollections(
  themes: readonly Theme[],
  imported: () => Readonly<Record<string, readonly Entry[]>> = () => ({}),
  types: readonly ContentType[] = CONTENT_TYPES,
) {
  const built = new WeakMap<CollectionApi, SiteLists>();
  const listsFor = (api: CollectionApi): SiteLists => {
    let lists = built.get(api);
    if (!lists) {
      lists = siteLists([...api.getAll(), ...Object.values(imported()).flat()], themes, types);
      built.set(api, lists);
    }
    return lists;
  };
  const names = [
    ...types.flatMap((t) => (t.collection ? [t.collection.name] : [])),
    "watchHighlights",
    "recentResources",
    "resourcesByType",
    "themeShelves",
    "letters",
    "feeds",
    "propositions",
  ] as const;
  return Object.fromEntries(
    names.map((name) => [
      name,
      (api: CollectionApi) => {
        const lists = listsFor(api);
        return name in lists.byType ? lists.byType[name] : lists[name as Exclude<keyof SiteLists, "byType">];
      },
    ]),
  );
}
