/**
 * Test support: a real HTTP server on 127.0.0.1 (random port) serving routes the test declares,
 * and a throw-away site root (registry, themes, watch folder, state) for each run.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join, relative } from "node:path";
import { DateTime } from "luxon";
import { afterEach } from "vitest";
import { runIngest, type RunOptions } from "../../src/ingest/run.ts";
import { createScratchSite, listenLoopback } from "../../src/tooling/feed-server.ts";

export const FIXTURES = join(import.meta.dirname, "../fixtures/feeds");
export const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name));

/** The clock of every run in these tests: fixture dates sit in the days before it. */
export const NOW = DateTime.fromISO("2026-11-23T10:00:00", { zone: "Europe/Paris" });

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface FeedServer {
  url(path: string): string;
  route(path: string, handler: Handler): void;
  /** Requests received, in order, with their headers. */
  requests: { path: string; headers: IncomingMessage["headers"] }[];
  close(): Promise<void>;
}

export async function startServer(): Promise<FeedServer> {
  const routes = new Map<string, Handler>();
  const requests: FeedServer["requests"] = [];
  const server = await listenLoopback((req, res) => {
    const path = req.url ?? "/";
    requests.push({ path, headers: req.headers });
    const handler = routes.get(path);
    if (handler) handler(req, res);
    else res.writeHead(404).end("introuvable");
  });
  return { url: (path) => `${server.base}${path}`, route: (path, handler) => routes.set(path, handler), requests, close: server.close };
}

/** A handler sending `body` with the given headers (content type defaults to RSS); honours If-None-Match. */
export function serve(body: string | Buffer, headers: Record<string, string> = {}, status = 200): Handler {
  return (req, res) => {
    if (headers.etag && req.headers["if-none-match"] === headers.etag) res.writeHead(304).end();
    else res.writeHead(status, { "content-type": "application/rss+xml; charset=utf-8", ...headers }).end(body);
  };
}

export const THEMES = [
  {
    id: "discriminations",
    label: "Discriminations",
    description: "d",
    strong: ["discrimin*", "racis*", "Défenseur des droits"],
    weak: ["préjugés"],
  },
  { id: "laicite", label: "Laïcité", description: "l", strong: ["laïcité", "fait religieux"], weak: ["culte", "cultes"] },
  { id: "radicalisation", label: "Radicalisation", description: "r", strong: ["radicalis*", "P/CVE"], weak: ["polarisation"] },
  {
    id: "derives-sectaires",
    label: "Dérives sectaires",
    description: "s",
    strong: ["dérives sectaires", "Miviludes"],
    weak: ["emprise", "secte"],
  },
  { id: "prevention-delinquance", label: "Prévention", description: "p", strong: ["CLSPD"], weak: ["prévention", "délinquance"] },
];

export interface SourceEntry {
  id: string;
  feed: string;
  [key: string]: unknown;
}

export interface Site {
  root: string;
  contentDir: string;
  stateFile: string;
  ledgerFile: string;
  sourcesFile: string;
  options(extra?: Partial<RunOptions>): RunOptions;
  run(extra?: Partial<RunOptions>): ReturnType<typeof runIngest>;
  writeSources(sources: SourceEntry[] | unknown): void;
  /** Every file under the root with its content, to compare two runs byte for byte. */
  snapshot(): Map<string, string>;
  itemFiles(): string[];
  cleanup(): void;
}

export function source(id: string, feed: string, extra: Record<string, unknown> = {}): SourceEntry {
  return { id, name: `Source ${id}`, feed, section: "actualites", territory: "national", keep: "all", ...extra };
}

export function createSite(sources: SourceEntry[] = []): Site {
  const scratch = createScratchSite("veille-", THEMES);
  const { root } = scratch;
  const site: Site = {
    root,
    contentDir: scratch.contentDir,
    sourcesFile: scratch.sourcesFile,
    stateFile: scratch.stateFile,
    ledgerFile: scratch.ledgerFile,
    options: (extra = {}) => scratch.runOptions({ totalTimeoutMs: 2000, connectTimeoutMs: 1000, now: () => NOW, ...extra }),
    run: (extra = {}) => runIngest(site.options(extra)),
    writeSources: scratch.writeSources,
    snapshot: () => {
      const files = new Map<string, string>();
      const walk = (dir: string) => {
        for (const name of readdirSync(dir)) {
          const path = join(dir, name);
          if (statSync(path).isDirectory()) walk(path);
          else files.set(relative(root, path), readFileSync(path, "utf8"));
        }
      };
      walk(root);
      return files;
    },
    itemFiles: () => [...site.snapshot().keys()].filter((p) => p.endsWith(".md")).sort(),
    cleanup: scratch.cleanup,
  };
  site.writeSources(sources);
  return site;
}

/** createSite for one test file: every site it makes is removed after each test. */
export function siteMaker(): (...args: Parameters<typeof createSite>) => Site {
  const sites: Site[] = [];
  afterEach(() => {
    for (const s of sites.splice(0)) s.cleanup();
  });
  return (...args) => {
    const s = createSite(...args);
    sites.push(s);
    return s;
  };
}
