/** The benchmark's one table (French, for developers; Markdown, so it pastes into the README). */
import { cpus, totalmem } from "node:os";
import type { BuildFigures } from "./build.ts";
import type { Usage } from "./measure.ts";
import type { IngestFigures } from "./ingest.ts";
import type { SearchFigures } from "./search.ts";

export interface BenchResults {
  date: string;
  commit: string;
  machine: { cpu: string; cores: number; memoryGiB: number; node: string; platform: string };
  seed: number;
  builds: BuildFigures[];
  ingest?: IngestFigures;
  search?: SearchFigures & { items: number };
}

export const TARGETS = {
  /** The benchmark of record: the full build's Eleventy step, and the whole build, against bare Eleventy by node over the items. */
  eleventyRatio: 1.5,
  fullRatio: 2.3,
  growth: 25,
  peakBytes: 2 * 1024 ** 3,
  coldMs: 15_000,
  warmMs: 3_000,
  searchBytes: 300 * 1000,
} as const;

export function machine(): BenchResults["machine"] {
  return {
    cpu: cpus()[0]?.model ?? "?",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

const number = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const integer = new Intl.NumberFormat("fr-FR");
const seconds = (ms: number) => `${number.format(ms / 1000)} s`;
const megabytes = (bytes: number) => `${integer.format(Math.round(bytes / 1024 ** 2))} Mo`;
const kilobytes = (bytes: number) => `${integer.format(Math.round(bytes / 1000))} ko`;
const verdict = (ok: boolean) => (ok ? "oui" : "**non**");

type Row = [measure: string, value: string, target?: string, met?: boolean];

/**
 * The first ratio, kept to compare with earlier figures: the full build less Pagefind run on its own,
 * against bare Eleventy through tsx over all the site's Markdown.
 */
export function siteEleventyRatio(b: Pick<BuildFigures, "full" | "bare" | "pagefind">): number {
  return (b.full.wallMs - b.pagefind.wallMs) / b.bare.wallMs;
}

/**
 * The ratios of record (wall times, the issue's measure): the Eleventy step and the whole of the
 * real build, both timed in that one build, against bare Eleventy by plain node over the watch
 * item files only. On a shared machine wall times stretch with the other processes' load, CPU
 * times much less: the table adds the CPU ratio of the whole build beside them.
 */
export function recordRatios(b: Pick<BuildFigures, "full" | "eleventyStepMs" | "bareItems">): { eleventy: number; full: number } {
  return { eleventy: b.eleventyStepMs / b.bareItems.wallMs, full: b.full.wallMs / b.bareItems.wallMs };
}

const usage = (u: Usage) => `${seconds(u.wallMs)} · CPU ${seconds(u.cpuMs)} · ${megabytes(u.peakRssBytes)}`;
const share = (part: number, whole: number) => `${integer.format(Math.round((100 * part) / whole))} %`;

function buildRows(builds: readonly BuildFigures[]): Row[] {
  const rows: Row[] = [];
  const first = builds[0];
  const largest = builds.at(-1);
  for (const b of builds) {
    const n = integer.format(b.items);
    const record = recordRatios(b);
    const isLargest = b === largest && builds.length > 1;
    rows.push(
      [
        `Build complet, ${n} articles (${integer.format(b.pages)} pages, ${b.runs} passe(s))`,
        usage(b.full),
        isLargest ? `mémoire < ${megabytes(TARGETS.peakBytes)}` : undefined,
        isLargest ? b.full.peakRssBytes < TARGETS.peakBytes : undefined,
      ],
      [`– dont l'étape Eleventy (dans ce build)`, `${seconds(b.eleventyStepMs)} (${share(b.eleventyStepMs, b.full.wallMs)})`],
      [`– dont l'étape Pagefind (dans ce build)`, `${seconds(b.pagefindStepMs)} (${share(b.pagefindStepMs, b.full.wallMs)})`],
      [
        `Pagefind seul, relancé à part`,
        `${seconds(b.pagefind.wallMs)} · ${megabytes(b.pagefind.peakRssBytes)} · index ${megabytes(b.indexBytes)}`,
      ],
      [`Eleventy nu par node, articles seuls, ${n}`, usage(b.bareItems)],
      [`Eleventy nu par tsx, tout le Markdown, ${n}`, usage(b.bare)],
      [
        `Rapport de référence : étape Eleventy / nu par node, ${n}`,
        number.format(record.eleventy),
        `≤ ${number.format(TARGETS.eleventyRatio)}`,
        record.eleventy <= TARGETS.eleventyRatio,
      ],
      [
        `Rapport de référence : build complet / nu par node, ${n}`,
        number.format(record.full),
        `≤ ${number.format(TARGETS.fullRatio)}`,
        record.full <= TARGETS.fullRatio,
      ],
      [`Ancien rapport : (complet − Pagefind seul) / nu par tsx, ${n}`, number.format(siteEleventyRatio(b))],
      [`Rapport des temps CPU : build complet / nu par node, ${n}`, number.format(b.full.cpuMs / b.bareItems.cpuMs)],
    );
  }
  if (first && largest && largest !== first) {
    const growth = largest.full.wallMs / first.full.wallMs;
    const scale = largest.items / first.items;
    rows.push([
      `Croissance du build complet, ${integer.format(largest.items)} / ${integer.format(first.items)}`,
      `× ${number.format(growth)}`,
      `≤ × ${number.format((TARGETS.growth * scale) / 20)}`,
      growth <= (TARGETS.growth * scale) / 20,
    ]);
  }
  return rows;
}

function ingestRows(ingest: IngestFigures): Row[] {
  const run = (r: IngestFigures["cold"]) =>
    `${usage(r)} · ${integer.format(r.filesWritten)} fichier(s) écrit(s) · réponses ${Object.entries(r.responses)
      .map(([code, count]) => `${count}×${code}`)
      .join(", ")}`;
  const label = `${ingest.feeds} flux × ${ingest.itemsPerFeed} articles, ${ingest.runs} passe(s)`;
  return [
    [`Collecte à froid, ${label}`, run(ingest.cold), `< ${seconds(TARGETS.coldMs)}`, ingest.cold.wallMs < TARGETS.coldMs],
    [
      `Collecte à chaud (304 partout)`,
      run(ingest.warm),
      `< ${seconds(TARGETS.warmMs)}, 0 fichier`,
      ingest.warm.wallMs < TARGETS.warmMs && ingest.warm.filesWritten === 0,
    ],
  ];
}

function searchRows(search: NonNullable<BenchResults["search"]>): Row[] {
  const { bytes } = search;
  const index = bytes.meta + bytes.filters + bytes.words + bytes.fragments;
  const detail = `page ${kilobytes(bytes.page)}, interface ${kilobytes(bytes.ui)}, index ${kilobytes(index)} : méta ${kilobytes(bytes.meta)}, filtres ${kilobytes(bytes.filters)}, mots ${kilobytes(bytes.words)}, extraits ${kilobytes(bytes.fragments)}`;
  return [
    [`Index de recherche sur disque, ${integer.format(search.items)} articles`, megabytes(search.indexBytes)],
    [
      `Première recherche « ${search.query} » : octets téléchargés`,
      `${kilobytes(bytes.total)} (${detail}; ${search.requests} requêtes)`,
      `< ${kilobytes(TARGETS.searchBytes)}`,
      bytes.total < TARGETS.searchBytes,
    ],
  ];
}

export function formatTable(results: BenchResults): string {
  const rows: Row[] = [
    ...buildRows(results.builds),
    ...(results.ingest ? ingestRows(results.ingest) : []),
    ...(results.search ? searchRows(results.search) : []),
  ];
  const cells = rows.map(([measure, value, target, met]) => [measure, value, target ?? "", met === undefined ? "" : verdict(met)]);
  const header = ["Mesure", "Valeur (médiane)", "Cible", "Atteinte"];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((cell, i) => cell.padEnd(widths[i]!)).join(" | ")} |`;
  const { machine: m } = results;
  return [
    `Machine : ${m.cpu}, ${m.cores} cœurs, ${m.memoryGiB} Gio, Node ${m.node} (${m.platform}) · commit ${results.commit} · ${results.date}`,
    "",
    line(header),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...cells.map(line),
  ].join("\n");
}
