import type { Source } from "../../core/sources.ts";
import { NARROW_NBSP } from "./typography.ts";

/** A source's licence by its id: "" for a source that allows no reuse, or whose licence is not stated yet. */
export function licenceLookup(registry: readonly Source[]): (id: string | undefined) => string {
  const byId = new Map(registry.map((s) => [s.id, s]));
  return (id) => (id ? (byId.get(id)?.licence ?? "") : "");
}

/**
 * What a feed or the OPML says of a source whose content the site reproduces (`reuse: full`):
 * that it is reproduced, and under which licence, or that the licence is not stated yet.
 */
export function reuseStatement(licence: string): string {
  return licence
    ? `Texte reproduit avec l’autorisation de la source, sous licence${NARROW_NBSP}: ${licence}.`
    : `Texte reproduit avec l’autorisation de la source${NARROW_NBSP}; licence non indiquée sur ce site, à vérifier sur le site de la source.`;
}
