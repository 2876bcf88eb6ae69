/**
 * One hostile feed cannot take the machine nor the run's time: a 10 MB JSON Feed of millions of
 * empty items is refused in the parse (item cap, worker memory limits) with a message naming its
 * source, and a large feed read after its parse stops at the run's deadline. Feeds are generated
 * here and served by a real server on 127.0.0.1.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEFAULTS } from "../../src/ingest/run.ts";
import { INLINE_LIMIT, parseFeedBounded } from "../../src/ingest/parse/bounded.ts";
import { fixture, serve, siteMaker, source, startServer, type FeedServer } from "./support.ts";

let server: FeedServer;
const site = siteMaker();

/** About 10 MB (under the fetcher's DEFAULTS.maxBytes): `{"items":[{},{},…]}`. */
const EMPTY_ITEMS = 3_300_000;
function emptyItemsFeed(): string {
  return `{"version":"https://jsonfeed.org/version/1.1","title":"Vide","items":[${"{},".repeat(EMPTY_ITEMS - 1)}{}]}`;
}

const LINKED_ITEMS = 6500;

/**
 * `count` items of long French text: parsed in about a second, but classified (`keep: keywords`)
 * on the run's own thread for several more (about 5 s on a 2-core machine).
 */
function manyLinkedItems(count: number): string {
  const summary = "Résumé : discriminations, radicalisation, dérives sectaires. ".repeat(20);
  const items = Array.from(
    { length: count },
    (_, i) =>
      `<item><title>Article ${i} sur la laïcité et la prévention</title><link>https://nombreux.exemple.fr/${i}</link><description>${summary}</description><pubDate>Sat, 21 Nov 2026 10:00:00 +0100</pubDate></item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Nombreux</title>${items.join("")}</channel></rss>`;
}

/** The highest resident memory of this process while `run` runs, in MB above what it was before. */
async function peakRssMb<T>(run: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  try {
    const result = await run();
    return { result, peakMb: Math.round((Math.max(peak, process.memoryUsage.rss()) - before) / 1024 / 1024) };
  } finally {
    clearInterval(sampler);
  }
}

beforeAll(async () => {
  server = await startServer();
  const empty = emptyItemsFeed();
  expect(empty.length).toBeGreaterThan(9_900_000);
  expect(empty.length).toBeLessThan(DEFAULTS.maxBytes);
  server.route("/vide", serve(empty, { "content-type": "application/feed+json" }));
  const many = manyLinkedItems(LINKED_ITEMS);
  expect(Buffer.byteLength(many)).toBeLessThan(DEFAULTS.maxBytes);
  server.route("/nombreux", serve(many));
  server.route("/three", serve(fixture("rss2-three-items.xml")));
  // About 10 MB of `<item/>`: the same attack in XML.
  server.route(
    "/rss-vide",
    serve(`<?xml version="1.0"?><rss version="2.0"><channel><title>Vide</title>${"<item/>".repeat(1_400_000)}</channel></rss>`),
  );
  // Workers loaded before the runs: their start-up (seconds on a loaded machine) is not what is measured.
  await Promise.all(
    [1, 2].map(() =>
      parseFeedBounded(
        `<rss version="2.0"><channel>${" ".repeat(INLINE_LIMIT)}</channel></rss>`,
        "application/xml",
        "https://exemple.fr/chauffe",
        { budgetMs: 120_000 },
      ),
    ),
  );
}, 180_000);
afterAll(() => server.close());

it("refuses a 10 MB JSON Feed of millions of empty items, naming its source, with bounded memory, and reads the others", async () => {
  const s = site([source("vide", server.url("/vide")), source("apres", server.url("/three"))]);
  const { result: report, peakMb } = await peakRssMb(() => s.run({ deadlineMs: 120_000, totalTimeoutMs: 20_000 }));
  console.log(`10 MB JSON Feed of ${EMPTY_ITEMS} empty items: peak RSS +${peakMb} MB`);
  expect(report.sources.map((r) => r.status)).toEqual(["failing", "ok"]);
  expect(report.sources[0]!.error).toBe(
    `source « vide » : flux de ${EMPTY_ITEMS.toLocaleString("fr-FR")} articles, plus que les ${DEFAULTS.maxFeedItems.toLocaleString("fr-FR")} acceptés par source : refusé pour ne pas saturer la mémoire`,
  );
  expect(report.sources[1]!.added).toHaveLength(3);
  expect(peakMb).toBeLessThan(700);
}, 180_000);

it("refuses an RSS feed of 1.4 million empty items, naming its source, and reads the others", async () => {
  const s = site([source("rss-vide", server.url("/rss-vide")), source("apres", server.url("/three"))]);
  const { result: report, peakMb } = await peakRssMb(() => s.run({ deadlineMs: 120_000, totalTimeoutMs: 20_000 }));
  console.log(`10 MB RSS of 1 400 000 <item/>: peak RSS +${peakMb} MB, ${report.sources[0]!.error}`);
  expect(report.sources.map((r) => r.status)).toEqual(["failing", "ok"]);
  expect(report.sources[0]!.error).toMatch(
    /^source « rss-vide » : (flux de 1\s400\s000 articles|analyse du flux .* impossible : mémoire dépassée)/,
  );
  expect(report.sources[1]!.added).toHaveLength(3);
  expect(peakMb).toBeLessThan(700);
}, 180_000);

it("holds the run's deadline within a second when a large feed is still being read after its parse", async () => {
  const sources = [source("nombreux", server.url("/nombreux"), { keep: "keywords" }), source("apres", server.url("/three"))];
  // The deadline falls halfway through what the same run takes on this machine without one, fast or loaded.
  const unboundedStart = Date.now();
  await site(sources).run({ totalTimeoutMs: 60_000 });
  const deadlineMs = Math.round((Date.now() - unboundedStart) / 2);
  const started = Date.now();
  const report = await site(sources).run({ deadlineMs, totalTimeoutMs: 60_000 });
  const elapsed = Date.now() - started;
  console.log(`${LINKED_ITEMS} items, deadline ${deadlineMs} ms: run of ${elapsed} ms`);
  expect(elapsed).toBeLessThan(deadlineMs + 1000);
  expect(report.sources[0]).toMatchObject({ status: "skipped", error: expect.stringMatching(/la relève a atteint son délai$/) });
  expect(report.sources[1]!.added).toHaveLength(3);
}, 180_000);
