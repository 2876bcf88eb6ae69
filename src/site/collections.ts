import { WATCH_DIR } from "../core/paths.ts";
import { RESOURCE_TYPE_LABELS, type ResourceType } from "../core/taxonomy.ts";
import { groupBy } from "./filters.ts";

/** Minimal view of the Eleventy objects the collections touch. */
export interface Entry {
  date: Date;
  data: Record<string, any>;
  url: string;
  inputPath: string;
}
export interface CollectionApi {
  getFilteredByGlob(glob: string): Entry[];
}

export const WATCH_GLOB = `${WATCH_DIR}/*/*.md`;
export const RESOURCES_GLOB = "content/ressources/*.md";
export const POSTS_GLOB = "content/blog/*.md";

const collator = new Intl.Collator("fr", { sensitivity: "base", numeric: true });

export function newestFirst(entries: readonly Entry[]): Entry[] {
  return [...entries].sort((a, b) => b.date.getTime() - a.date.getTime() || collator.compare(a.inputPath, b.inputPath));
}

export function byTitle(entries: readonly Entry[]): Entry[] {
  return [...entries].sort((a, b) => collator.compare(String(a.data.title), String(b.data.title)));
}

export const collections = {
  watch: (api: CollectionApi) => newestFirst(api.getFilteredByGlob(WATCH_GLOB)),
  resources: (api: CollectionApi) => byTitle(api.getFilteredByGlob(RESOURCES_GLOB)),
  posts: (api: CollectionApi) => newestFirst(api.getFilteredByGlob(POSTS_GLOB)),
  /** The directory's shelves, in the order of the type vocabulary. */
  resourcesByType: (api: CollectionApi) =>
    groupBy(byTitle(api.getFilteredByGlob(RESOURCES_GLOB)), (r) => r.data.type as ResourceType, Object.keys(RESOURCE_TYPE_LABELS) as ResourceType[]),
};
