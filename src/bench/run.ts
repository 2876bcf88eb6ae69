/**
 * `npm run bench`: builds at each size with the bare-Eleventy baseline, the ingest runs, then the
 * first search on the largest site; prints one table and writes every figure as JSON.
 */
import { execFileSync } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { PROJECT_ROOT } from "../core/paths.ts";
import { runBuild } from "../tooling/site-copy.ts";
import { benchBuild, prepareBenchSite, type BuildFigures } from "./build.ts";
import { DEFAULT_SEED } from "./content.ts";
import { benchIngest } from "./ingest.ts";
import { machine, type BenchResults } from "./report.ts";
import { benchSearch } from "./search.ts";

export const PARTS = ["build", "ingest", "search"] as const;
export type Part = (typeof PARTS)[number];

export interface BenchOptions {
  sizes: number[];
  resources: number;
  feeds: number;
  itemsPerFeed: number;
  runs: number;
  parts: Part[];
  query: string;
  jsonFile: string;
  log: (line: string) => void;
}

function commit(): string {
  try {
    const hash = execFileSync("git", ["rev-parse", "--short", "HEAD"], {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: PROJECT_ROOT, encoding: "utf8" }).trim();
    return dirty ? `${hash} (+ modifications non validées)` : hash;
  } catch {
    return "?";
  }
}

export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const { log } = options;
  const results: BenchResults = { date: new Date().toISOString(), commit: commit(), machine: machine(), seed: DEFAULT_SEED, builds: [] };
  const largest = Math.max(...options.sizes);
  for (const items of [...options.sizes].sort((a, b) => a - b)) {
    const wantsSearch = options.parts.includes("search") && items === largest;
    if (!options.parts.includes("build") && !wantsSearch) continue;
    log(`Site de ${items} articles : génération…`);
    const root = await prepareBenchSite({ items, resources: options.resources });
    try {
      if (options.parts.includes("build")) {
        const figures: BuildFigures = await benchBuild(root, { items, resources: options.resources }, options.runs, log);
        results.builds.push(figures);
      } else {
        await runBuild(root);
      }
      if (wantsSearch) {
        log(`  première recherche dans Chromium…`);
        results.search = { items, ...(await benchSearch(`${root}/_site`, options.query)) };
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }
  if (options.parts.includes("ingest")) {
    log(`Collecte : ${options.feeds} flux de ${options.itemsPerFeed} articles…`);
    results.ingest = await benchIngest(options.feeds, options.itemsPerFeed, DEFAULT_SEED, options.runs, log);
  }
  await mkdir(dirname(options.jsonFile), { recursive: true });
  await writeFile(options.jsonFile, `${JSON.stringify(results, null, 2)}\n`);
  return results;
}
