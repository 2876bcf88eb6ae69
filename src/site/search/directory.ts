import { AUDIENCE_LABELS, TERRITORIES } from "../../core/taxonomy.ts";
import { CONTENT_TYPES, contentType, type ContentType } from "../content/content-types.ts";
import { FACETS, facetValue, searchUrl, type Facet, type FacetId, type Labels, type Vocabulary } from "./facets.ts";

/** One way into the directory: a facet value, the search link limited to it, and how many resources carry it. */
export interface DirectoryLink {
  id: string;
  label: string;
  url: string;
  count: number;
}

/** Values in the order readers know them: the vocabulary's own, the catalogue's for themes. */
function vocabularyOrder(vocabulary: Vocabulary, themeIds: readonly string[]): readonly string[] | undefined {
  if (vocabulary === "audience") return Object.keys(AUDIENCE_LABELS);
  if (vocabulary === "territory") return TERRITORIES;
  if (vocabulary === "theme") return themeIds;
  return undefined;
}

/**
 * The directory's ways in besides its shelves by type (by audience, by theme, by territory): for
 * one search facet, each value resources carry, with its label and its link into the search. The
 * field read and the labels come from the declarations (src/site/content/content-types.ts,
 * src/site/search/facets.ts); values no resource carries are left out, so every link leads somewhere.
 */
export function directoryLinks(
  resources: ReadonlyArray<{ data: Record<string, unknown> }>,
  facetId: string,
  { labels, themeIds, types = CONTENT_TYPES }: { labels: Labels; themeIds: readonly string[]; types?: readonly ContentType[] },
): DirectoryLink[] {
  const facet = (FACETS as readonly Facet[]).find((f) => f.id === facetId);
  const from = facet && contentType("resource", types).search.facets[facet.id as FacetId];
  if (!facet || !from || !("field" in from))
    throw new Error(
      `l'annuaire ne peut pas lister les ressources par « ${facetId} » : ce n'est pas un filtre de recherche tiré d'un champ des fiches`,
    );
  const vocabulary = from.vocabulary ?? facet.vocabulary;
  const counts = new Map<string, number>();
  for (const resource of resources) {
    const value = resource.data[from.field];
    for (const id of (Array.isArray(value) ? value : [value]).filter((v) => v !== undefined && v !== ""))
      counts.set(String(id), (counts.get(String(id)) ?? 0) + 1);
  }
  const ids =
    vocabularyOrder(vocabulary, themeIds)?.filter((id) => counts.has(id)) ?? [...counts.keys()].sort((a, b) => a.localeCompare(b, "fr"));
  return ids.map((id) => ({ id, label: facetValue(vocabulary, labels, id), url: searchUrl(labels, facetId, id), count: counts.get(id)! }));
}
