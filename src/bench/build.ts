/**
 * Build timings for one site size: the project's full build (`npm run build`: Eleventy, then
 * Pagefind once Eleventy has exited) with the moment its Eleventy step ends, Pagefind alone, and
 * two bare Eleventy baselines, each run in the same copy of the project so they read the same files.
 */
import { readFile, readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { WATCH_DIR } from "../core/paths.ts";
import { prepareSite } from "../tooling/site-copy.ts";
import { writeSyntheticSite, type SiteSize } from "./content.ts";
import { measure, median, type Usage } from "./measure.ts";

export const BARE_CONFIG = "src/bench/bare/eleventy.config.ts";
export const BARE_ITEMS_CONFIG = "src/bench/bare/items.config.js";
/** Eleventy's last line: the full build's Eleventy step ends there and Pagefind's begins. */
const ELEVENTY_DONE = /Wrote \d+ files/;
/** A run shorter than this is repeated and the median kept (the rule). */
const REPEAT_UNDER_MS = 60_000;

export interface BuildFigures {
  items: number;
  resources: number;
  /** Files Eleventy wrote in the full build. */
  pages: number;
  runs: number;
  full: Usage;
  /** The full build's Eleventy step (tsx, config, templates, writing), timed in the full build itself. */
  eleventyStepMs: number;
  /** The rest of the full build, after Eleventy's last line: the Pagefind index. */
  pagefindStepMs: number;
  /** Bare Eleventy through tsx over all the site's Markdown (the first baseline). */
  bare: Usage;
  /** Bare Eleventy by plain node over the watch item files only (the baseline of record). */
  bareItems: Usage;
  /** Pagefind over the built site, timed inside the process; memory of its process tree. */
  pagefind: { wallMs: number; peakRssBytes: number; pages: number };
  indexBytes: number;
}

export async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

/** A temporary copy of the project holding the synthetic content; the caller removes it. */
export async function prepareBenchSite(size: SiteSize): Promise<string> {
  const root = await prepareSite();
  await writeSyntheticSite(root, size);
  return root;
}

function withLocalBin(root: string): NodeJS.ProcessEnv {
  // What `npm run` adds, without npm's own start-up in the figures.
  return { ...process.env, PATH: `${join(root, "node_modules/.bin")}:${process.env.PATH}` };
}

function medianUsage(usages: readonly Usage[]): Usage {
  return {
    wallMs: median(usages.map((u) => u.wallMs)),
    cpuMs: median(usages.map((u) => u.cpuMs)),
    peakRssBytes: median(usages.map((u) => u.peakRssBytes)),
  };
}

/** One round: both bare builds, full, then Pagefind alone on the full build's output. */
async function round(root: string, buildScript: string) {
  const env = withLocalBin(root);
  for (const dir of ["_site", "_site-bare", "_site-bare-items"]) await rm(join(root, dir), { recursive: true, force: true });
  const bare = await measure("tsx", ["node_modules/@11ty/eleventy/cmd.cjs", `--config=${BARE_CONFIG}`], { cwd: root, env });
  const bareItems = await measure(
    "node",
    ["node_modules/@11ty/eleventy/cmd.cjs", `--config=${BARE_ITEMS_CONFIG}`, `--input=${WATCH_DIR}`],
    { cwd: root, env },
  );
  const full = await measure("bash", ["-c", buildScript], { cwd: root, env, mark: ELEVENTY_DONE });
  if (full.markMs === undefined)
    throw new Error(`build complet : la dernière ligne d'Eleventy (« Wrote … files ») est introuvable dans sa sortie`);
  const indexBytes = await folderBytes(join(root, "_site/pagefind"));
  const alone = await measure("tsx", ["src/bench/pagefind-index.ts", "_site"], { cwd: root, env });
  const timed = JSON.parse(alone.stdout.trim().split("\n").at(-1)!) as { wallMs: number; pages: number };
  const pages = Number(/Wrote (\d+) files/.exec(full.stdout)?.[1] ?? 0);
  return {
    bare,
    bareItems,
    full,
    eleventyStepMs: full.markMs,
    pagefindStepMs: full.wallMs - full.markMs,
    pagefind: { ...timed, peakRssBytes: alone.peakRssBytes },
    pages,
    indexBytes,
  };
}

export async function benchBuild(root: string, size: SiteSize, maxRuns: number, log: (line: string) => void): Promise<BuildFigures> {
  const { scripts } = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { scripts: { build: string } };
  const rounds = [];
  do {
    const r = await round(root, scripts.build);
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    log(
      `  ${size.items} articles, passe ${rounds.length + 1} : complet ${s(r.full.wallMs)} (Eleventy ${s(r.eleventyStepMs)}, Pagefind ${s(r.pagefindStepMs)}), nu par tsx ${s(r.bare.wallMs)}, nu par node ${s(r.bareItems.wallMs)}, Pagefind seul ${s(r.pagefind.wallMs)}`,
    );
    rounds.push(r);
  } while (rounds.length < maxRuns && rounds[0]!.full.wallMs < REPEAT_UNDER_MS);
  const last = rounds.at(-1)!;
  return {
    items: size.items,
    resources: size.resources,
    pages: last.pages,
    runs: rounds.length,
    full: medianUsage(rounds.map((r) => r.full)),
    eleventyStepMs: median(rounds.map((r) => r.eleventyStepMs)),
    pagefindStepMs: median(rounds.map((r) => r.pagefindStepMs)),
    bare: medianUsage(rounds.map((r) => r.bare)),
    bareItems: medianUsage(rounds.map((r) => r.bareItems)),
    pagefind: {
      wallMs: median(rounds.map((r) => r.pagefind.wallMs)),
      peakRssBytes: median(rounds.map((r) => r.pagefind.peakRssBytes)),
      pages: last.pagefind.pages,
    },
    indexBytes: last.indexBytes,
  };
}
