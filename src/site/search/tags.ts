import { contentType, type ContentType } from "../content/content-types.ts";
import { isoDate, year } from "../filters.ts";
import { FACETS, facetValue, type Labels } from "./facets.ts";

/** One Pagefind attribute: a filter value, a sort key or a piece of result metadata. */
export interface SearchTag {
  kind: "filter" | "sort" | "meta";
  name: string;
  value: string;
}

/**
 * Sort key of pages without a date. Pagefind leaves pages without the key out of a sorted search;
 * this one keeps them, after every dated page when the newest come first.
 */
export const UNDATED = "0000-00-00";

/** The values of `field` in `data`, one or many. */
function valuesOf(data: Record<string, unknown>, field: string): string[] {
  const value = data[field];
  if (Array.isArray(value)) return value.map(String);
  return value === undefined || value === null || value === "" ? [] : [String(value)];
}

/**
 * Filters, sort key and result metadata of a content page, from its content type's declaration
 * (src/site/content/content-types.ts, `search`) and the facets (src/site/search/facets.ts). Values are
 * the French labels, so the search page shows them as they are and a shared URL reads plainly.
 * Pagefind searches metadata too: the layouts keep their lists of facts out of the index, and
 * the metadata carries what a reader may look for (source, themes, audiences, type), never
 * boilerplate. A page without a known `contentType` is an error, never filed as a page.
 */
export function searchTags(data: Record<string, unknown>, labels: Labels, types?: readonly ContentType[]): SearchTag[] {
  const type = contentType(String(data.contentType ?? "(aucun)"), types);
  const { search } = type;
  const tags: SearchTag[] = [];
  const add = (kind: SearchTag["kind"], name: string, value: string | undefined) => {
    if (value) tags.push({ kind, name, value });
  };
  const shown: Record<string, string[]> = {};
  for (const facet of FACETS) {
    const from = search.facets[facet.id];
    if (!from) continue;
    const values =
      "value" in from ? [from.value] : valuesOf(data, from.field).map((v) => facetValue(from.vocabulary ?? facet.vocabulary, labels, v));
    shown[facet.id] = values;
    for (const value of values) add("filter", facet.id, value);
  }
  const detail = search.detail ? shown[search.detail]?.[0] : undefined;
  add("meta", "type", detail ? `${search.label} · ${detail}` : search.label);
  if (shown.theme?.length) add("meta", "themes", shown.theme.join(", "));
  add("meta", "source", shown.source?.[0]);
  for (const [name, list] of Object.entries(search.lists ?? {})) {
    add(
      "meta",
      name,
      valuesOf(data, list.field)
        .map((v) => facetValue(list.vocabulary, labels, v))
        .join(", "),
    );
  }
  // A text written for the group and not yet validated says so in the results too.
  if (data.status === "proposition") add("meta", "statut", "proposition en attente de validation par le groupe");
  const when = search.date ? (data[search.date.field] as Date | string | undefined) : undefined;
  if (when && search.date) {
    add("filter", "annee", year(when));
    add("sort", "date", isoDate(when));
    add("meta", search.date.meta, isoDate(when));
  } else {
    add("sort", "date", UNDATED);
  }
  return tags;
}
