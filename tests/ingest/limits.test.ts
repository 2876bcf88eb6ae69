import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_ITEMS_DEFAULT } from "../../src/core/sources.ts";
import { formatReport } from "../../src/ingest/report.ts";
import { serve, siteMaker, source, startServer, type FeedServer } from "./support.ts";

let server: FeedServer;
const site = siteMaker();

/** An RSS feed of `count` items, one a minute before the test clock, newest first. */
function manyItems(count: number): string {
  const items = Array.from({ length: count }, (_, i) => {
    const date = new Date(Date.parse("2026-11-23T08:00:00Z") - i * 60_000).toUTCString();
    return `<item><title>Article n° ${i}</title><link>https://nombreux.exemple.fr/${i}</link><pubDate>${date}</pubDate></item>`;
  });
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Nombreux</title>${items.join("")}</channel></rss>`;
}

beforeAll(async () => {
  server = await startServer();
  server.route("/nombreux", serve(manyItems(120)));
  // Under the fetcher's 10 MiB limit, all three together.
  const big = "x".repeat(4 * 1024 * 1024);
  server.route(
    "/enorme",
    serve(`<?xml version="1.0"?><rss version="2.0"><channel><title>Énorme</title>
    <item><title>GUID démesuré</title><link>https://enorme.exemple.fr/1</link><guid isPermaLink="false">${big}</guid><pubDate>Sat, 21 Nov 2026 08:00:00 GMT</pubDate></item>
    <item><title>Adresse démesurée</title><link>https://enorme.exemple.fr/${big}</link><guid>2</guid><pubDate>Sat, 21 Nov 2026 09:00:00 GMT</pubDate></item>
    <item><title>${"Titre interminable ".repeat(5000)}</title><link>https://enorme.exemple.fr/3</link><description>${"Résumé sans fin. ".repeat(20_000)}</description><pubDate>Sat, 21 Nov 2026 10:00:00 GMT</pubDate></item>
  </channel></rss>`),
  );
});
afterAll(() => server.close());

describe("a source's cap of new items per run", () => {
  it(`writes the ${MAX_ITEMS_DEFAULT} newest by default and leaves the others for the next run`, async () => {
    const s = site([source("nombreux", server.url("/nombreux"))]);
    const report = await s.run();
    expect(report.sources[0]).toMatchObject({ status: "ok", capped: 120 - MAX_ITEMS_DEFAULT });
    expect(report.sources[0]!.added).toHaveLength(MAX_ITEMS_DEFAULT);
    expect(report.sources[0]!.added[0]).toBe("2026/2026-11-23-article-n-0.md");
    expect(formatReport(report)).toContain(`70 laissés pour la prochaine collecte (plafond atteint)`);
    expect((await s.run()).sources[0]!.added).toHaveLength(MAX_ITEMS_DEFAULT);
  });

  it("follows the registry's maxItems for a source", async () => {
    const s = site([source("nombreux", server.url("/nombreux"), { maxItems: 5 })]);
    const report = await s.run();
    expect(report.sources[0]!.added).toHaveLength(5);
    expect(report.sources[0]!.capped).toBe(115);
  });
});

describe("front-matter fields of any length in the feed", () => {
  it("never copies a 4 MB GUID or URL, nor an endless title or summary, into an item file", async () => {
    const s = site([source("enorme", server.url("/enorme"))]);
    const report = await s.run({ totalTimeoutMs: 10_000 });
    const r = report.sources[0]!;
    expect(r.added).toHaveLength(2);
    expect(r.invalid).toHaveLength(1);
    expect(r.invalid[0]).toMatch(/^« Adresse démesurée » : adresse de l'article trop longue \(\d+ caractères, 2000 au plus\)$/);
    for (const path of r.added) expect(statSync(join(s.contentDir, path)).size).toBeLessThan(2000);
    expect(readFileSync(s.ledgerFile, "utf8").length).toBeLessThan(1000);
    expect(JSON.stringify(report).length).toBeLessThan(5000);
  }, 30_000);
});
