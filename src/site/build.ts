import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { writeSearchIndex } from "./search/pagefind.ts";

/** Where Eleventy writes, from its own `--output` flag when given (the config's `_site` otherwise). */
export function outputDir(args: readonly string[]): string {
  const index = args.findIndex((arg) => arg === "--output" || arg.startsWith("--output="));
  if (index === -1) return "_site";
  const arg = args[index]!;
  return arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : (args[index + 1] ?? "_site");
}

function runEleventy(args: readonly string[], cwd: string): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--import", "tsx", "node_modules/@11ty/eleventy/cmd.cjs", "--config=eleventy.config.ts", ...args], {
      cwd,
      stdio: "inherit",
    });
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
