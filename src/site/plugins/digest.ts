import type { Theme } from "../../core/taxonomy.ts";
import { collections, type CollectionApi } from "../collections.ts";
import { weeklyLetters } from "../digest.ts";

/** `collections.letters`: the weekly letters of the watch, newest first (`/veille/lettre/`). */
export function digestPlugin(eleventyConfig: any, { themes }: { themes: readonly Theme[] }): void {
  eleventyConfig.addCollection("letters", (api: CollectionApi) => weeklyLetters(collections.watch(api), themes));
}
