import type UserConfig from "@11ty/eleventy/UserConfig";
import type { z } from "zod";
import type { letterIntroSchema } from "../content/schemas.ts";

type LetterIntro = z.infer<typeof letterIntroSchema>;

/** The group's introduction to the letter of `week` (`2026-S48`), from `_data/letterIntros.yaml`. */
export function letterIntro(intros: readonly LetterIntro[] | undefined, week: string): string | undefined {
  return intros?.find((intro) => intro.week === week)?.text;
}

/** Plain text cut into paragraphs at blank lines; the templates escape each one. */
export function paragraphs(text: string | undefined): string[] {
  return (text ?? "")
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** Filters for the weekly letters' introductions, written by maintainers in the editor. */
export function lettersPlugin(eleventyConfig: UserConfig): void {
  eleventyConfig.addFilter("letterIntro", letterIntro);
  eleventyConfig.addFilter("paragraphs", paragraphs);
}
