/** The benchmark's one table (French, for developers; Markdown, so it pastes into the README). */
import { cpus, totalmem } from "node:os";
import type { BuildFigures } from "./build.ts";
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
  ratio: 1.5,
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
 * The site's own Eleventy work against bare Eleventy (target 1.5, TARGETS.ratio): the full build less
 * Pagefind's time, since indexing is a separate process that the bare build does not run.
 */
export function siteEleventyRatio(b: Pick<BuildFigures, "full" | "bare" | "pagefind">): number {
  return (b.full.wallMs - b.pagefind.wallMs) / b.bare.wallMs;
}

function buildRows(builds: readonly BuildFigures[]): Row[] {
  const rows: Row[] = [];
  const first = builds[0];
  const largest = builds.at(-1);
  for (const b of builds) {
    const n = integer.format(b.items);
    const ratio = b.full.wallMs / b.bare.wallMs;
    const siteRatio = siteEleventyRatio(b);
    const isLargest = b === largest && builds.length > 1;
    rows.push(
      [`Build complet, ${n} articles (${integer.format(b.pages)} pages, ${b.runs} passe(s))`, `${seconds(b.full.wallMs)} · CPU ${seconds(b.full.cpuMs)} · ${megabytes(b.full.peakRssBytes)}`,
        isLargest ? `mémoire < ${megabytes(TARGETS.peakBytes)}` : undefined, isLargest ? b.full.peakRssBytes < TARGETS.peakBytes : undefined],
      [`– dont Pagefind seul`, `${seconds(b.pagefind.wallMs)} · ${megabytes(b.pagefind.peakRssBytes)} · index ${megabytes(b.indexBytes)}`],
      [`Eleventy nu, ${n} articles`, `${seconds(b.bare.wallMs)} · CPU ${seconds(b.bare.cpuMs)} · ${megabytes(b.bare.peakRssBytes)}`],
      [`Rapport complet / nu, ${n}`, number.format(ratio)],
      [`Rapport Eleventy du site (complet − Pagefind) / nu, ${n}`, number.format(siteRatio), `≤ ${number.format(TARGETS.ratio)}`, siteRatio <= TARGETS.ratio],
    );
  }
  if (first && largest && largest !== first) {
    const growth = largest.full.wallMs / first.full.wallMs;
    const scale = largest.items / first.items;
    rows.push([`Croissance du build complet, ${integer.format(largest.items)} / ${integer.format(first.items)}`, `× ${number.format(growth)}`, `≤ × ${number.format((TARGETS.growth * scale) / 20)}`, growth <= (TARGETS.growth * scale) / 20]);
  }
  return rows;
}

function ingestRows(ingest: IngestFigures): Row[] {
  const run = (r: IngestFigures["cold"]) =>
    `${seconds(r.wallMs)} · CPU ${seconds(r.cpuMs)} · ${megabytes(r.peakRssBytes)} · ${integer.format(r.filesWritten)} fichier(s) écrit(s) · réponses ${Object.entries(r.responses).map(([code, count]) => `${count}×${code}`).join(", ")}`;
  const label = `${ingest.feeds} flux × ${ingest.itemsPerFeed} articles, ${ingest.runs} passe(s)`;
  return [
    [`Collecte à froid, ${label}`, run(ingest.cold), `< ${seconds(TARGETS.coldMs)}`, ingest.cold.wallMs < TARGETS.coldMs],
    [`Collecte à chaud (304 partout)`, run(ingest.warm), `< ${seconds(TARGETS.warmMs)}, 0 fichier`, ingest.warm.wallMs < TARGETS.warmMs && ingest.warm.filesWritten === 0],
  ];
}

function searchRows(search: NonNullable<BenchResults["search"]>): Row[] {
  const { bytes } = search;
  const index = bytes.meta + bytes.filters + bytes.words + bytes.fragments;
  const detail = `page ${kilobytes(bytes.page)}, interface ${kilobytes(bytes.ui)}, index ${kilobytes(index)} : méta ${kilobytes(bytes.meta)}, filtres ${kilobytes(bytes.filters)}, mots ${kilobytes(bytes.words)}, extraits ${kilobytes(bytes.fragments)}`;
  return [
    [`Index de recherche sur disque, ${integer.format(search.items)} articles`, megabytes(search.indexBytes)],
    [`Première recherche « ${search.query} » : octets téléchargés`, `${kilobytes(bytes.total)} (${detail}; ${search.requests} requêtes)`, `< ${kilobytes(TARGETS.searchBytes)}`, bytes.total < TARGETS.searchBytes],
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
