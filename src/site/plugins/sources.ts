import { DateTime } from "luxon";
import type { Source } from "../../ingest/registry.ts";
import { loadState } from "../../ingest/state.ts";
import { ZONE } from "../filters.ts";
import { registryOpml, type OpmlHead } from "../opml.ts";
import { countByKind, sourceHealth } from "../source-health.ts";

export const STATE_FILE = "_data/sourceState.json";

/**
 * The registry as the ingest pipeline validates it (`sourceRegistry`), each source's health from
 * the committed state (`sourceHealth`, `sourceHealthCounts`) and the `registryOpml` filter.
 */
export function sourcesPlugin(eleventyConfig: any, { registry }: { registry: readonly Source[] }): void {
  const health = sourceHealth(registry, loadState(STATE_FILE), DateTime.now().setZone(ZONE));
  eleventyConfig.addGlobalData("sourceRegistry", registry);
  eleventyConfig.addGlobalData("sourceHealth", health);
  eleventyConfig.addGlobalData("sourceHealthCounts", countByKind(health));
  eleventyConfig.addFilter("registryOpml", (sources: Source[], head: OpmlHead) => registryOpml(sources, head));
}
