/**
 * The run's report: typed records for `--report FILE` (JSON) and a French summary for the
 * maintainers who read the nightly CI log.
 */
import { DateTime } from "luxon";
import { DATA_FILES } from "../core/paths.ts";
import type { RunStatus } from "../core/source-state.ts";
import type { Redirect } from "./http.ts";
import type { DateFlag } from "./normalise.ts";
import type { FeedFormat } from "./parse/raw.ts";
import type { CurationFeedback } from "./relevance/curation.ts";

export interface FlaggedDate {
  title: string;
  flag: DateFlag;
  raw?: string;
}

/** An item left out just below the relevance threshold: a maintainer may add a term or a source rule. */
export interface BorderlineItem {
  title: string;
  url: string;
  score: number;
  /** The evidence found, too weak on its own. */
  reasons: string[];
}

export interface SourceReport {
  id: string;
  name: string;
  status: RunStatus;
  /** The feed answered 304: nothing changed since the last run. */
  notModified?: boolean;
  /** Paths of the files written, relative to the watch folder. */
  added: string[];
  duplicates: number;
  /** New items left for a later run, beyond the source's cap. */
  capped: number;
  filtered: number;
  /** Among the filtered items, those just below the threshold (absent when none). */
  borderline?: BorderlineItem[];
  tooOld: number;
  noLink: number;
  invalid: string[];
  flaggedDates: FlaggedDate[];
  redirects: Redirect[];
  movedTo?: string;
  error?: string;
  failures?: number;
  retryAfter?: string;
  format?: FeedFormat;
  encoding?: string;
}

export interface RunReport {
  startedAt: string;
  durationMs: number;
  dryRun: boolean;
  sources: SourceReport[];
  /** What maintainers deleted teaches about the vocabulary (absent when nothing was deleted). */
  curation?: CurationFeedback;
  /** Every enabled source that was tried failed (the CLI exits FETCH_EXIT.allFailed). */
  allFailed: boolean;
}

const FLAG_LABELS: Record<DateFlag, string> = {
  missing: "sans date",
  invalid: "date illisible",
  future: "date dans le futur",
  ancient: "date invraisemblable",
};

function when(iso: string): string {
  return DateTime.fromISO(iso, { setZone: true }).setLocale("fr").toFormat("d LLLL yyyy 'à' HH'h'mm");
}

const decimal = (n: number): string => String(n).replace(".", ",");

function plural(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}

function sourceLines(r: SourceReport): string[] {
  const head = `${r.id} (${r.name})`;
  const lines: string[] = [];
  switch (r.status) {
    case "ok": {
      if (r.notModified) {
        lines.push(`✔ ${head} : flux inchangé (304)`);
        break;
      }
      const extra = [
        r.duplicates ? plural(r.duplicates, "déjà connu", "déjà connus") : "",
        r.capped
          ? plural(r.capped, "laissé pour la prochaine collecte (plafond atteint)", "laissés pour la prochaine collecte (plafond atteint)")
          : "",
        r.filtered ? plural(r.filtered, "hors sujet", "hors sujet") : "",
        r.tooOld ? plural(r.tooOld, "trop ancien (première collecte)", "trop anciens (première collecte)") : "",
        r.noLink ? plural(r.noLink, "sans lien, ignoré", "sans lien, ignorés") : "",
      ].filter(Boolean);
      lines.push(
        `✔ ${head} : ${r.added.length ? plural(r.added.length, "nouvel article", "nouveaux articles") : "rien de nouveau"}${extra.length ? ` (${extra.join(", ")})` : ""}`,
      );
      lines.push(...r.added.map((p) => `    + ${p}`));
      break;
    }
    case "failing":
      lines.push(
        `✖ ${head} : échec — ${r.error}${r.failures ? ` ; ${r.failures === 1 ? "1er échec" : `${r.failures}e échec de suite`}` : ""}${r.retryAfter ? `, prochain essai après le ${when(r.retryAfter)}` : ""}`,
      );
      break;
    case "throttled":
      lines.push(
        `⏸ ${head} : le serveur demande de patienter ; prochain essai après le ${r.retryAfter ? when(r.retryAfter) : "délai indiqué"}`,
      );
      break;
    case "gone":
      lines.push(`✖ ${head} : flux disparu (410) — à retirer du registre ou à remplacer par sa nouvelle adresse`);
      break;
    case "waiting":
      lines.push(
        `⏸ ${head} : pas de visite cette nuit (${r.error ?? "attente demandée"}) ; prochain essai après le ${r.retryAfter ? when(r.retryAfter) : "?"}`,
      );
      break;
    case "skipped":
      lines.push(`… ${head} : non traitée — ${r.error}`);
      break;
  }
  if (r.movedTo) lines.push(`    ↪ redirection permanente vers ${r.movedTo} : mettre à jour « feed » dans ${DATA_FILES.sources}`);
  for (const b of r.borderline ?? [])
    lines.push(`    ? à la limite (score ${decimal(b.score)}) : « ${b.title} » — ${b.reasons.join(", ")}`);
  for (const f of r.flaggedDates)
    lines.push(`    ⚠ date de collecte utilisée pour « ${f.title} » (${FLAG_LABELS[f.flag]}${f.raw ? ` : « ${f.raw} »` : ""})`);
  for (const problem of r.invalid) lines.push(`    ⚠ article non enregistré, ${problem}`);
  return lines;
}

function curationLines(curation: CurationFeedback | undefined): string[] {
  if (!curation?.deleted) return [];
  const terms = curation.terms.map((t) => `${t.reason} ×${t.count}`).join(", ");
  const sources = curation.sources.map((s) => `${s.id} ×${s.count}`).join(", ");
  return [
    `Curation : ${plural(curation.deleted, "article gardé puis supprimé", "articles gardés puis supprimés")} par les mainteneurs depuis le début de la veille.`,
    ...(terms
      ? [
          `    termes qui les avaient fait garder (titre) : ${terms} — à passer en indice (weak), préciser ou neutraliser (ignore) si l'un revient souvent`,
        ]
      : []),
    ...(sources ? [`    sources : ${sources} — une règle « exclude » peut écarter ce qu'elles publient hors sujet`] : []),
  ];
}

export function formatReport(report: RunReport): string {
  const added = report.sources.reduce((n, r) => n + r.added.length, 0);
  const failed = report.sources.filter((r) => r.status === "failing" || r.status === "gone").length;
  const upToDate = report.sources.filter((r) => r.status === "ok").length;
  const title = `Collecte de la veille du ${when(report.startedAt)}${report.dryRun ? " (essai à blanc : aucun fichier écrit)" : ""}`;
  const total = `Bilan : ${plural(added, "nouvel article", "nouveaux articles")}, ${plural(upToDate, "source lue", "sources lues")}, ${plural(failed, "source en échec", "sources en échec")}, en ${(report.durationMs / 1000).toFixed(1).replace(".", ",")} s.`;
  const borderline = report.sources.reduce((n, r) => n + (r.borderline?.length ?? 0), 0);
  const advice = borderline
    ? [
        `${plural(borderline, "article écarté de peu (?)", "articles écartés de peu (?)")} : si l'un d'eux avait sa place, ajouter un terme dans ${DATA_FILES.themes} ou une règle « include » à sa source.`,
      ]
    : [];
  return [title, "", ...report.sources.flatMap(sourceLines), "", ...advice, ...curationLines(report.curation), total, ""].join("\n");
}
