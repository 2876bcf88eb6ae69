/**
 * What the whole run shares, set up once before any test file and handed to them through
 * `provide`/`inject`: one Chromium that browser tests connect to instead of each starting its
 * own, and a folder where the read-only fixture sites are built once (tests/support/site-build.ts).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { launchBrowserServer } from "../../src/tooling/browser.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The shared Chromium's WebSocket address. */
    browserEndpoint: string;
    /** This run's folder of shared site builds, removed when the run ends. */
    sharedBuilds: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [server, sharedBuilds] = await Promise.all([launchBrowserServer(), mkdtemp(join(tmpdir(), "shared-builds-"))]);
  project.provide("browserEndpoint", server.wsEndpoint());
  project.provide("sharedBuilds", sharedBuilds);
  return async () => {
    await server.close();
    await rm(sharedBuilds, { recursive: true, force: true });
  };
}
