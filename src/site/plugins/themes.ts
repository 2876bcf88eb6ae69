import type { Theme } from "../../core/taxonomy.ts";
import { collections, type CollectionApi } from "../collections.ts";
import { themeShelves } from "../theme-shelves.ts";

/** `collections.themeShelves`: per theme id, what its page `/themes/<id>/` lists, computed once per build. */
export function themesPlugin(eleventyConfig: any, { themes }: { themes: readonly Theme[] }): void {
  eleventyConfig.addCollection("themeShelves", (api: CollectionApi) =>
    themeShelves(themes, { watch: collections.watch(api), resources: collections.resources(api), posts: collections.posts(api) }),
  );
}
