import type UserConfig from "@11ty/eleventy/UserConfig";
import { DateTime } from "luxon";
import type { Source } from "../../core/sources.ts";
import type { StateFile } from "../../core/source-state.ts";
import { ZONE } from "../../core/time.ts";
import { registryOpml, type OpmlHead } from "../opml.ts";
import { countByKind, sourceHealth } from "../source-health.ts";

/**
 * The registry as the ingest pipeline validates it (`sourceRegistry`), each source's health from
 * the committed state (`sourceHealth`, `sourceHealthCounts`) and the `registryOpml` filter.
 */
export function sourcesPlugin(eleventyConfig: UserConfig, { registry, state }: { registry: readonly Source[]; state: Readonly<StateFile> }): void {
  const health = sourceHealth(registry, state, DateTime.now().setZone(ZONE));
  eleventyConfig.addGlobalData("sourceRegistry", registry);
  eleventyConfig.addGlobalData("sourceHealth", health);
  eleventyConfig.addGlobalData("sourceHealthCounts", countByKind(health));
  eleventyConfig.addFilter("registryOpml", (sources: Source[], head: OpmlHead) => registryOpml(sources, head));
}
