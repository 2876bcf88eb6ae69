import { expect, it } from "vitest";
import { INLINE_LIMIT, parseFeedBounded } from "../../src/ingest/parse/bounded.ts";

/** Well-formed and large enough for a worker: deeply nested elements, the slowest shape per byte. */
const large = `<rss version="2.0"><channel>${"<b>".repeat(INLINE_LIMIT / 3)}${"</b>".repeat(INLINE_LIMIT / 3)}<item><link>https://exemple.fr/a</link></item></channel></rss>`;

it("parses a large document in a worker and returns its items", async () => {
  const feed = await parseFeedBounded(large, "application/xml", "https://exemple.fr/gros", { budgetMs: 60_000 });
  expect(feed.items).toEqual([{ categories: [], link: "https://exemple.fr/a" }]);
}, 90_000);

it("gives up a parse when the run's deadline fires, naming the feed", async () => {
  const deadline = new AbortController();
  const parsing = parseFeedBounded(large, "application/xml", "https://exemple.fr/gros", { budgetMs: 60_000, signal: deadline.signal });
  setTimeout(() => deadline.abort(), 50);
  await expect(parsing).rejects.toMatchObject({
    code: "too-long",
    message: expect.stringMatching(
      /^analyse du flux https:\/\/exemple\.fr\/gros (interrompue|abandonnée) : la relève a atteint son délai$/,
    ),
  });
}, 90_000);

it("reports a feed error found in a worker as the same feed error", async () => {
  const broken = `<rss version="2.0"><channel>${" ".repeat(INLINE_LIMIT)}<item></channel></rss>`;
  await expect(parseFeedBounded(broken, "application/xml", "https://exemple.fr/casse", { budgetMs: 60_000 })).rejects.toMatchObject({
    code: "invalid-xml",
  });
}, 90_000);
