import { rm } from "node:fs/promises";
import { join } from "node:path";
import { prepareSite, runBuild, type SiteBuildOptions } from "../../src/tooling/site-copy.ts";

export { PROJECT_ROOT } from "../../src/core/paths.ts";
export { prepareSite, runBuild, type SiteBuildOptions } from "../../src/tooling/site-copy.ts";

export interface SiteBuild {
  root: string;
  output: string;
  stdout: string;
  cleanup(): Promise<void>;
}

/** A full build of a temporary copy of the project, for tests that look at the output. */
export async function buildSite(options: SiteBuildOptions = {}): Promise<SiteBuild> {
  const root = await prepareSite(options);
  const stdout = await runBuild(root);
  return { root, output: join(root, "_site"), stdout, cleanup: () => rm(root, { recursive: true, force: true }) };
}
