/**
 * Hostile feeds against the parse stage, served by a real local server: whatever a feed sends,
 * the run ends within its deadline, reports that source, and fetches the others.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { createSite, fixture, serve, source, startServer, type FeedServer, type Site } from "./support.ts";

let server: FeedServer;
const sites: Site[] = [];
const MB = 1024 * 1024;

/**
 * About 9 MB, each part aimed at what used to be quadratic or recursive: repeated doctype
 * declarations, a 500 kB pubDate ending in white space, 300 000 nested elements, 500 000
 * unclosed `<b>` in a CDATA description (quadratic for sanitize-html's parser), a 2.5 MB
 * attribute, and 1 MB of `<!DOCTYPE` and `<![CDATA[` openers quoted in a description. One
 * ordinary item follows them.
 */
function adversarialFeed(): string {
  const parts = [
    '<?xml version="1.0"?>',
    "<!DOCTYPE rss>".repeat(100_000),
    '<rss version="2.0"><channel><title>Hostile</title><link>https://hostile.exemple.fr/</link>',
    `<item><title>Date immense</title><link>https://hostile.exemple.fr/date</link><pubDate>Mon, 23 Nov 2026${" ".repeat(500_000)}x</pubDate></item>`,
    `<item><title>Imbrication</title><link>https://hostile.exemple.fr/imbrication</link><description>${"<b>".repeat(300_000)}fond${"</b>".repeat(300_000)}</description></item>`,
    `<item><title>Imbrication HTML</title><link>https://hostile.exemple.fr/imbrication-html</link><description><![CDATA[${"<b>".repeat(500_000)}profond]]></description></item>`,
    `<item data="${"a".repeat(2.5 * MB)}"><title>Attribut</title><link>https://hostile.exemple.fr/attribut</link></item>`,
    `<item><title>Ouvrants</title><link>https://hostile.exemple.fr/ouvrants</link><description>${"&lt;!DOCTYPE &lt;![CDATA[ ".repeat(40_000)}</description></item>`,
    "<item><title>Laïcité : un article ordinaire</title><link>https://hostile.exemple.fr/ordinaire</link><pubDate>Sat, 21 Nov 2026 10:00:00 +0100</pubDate></item>",
    "</channel></rss>",
  ];
  return parts.join("\n");
}

beforeAll(async () => {
  server = await startServer();
  const hostile = adversarialFeed();
  expect(hostile.length).toBeGreaterThan(9_000_000);
  server.route("/hostile", serve(hostile));
  server.route("/three", serve(fixture("rss2-three-items.xml")));
  server.route("/atom", serve(fixture("atom-one-invalid-date.xml"), { "content-type": "application/atom+xml" }));
  server.route(
    "/atom-quoting-rss",
    serve(
      `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom qui cite du RSS</title><link href="https://cite.exemple.fr/"/>
  <entry><id>urn:cite:1</id><title>Écrire un flux RSS</title><link href="https://cite.exemple.fr/rss"/><updated>2026-11-22T10:00:00+01:00</updated>
    <content type="html"><![CDATA[<p>Un flux commence ainsi :</p><pre><rss version="2.0"><channel></pre><p>Fin de l'exemple.</p>]]></content></entry>
</feed>`,
      { "content-type": "application/atom+xml" },
    ),
  );
}, 60_000);
afterAll(() => server.close());
afterEach(() => {
  for (const s of sites.splice(0)) s.cleanup();
});

function site(...args: Parameters<typeof createSite>): Site {
  const s = createSite(...args);
  sites.push(s);
  return s;
}

it("stops a 9 MB adversarial feed at its parse budget, names it, and fetches the other sources", async () => {
  const s = site([source("avant", server.url("/three")), source("hostile", server.url("/hostile")), source("apres", server.url("/atom"))]);
  const started = Date.now();
  const report = await s.run({ parseBudgetMs: 200, deadlineMs: 30_000, totalTimeoutMs: 10_000 });
  const elapsed = Date.now() - started;
  expect(elapsed).toBeLessThan(30_000);
  expect(report.sources.map((r) => r.status)).toEqual(["ok", "failing", "ok"]);
  expect(report.sources[1]!.error).toBe(`analyse du flux ${server.url("/hostile")} trop longue : arrêtée après 0,2 s`);
  expect(report.sources[0]!.added).toHaveLength(3);
}, 60_000);

it("reads the same 9 MB adversarial feed within the default budget, the absurd date replaced by the fetch time", async () => {
  const s = site([source("hostile", server.url("/hostile"), { reuse: "full" }), source("apres", server.url("/three"))]);
  const started = Date.now();
  const report = await s.run({ deadlineMs: 60_000, totalTimeoutMs: 10_000 });
  const elapsed = Date.now() - started;
  console.log(`9 MB adversarial feed: run of ${elapsed} ms`);
  expect(elapsed).toBeLessThan(60_000);
  const hostile = report.sources[0]!;
  expect(hostile.status).toBe("ok");
  expect(hostile.added.some((p) => p.endsWith("-laicite-un-article-ordinaire.md"))).toBe(true);
  expect(hostile.flaggedDates).toContainEqual(expect.objectContaining({ title: "Date immense", flag: "invalid" }));
  expect(hostile.added.some((p) => p.endsWith("-imbrication-html.md"))).toBe(true);
  expect(report.sources[1]!.status).toBe("ok");
}, 90_000);

it('reads an Atom feed quoting <rss version="2.0"> in CDATA as Atom, with its content', async () => {
  const s = site([source("cite", server.url("/atom-quoting-rss"), { reuse: "full" })]);
  const report = await s.run();
  expect(report.sources[0]).toMatchObject({ status: "ok", format: "atom" });
  expect(report.sources[0]!.added).toHaveLength(1);
  const text = readFileSync(join(s.contentDir, report.sources[0]!.added[0]!), "utf8");
  expect(text).toContain("<p>Un flux commence ainsi :</p>");
  expect(text).toContain("<p>Fin de l'exemple.</p>");
});
