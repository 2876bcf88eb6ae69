import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { writeSearchIndex } from "./search/pagefind.ts";

/** Where Eleventy writes, from its own `--output` flag when given (the config's `_site` otherwise). */
export function outputDir(args: readonly string[]): string {
  const index = args.findIndex((arg) => arg === "--output" || arg.startsWith("--output="));
  if (index === -1) return "_site";
  const arg = args[index]!;
  return arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : (args[index + 1] ?? "_site");
}

/** Eleventy's command line, relative to a site's root: every Eleventy run of the project starts here. */
const ELEVENTY = ["node_modules/@11ty/eleventy/cmd.cjs", "--config=eleventy.config.ts"];

/** Loaded before Eleventy when it serves: the preview on 127.0.0.1 only (src/site/editor/loopback-preview.ts). */
const LOOPBACK_PREVIEW = pathToFileURL(resolve(import.meta.dirname, "editor/loopback-preview.ts")).href;

export interface EleventyRun {
  /** Serve the site on 127.0.0.1:`port` and rebuild it at each change, instead of building once. */
  serve?: { port: number };
}

/** The arguments of `node` that run Eleventy with `args`, as `npm run build`, `npm start` and `npm run admin` do. */
export function eleventyArgs(args: readonly string[], { serve }: EleventyRun = {}): string[] {
  return [
    "--import",
    "tsx",
    ...(serve ? ["--import", LOOPBACK_PREVIEW] : []),
    ...ELEVENTY,
    ...(serve ? ["--serve", `--port=${serve.port}`] : []),
    ...args,
  ];
}

/** Starts Eleventy in `cwd` (its output on this terminal unless `stdio` says otherwise). */
export function spawnEleventy(
  args: readonly string[],
  options: EleventyRun & { cwd?: string; env?: NodeJS.ProcessEnv; stdio?: StdioOptions } = {},
): ChildProcess {
  const { cwd = process.cwd(), env = process.env, stdio = "inherit" } = options;
  return spawn(process.execPath, eleventyArgs(args, options), { cwd, env, stdio });
}

/**
 * The port to serve on, from the PORT variable (`fallback` when unset); undefined with a French
 * message on stderr when it is not a port. `max` leaves room for a second port after it.
 */
export function portFromEnv(value: string | undefined, fallback: number, max = 65535): number | undefined {
  const port = Number(value ?? fallback);
  if (Number.isInteger(port) && port >= 1 && port <= max) return port;
  console.error(`PORT invalide : « ${value} » (un nombre entre 1 et ${max} attendu).`);
  return undefined;
}

function runEleventy(args: readonly string[], cwd: string): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawnEleventy(args, { cwd });
    child.on("error", fail);
    child.on("exit", (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

/**
 * `npm run build`: Eleventy, then the Pagefind index of what it wrote. Each runs in its own
 * process, so the memory Eleventy holds for 20 000 pages is released before Pagefind needs its
 * own (in an `eleventy.after` hook the two peaks added up). Returns the exit code.
 */
export async function buildAll(args: readonly string[], cwd = process.cwd()): Promise<number> {
  const code = await runEleventy(args, cwd);
  if (code !== 0) return code;
  const { pages } = await writeSearchIndex(resolve(cwd, outputDir(args)));
  if (!args.includes("--quiet")) console.log(`[pagefind] Index de recherche écrit : ${pages} pages.`);
  return 0;
}
