import { createHash } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { inject } from "vitest";
import { prepareSite, runBuild, type SiteBuildOptions } from "../../src/tooling/site-copy.ts";

export { PROJECT_ROOT } from "../../src/core/paths.ts";
export { prepareSite, runBuild, type SiteBuildOptions } from "../../src/tooling/site-copy.ts";

/** A full build of a temporary copy of the project, for tests that look at the output. */
export interface SiteBuild {
  root: string;
  output: string;
  stdout: string;
}

/** What the file that built a shared site left for the others: its build log, or why it failed. */
type Outcome = { stdout: string } | { error: string };

const SHARED_POLL_MS = 200;

/** The same JSON for the same options, whatever the order their keys were written in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

async function readOutcome(file: string): Promise<Outcome | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as Outcome;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * A build that its tests only read, made once per run for each set of options: the first file
 * to ask builds it (the others, in other workers, wait for it), and it lives until the run ends
 * (tests/support/global-setup.ts removes it). A test that changes its site, or rebuilds it,
 * takes its own copy with `prepareSite` and `runBuild`.
 */
export async function sharedSite(options: SiteBuildOptions = {}): Promise<SiteBuild> {
  const root = join(inject("sharedBuilds"), createHash("sha256").update(canonicalJson(options)).digest("hex").slice(0, 16));
  const outcomeFile = `${root}.json`;
  const claimed = await mkdir(`${root}.lock`).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === "EEXIST") return false;
      throw error;
    },
  );
  if (claimed) {
    let copy: string | undefined;
    let outcome: Outcome;
    try {
      copy = await prepareSite(options);
      outcome = { stdout: await runBuild(copy) };
      await rename(copy, root);
    } catch (error) {
      // Whatever went wrong is written down too: the files waiting for this build fail with it instead of waiting forever.
      outcome = { error: String((error as { stderr?: string }).stderr ?? error) };
      if (copy) await rm(copy, { recursive: true, force: true });
    }
    // Written whole then renamed, so a waiting file never reads half of it.
    await writeFile(`${outcomeFile}.part`, JSON.stringify(outcome));
    await rename(`${outcomeFile}.part`, outcomeFile);
  }
  let outcome = await readOutcome(outcomeFile);
  while (!outcome) {
    await sleep(SHARED_POLL_MS);
    outcome = await readOutcome(outcomeFile);
  }
  if ("error" in outcome) throw new Error(`la construction partagée du site a échoué :\n${outcome.error}`);
  return { root, output: join(root, "_site"), stdout: outcome.stdout };
}
