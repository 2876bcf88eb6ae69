import type UserConfig from "@11ty/eleventy/UserConfig";
import { DateTime } from "luxon";
import type { Source } from "../../core/sources.ts";
import type { StateFile } from "../../core/source-state.ts";
import { ZONE } from "../../core/time.ts";
import { registryOpml, type OpmlHead } from "../opml.ts";
import { countByKind, healthSummary, sourceHealth } from "../source-health.ts";

/**
 * Each source's health from the committed state (`sourceHealth`, `sourceHealthCounts`), the
 * `healthSummary` and `registryOpml` filters; the validated registry itself is the `sources` global (eleventy.config.ts).
 */
export function sourcesPlugin(eleventyConfig: UserConfig, { registry, state }: { registry: readonly Source[]; state: Readonly<StateFile> }): void {
  const health = sourceHealth(registry, state, DateTime.now().setZone(ZONE));
  eleventyConfig.addGlobalData("sourceHealth", health);
  eleventyConfig.addGlobalData("sourceHealthCounts", countByKind(health));
  eleventyConfig.addFilter("healthSummary", healthSummary);
  eleventyConfig.addFilter("registryOpml", (sources: Source[], head: OpmlHead) => registryOpml(sources, head));
}
