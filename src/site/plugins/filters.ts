import type UserConfig from "@11ty/eleventy/UserConfig";
import { countOf, dateFr, isoDate, plural, take, year } from "../filters.ts";
import type { Labels } from "../search-facets.ts";
import { frenchText } from "../typography.ts";

/**
 * Date filters, French counts and plurals, one filter per vocabulary turning a stored id into the
 * word readers see, and `typo` (French typography on one value, for layouts typeset at the source).
 */
export function filtersPlugin(eleventyConfig: UserConfig, { labels }: { labels: Labels }): void {
  const filters = {
    dateFr,
    isoDate,
    year,
    take,
    count: countOf,
    plural,
    territoryLabel: labels.territory,
    sectionLabel: labels.section,
    resourceTypeLabel: labels.resourceType,
    audienceLabel: labels.audience,
    themeLabel: labels.theme,
    sourceName: labels.source,
    typo: frenchText,
  };
  for (const [name, filter] of Object.entries(filters)) eleventyConfig.addFilter(name, filter);
}
