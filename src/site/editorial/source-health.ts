import { DateTime } from "luxon";
import type { Source } from "../../core/sources.ts";
import type { SourceState, SourceStatus, StateFile } from "../../core/source-state.ts";
import { countOf, dateFr, plural } from "../filters.ts";

/**
 * What a maintainer should make of a source: its status from the fetch (src/core/source-state.ts),
 * or what the registry alone says (new, disabled), or an ok source whose feed moved.
 */
export type HealthKind = SourceStatus | "new" | "disabled" | "moved";

export interface SourceHealth {
  id: string;
  name: string;
  section: Source["section"];
  territory: Source["territory"];
  feed: string;
  site?: string;
  lastSuccess?: string;
  itemsAdded: number;
  kind: HealthKind;
  /** The status in words, as the /sources/ page prints it. */
  status: string;
  /** The last error the fetcher met, when the status comes from one. */
  error?: string;
}

function wholeDaysSince(iso: string, now: DateTime): number {
  return Math.max(0, Math.floor(now.diff(DateTime.fromISO(iso, { setZone: true }), "days").days));
}

function failingSince(state: SourceState, now: DateTime): string {
  if (!state.lastSuccess) return "en erreur, jamais relevée avec succès";
  const days = wholeDaysSince(state.lastSuccess, now);
  if (days === 0) return "en erreur depuis aujourd'hui";
  return `en erreur depuis ${days} jour${days > 1 ? "s" : ""}`;
}

function assess(source: Source, state: SourceState | undefined, now: DateTime): Pick<SourceHealth, "kind" | "status" | "error"> {
  if (!source.enabled) return { kind: "disabled", status: "désactivée dans le registre" };
  // A state kept for another URL says nothing about the current one: the fetcher starts afresh too.
  if (!state || state.feed !== source.feed) return { kind: "new", status: "pas encore relevée" };
  switch (state.status) {
    case "gone":
      return { kind: "gone", status: "disparue : le flux n'existe plus à cette adresse", error: state.lastError };
    case "throttled":
      return {
        kind: "throttled",
        status: `en pause jusqu'au ${state.retryAfter ? dateFr(state.retryAfter) : "prochain passage"}, à la demande du site`,
        error: state.lastError,
      };
    case "failing":
      return { kind: "failing", status: failingSince(state, now), error: state.lastError };
    case "ok":
      return state.movedTo
        ? { kind: "moved", status: `redirection permanente à corriger : remplacer l'adresse du flux par ${state.movedTo}` }
        : { kind: "ok", status: "à jour" };
  }
}

/** Every registry source with its health, in registry order, from the committed state. Pure: `now` is given. */
export function sourceHealth(sources: readonly Source[], state: Readonly<StateFile>, now: DateTime): SourceHealth[] {
  return sources.map((source) => {
    const entry = state[source.id];
    const current = entry?.feed === source.feed ? entry : undefined;
    return {
      id: source.id,
      name: source.name,
      section: source.section,
      territory: source.territory,
      feed: source.feed,
      ...(source.site ? { site: source.site } : {}),
      ...(current?.lastSuccess ? { lastSuccess: current.lastSuccess } : {}),
      itemsAdded: current?.itemsAdded ?? 0,
      ...assess(source, entry, now),
    };
  });
}

/** How many sources are in each kind, for the page's summary line. */
export function countByKind(rows: readonly SourceHealth[]): Record<HealthKind, number> {
  const counts: Record<HealthKind, number> = { ok: 0, new: 0, disabled: 0, throttled: 0, moved: 0, failing: 0, gone: 0 };
  for (const row of rows) counts[row.kind] += 1;
  return counts;
}

/** How each kind reads in the sources page's summary line, in the order it is read; `ok` is always said. */
const SUMMARY: ReadonlyArray<[HealthKind, (n: number) => string]> = [
  ["ok", (n) => `${n} à jour`],
  ["failing", (n) => `${n} en erreur`],
  ["moved", (n) => `${n} à corriger`],
  ["gone", (n) => countOf(n, "disparue")],
  ["throttled", (n) => `${n} en pause`],
  ["new", (n) => `${n} pas encore ${plural(n, "relevée")}`],
  ["disabled", (n) => countOf(n, "désactivée")],
];

/** « 12 à jour, 1 en erreur, 2 disparues »: the sources page's summary of the counts by kind. */
export function healthSummary(counts: Readonly<Record<HealthKind, number>>): string {
  return SUMMARY.filter(([kind]) => kind === "ok" || counts[kind] > 0)
    .map(([kind, say]) => say(counts[kind]))
    .join(", ");
}
