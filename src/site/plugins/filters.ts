import type { Theme } from "../../core/taxonomy.ts";
import {
  audienceLabel,
  createSourceName,
  createThemeLabel,
  dateFr,
  isoDate,
  resourceTypeLabel,
  sectionLabel,
  take,
  territoryLabel,
  year,
} from "../filters.ts";

export interface FilterOptions {
  themes: readonly Theme[];
  sourceNames: ReadonlyMap<string, string>;
}

export function filtersPlugin(eleventyConfig: any, { themes, sourceNames }: FilterOptions): void {
  const filters = {
    dateFr,
    isoDate,
    year,
    take,
    territoryLabel,
    sectionLabel,
    resourceTypeLabel,
    audienceLabel,
    themeLabel: createThemeLabel(themes),
    sourceName: createSourceName(sourceNames),
  };
  for (const [name, filter] of Object.entries(filters)) eleventyConfig.addFilter(name, filter);
}
