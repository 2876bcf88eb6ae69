import { existsSync } from "node:fs";
import { DateTime } from "luxon";
import type { Theme } from "../../core/taxonomy.ts";
import { loadRegistry, type Source } from "../../ingest/registry.ts";
import { loadState } from "../../ingest/state.ts";
import { ZONE } from "../filters.ts";
import { registryOpml, type OpmlHead } from "../opml.ts";
import { countByKind, sourceHealth } from "../source-health.ts";

export const REGISTRY_FILE = "_data/sources.yaml";
export const STATE_FILE = "_data/sourceState.json";

/**
 * The registry as the ingest pipeline validates it (`sourceRegistry`), each source's health from
 * the committed state (`sourceHealth`, `sourceHealthCounts`) and the `registryOpml` filter.
 * A fresh fork without a registry builds with no source.
 */
export function sourcesPlugin(eleventyConfig: any, { themes }: { themes: readonly Theme[] }): void {
  const registry: Source[] = existsSync(REGISTRY_FILE) ? loadRegistry(REGISTRY_FILE, themes) : [];
  const health = sourceHealth(registry, loadState(STATE_FILE), DateTime.now().setZone(ZONE));
  eleventyConfig.addGlobalData("sourceRegistry", registry);
  eleventyConfig.addGlobalData("sourceHealth", health);
  eleventyConfig.addGlobalData("sourceHealthCounts", countByKind(health));
  eleventyConfig.addFilter("registryOpml", (sources: Source[], head: OpmlHead) => registryOpml(sources, head));
}
