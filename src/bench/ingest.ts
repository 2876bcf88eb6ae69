/**
 * Ingest timings: the real `npm run fetch` over generated feeds served from one local HTTP server
 * that honours ETag and Last-Modified, so a second run gets a 304 from every feed. The content
 * and state live in a temporary folder; files written are counted by comparing each file's inode,
 * size and mtime before and after a run (the pipeline replaces files atomically, by rename).
 */
import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { DateTime } from "luxon";
import { DATA_FILES, dataFile, PROJECT_ROOT, WATCH_DIR } from "../core/paths.ts";
import { ZONE } from "../core/time.ts";
import { slugFor } from "../ingest/store.ts";
import { article, benchSources, registryYaml, type BenchSource } from "./content.ts";
import { measure, median, type Usage } from "./measure.ts";
import { listenLoopback } from "../tooling/feed-server.ts";
import { createRandom } from "./random.ts";

export interface IngestRun extends Usage {
  filesWritten: number;
  /** Answers of the feed server during the run, by status code. */
  responses: Record<string, number>;
}

export interface IngestFigures {
  feeds: number;
  itemsPerFeed: number;
  runs: number;
  cold: IngestRun;
  warm: IngestRun;
}

/** Same rule as the builds: a run shorter than this is repeated and the median kept. */
const REPEAT_UNDER_MS = 60_000;
/** Feed items are this recent at most, so a source's first fetch keeps them all. */
const MAX_AGE_DAYS = 60;

function xml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** An RSS 2.0 feed of `count` French items, dated over the last weeks before `now`. */
export function feedXml(source: BenchSource, count: number, seed: number, now: DateTime): string {
  const random = createRandom(seed);
  const items = Array.from({ length: count }, (_, index) => {
    const { title, summary, html } = article(random, source.reuse);
    const link = `${source.site}articles/${index + 1}-${slugFor(title)}`;
    const date = now.minus({ minutes: random.int(60, MAX_AGE_DAYS * 24 * 60) });
    const content = html ? `\n      <content:encoded>${xml(html)}</content:encoded>` : "";
    return `    <item>
      <title>${xml(title)}</title>
      <link>${xml(link)}</link>
      <guid isPermaLink="true">${xml(link)}</guid>
      <pubDate>${date.toRFC2822()}</pubDate>
      <description>${xml(summary)}</description>${content}
    </item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>${xml(source.name)}</title>
    <link>${xml(source.site)}</link>
    <description>Flux de test du banc de mesure</description>
    <language>fr</language>
${items.join("\n")}
  </channel>
</rss>
`;
}

interface FeedServer {
  url: string;
  /** Answers by status code since the last call. */
  takeCounts(): Record<string, number>;
  close(): Promise<void>;
}

/** Serves `feeds` (path → body), which may be filled once the server's address is known. */
async function serveFeeds(feeds: ReadonlyMap<string, { body: string; etag: string }>, lastModified: string): Promise<FeedServer> {
  let counts: Record<string, number> = {};
  const answer = (req: IncomingMessage, res: ServerResponse) => {
    const feed = feeds.get(req.url ?? "");
    const status = !feed
      ? 404
      : req.headers["if-none-match"] === feed.etag || req.headers["if-modified-since"] === lastModified
        ? 304
        : 200;
    counts[status] = (counts[status] ?? 0) + 1;
    if (!feed) return void res.writeHead(404).end();
    res.writeHead(status, { "content-type": "application/rss+xml; charset=utf-8", etag: feed.etag, "last-modified": lastModified });
    res.end(status === 200 ? feed.body : undefined);
  };
  const server = await listenLoopback(answer);
  return {
    url: server.base,
    takeCounts: () => {
      const taken = counts;
      counts = {};
      return taken;
    },
    close: server.close,
  };
}

/** inode, size and mtime of every file below `dir`: any write, in place or by rename, changes it. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const s = await stat(path, { bigint: true });
    files.set(path, `${s.ino}:${s.size}:${s.mtimeNs}`);
  }
  return files;
}

function changedFiles(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): number {
  return [...after].filter(([path, id]) => before.get(path) !== id).length;
}

async function fetchRun(root: string, server: FeedServer): Promise<IngestRun> {
  const before = await snapshot(root);
  const usage = await measure(
    process.execPath,
    ["--import", "tsx", join(PROJECT_ROOT, "scripts/fetch.ts"), "--root", root, "--allow-host", "127.0.0.1"],
    { cwd: PROJECT_ROOT },
  );
  const { stdout: _output, ...figures } = usage;
  return { ...figures, filesWritten: changedFiles(before, await snapshot(root)), responses: server.takeCounts() };
}

function medianRun(runs: readonly IngestRun[]): IngestRun {
  const pick = (key: "wallMs" | "cpuMs" | "peakRssBytes" | "filesWritten") => median(runs.map((r) => r[key]));
  return {
    wallMs: pick("wallMs"),
    cpuMs: pick("cpuMs"),
    peakRssBytes: pick("peakRssBytes"),
    filesWritten: pick("filesWritten"),
    responses: runs.at(-1)!.responses,
  };
}

export async function benchIngest(
  feedCount: number,
  itemsPerFeed: number,
  seed: number,
  maxRuns: number,
  log: (line: string) => void,
): Promise<IngestFigures> {
  const now = DateTime.now().setZone(ZONE);
  const feeds = new Map<string, { body: string; etag: string }>();
  const server = await serveFeeds(feeds, now.minus({ days: 1 }).toHTTP()!);
  const runs: { cold: IngestRun; warm: IngestRun }[] = [];
  try {
    const sources = benchSources(feedCount, seed, (id) => `${server.url}/feeds/${id}.xml`);
    sources.forEach((source, index) => {
      const body = feedXml(source, itemsPerFeed, seed + index, now);
      feeds.set(new URL(source.feed).pathname, { body, etag: `"${createHash("sha1").update(body).digest("hex")}"` });
    });
    do {
      const root = await mkdtemp(join(tmpdir(), "bench-ingest-"));
      try {
        await mkdir(dirname(dataFile(root, "sources")));
        await mkdir(join(root, WATCH_DIR), { recursive: true });
        await writeFile(dataFile(root, "sources"), registryYaml(sources));
        await cp(join(PROJECT_ROOT, DATA_FILES.themes), dataFile(root, "themes"));
        const cold = await fetchRun(root, server);
        const warm = await fetchRun(root, server);
        log(
          `  collecte, passe ${runs.length + 1} : à froid ${(cold.wallMs / 1000).toFixed(1)} s (${cold.filesWritten} fichiers), à chaud ${(warm.wallMs / 1000).toFixed(1)} s (${warm.filesWritten} fichiers)`,
        );
        runs.push({ cold, warm });
      } finally {
        await rm(root, { recursive: true, force: true });
      }
    } while (runs.length < maxRuns && runs[0]!.cold.wallMs < REPEAT_UNDER_MS);
  } finally {
    await server.close();
  }
  return {
    feeds: feedCount,
    itemsPerFeed,
    runs: runs.length,
    cold: medianRun(runs.map((r) => r.cold)),
    warm: medianRun(runs.map((r) => r.warm)),
  };
}
