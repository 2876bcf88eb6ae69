/**
 * The scaffolding every harness of the ingest needs (the conformance and relevance evaluations,
 * the ingest bench, the ingest tests): feeds served by a real HTTP server on 127.0.0.1, on a free
 * port, and a throw-away site root with its registry, for a real run of the pipeline.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { stringify } from "yaml";
import { dataFile, LEDGER_NAME, WATCH_DIR } from "../core/paths.ts";
import type { RunOptions } from "../ingest/run.ts";

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`, without a final slash. */
  base: string;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 on a free port; close() also drops kept-alive connections. */
export async function listenLoopback(handler: RequestListener): Promise<LoopbackServer> {
  const server = createServer(handler);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((done) => server.close(() => done()));
    },
  };
}

export interface ScratchSite {
  root: string;
  contentDir: string;
  sourcesFile: string;
  themesFile: string;
  stateFile: string;
  ledgerFile: string;
  /** Writes the registry, as YAML. */
  writeSources(sources: unknown): void;
  /** Options of a run over this site that may fetch from 127.0.0.1. */
  runOptions(extra?: Partial<RunOptions>): RunOptions;
  cleanup(): void;
}

/** A site root in the temporary folder, with its data folder and, when given, its theme vocabulary. */
export function createScratchSite(prefix: string, themes?: unknown): ScratchSite {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const site: ScratchSite = {
    root,
    contentDir: join(root, WATCH_DIR),
    sourcesFile: dataFile(root, "sources"),
    themesFile: dataFile(root, "themes"),
    stateFile: dataFile(root, "sourceState"),
    ledgerFile: join(root, WATCH_DIR, LEDGER_NAME),
    writeSources: (sources) => writeFileSync(site.sourcesFile, stringify(sources)),
    runOptions: (extra = {}) => ({
      sourcesFile: site.sourcesFile,
      themesFile: site.themesFile,
      contentDir: site.contentDir,
      stateFile: site.stateFile,
      ledgerFile: site.ledgerFile,
      allowHosts: ["127.0.0.1"],
      ...extra,
    }),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
  mkdirSync(dirname(site.sourcesFile));
  if (themes !== undefined) writeFileSync(site.themesFile, stringify(themes));
  return site;
}
