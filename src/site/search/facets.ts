/**
 * The search page's facets, declared once. The indexer (src/site/search/tags.ts) writes one
 * Pagefind filter per facet, the search page (content/recherche.njk, src/assets/js/search.js)
 * draws them from this list rendered into the page, and links into the search (`?theme=…`) are
 * built from it by the `searchUrl` filter. Which front-matter field feeds a facet is said by each
 * content type (src/site/content/content-types.ts, `search.facets`).
 */

/** Turns the ids stored in front matter into the words readers see. */
export interface Labels {
  theme(id: string): string;
  section(id: string): string;
  territory(id: string): string;
  resourceType(id: string): string;
  audience(id: string): string;
  source(id: string): string;
}

/** How a stored value becomes the value shown and filtered on: through a vocabulary, or as written. */
export type Vocabulary = keyof Labels | "text";

export interface Facet {
  /** Pagefind filter name and URL parameter of the search page (`/recherche/?theme=…`). */
  id: string;
  /** Heading of the facet on the search page. */
  label: string;
  /** Vocabulary of the values, unless a content type names another for its field. */
  vocabulary: Vocabulary;
  /** Values listed newest first (years) rather than alphabetically. */
  descending?: boolean;
  /** Starts unfolded beside the results on a wide screen: the facets most searches use. */
  open?: boolean;
}

/** In the order readers scan them on the search page. */
export const FACETS = [
  { id: "theme", label: "Thème", vocabulary: "theme", open: true },
  { id: "type", label: "Type de contenu", vocabulary: "text", open: true },
  { id: "ressource", label: "Type de ressource", vocabulary: "resourceType" },
  { id: "public", label: "Public", vocabulary: "audience" },
  { id: "territoire", label: "Territoire", vocabulary: "territory" },
  { id: "source", label: "Source ou organisme", vocabulary: "text" },
  { id: "annee", label: "Année", vocabulary: "text", descending: true },
] as const satisfies readonly Facet[];

export type FacetId = (typeof FACETS)[number]["id"];

/** The value a facet shows for one stored id or text. */
export function facetValue(vocabulary: Vocabulary, labels: Labels, value: string): string {
  return vocabulary === "text" ? value : labels[vocabulary](value);
}

/**
 * `/recherche/?<facet>=<value>`: a link to the search with one facet value chosen, its value
 * labelled as the index holds it. Refuses a facet that is not declared, so a link cannot point
 * to a filter the search page does not know.
 */
export function searchUrl(labels: Labels, facetId: string, value: string): string {
  const facet = (FACETS as readonly Facet[]).find((f) => f.id === facetId);
  if (!facet) throw new Error(`filtre de recherche inconnu : « ${facetId} » (filtres : ${FACETS.map((f) => f.id).join(", ")})`);
  return `/recherche/?${new URLSearchParams({ [facet.id]: facetValue(facet.vocabulary, labels, value) })}`;
}
