import { describe, expect, it } from "vitest";
import { canonicalUrl, cleanUrl, normaliseDate, normaliseItem, type Item } from "../../src/ingest/normalise.ts";
import { NOW } from "./support.ts";

const context = { feedUrl: "https://exemple.fr/flux.xml", feed: { link: "https://exemple.fr/" }, fetchedAt: NOW };
const normalise = (raw: Parameters<typeof normaliseItem>[0]) => normaliseItem(raw, context) as Item;

describe("normaliser", () => {
  it("makes the title plain text: tags stripped, entities decoded once, whitespace collapsed", () => {
    expect(normalise({ title: "  L&#8217;état &amp;amp; <b>la</b>\n\n loi ", link: "/a", categories: [] }).title).toBe(
      "L\u2019état &amp; la loi",
    );
  });

  it("does not turn escaped markup back into markup, as rss-parser's contentSnippet does", () => {
    const item = normalise({ title: "t", link: "/a", summary: "&lt;img src=x onerror=alert(1)&gt; texte", categories: [] });
    expect(item.summary).not.toMatch(/<img/);
    expect(item.summary).toContain("texte");
  });

  it("drops script and style content from plain text", () => {
    expect(normalise({ title: "sûr<script>alert(1)</script> texte<style>p{}</style>", link: "/a", categories: [] }).title).toBe(
      "sûr texte",
    );
  });

  it("cuts the summary at a word boundary under 400 characters", () => {
    const summary = normalise({ title: "t", link: "/a", summary: "mot ".repeat(200), categories: [] }).summary;
    expect(summary.length).toBeLessThanOrEqual(400);
    expect(summary).toMatch(/ mot…$/);
  });

  it("takes a title from the summary when the feed gives none", () => {
    expect(normalise({ link: "/a", summary: "Un résumé qui sert de titre.", categories: [] }).title).toBe("Un résumé qui sert de titre.");
  });

  it("makes links absolute against the feed's home page", () => {
    expect(normalise({ title: "t", link: "articles/1", categories: [] }).url).toBe("https://exemple.fr/articles/1");
  });

  it("uses a permalink GUID when the item has no link", () => {
    expect(normalise({ title: "t", guid: "https://exemple.fr/p/1", categories: [] }).url).toBe("https://exemple.fr/p/1");
  });

  it("rejects an item with no usable link", () => {
    expect(normaliseItem({ title: "t", link: "javascript:alert(1)", categories: [] }, context)).toEqual({
      rejected: "no-link",
      title: "t",
    });
  });

  it("removes tracking parameters and tracking fragments", () => {
    expect(cleanUrl("https://exemple.fr/a?utm_source=rss&id=3&xtor=RSS-1&fbclid=x&gclid=y#xtor=RSS-2", "https://exemple.fr/")).toBe(
      "https://exemple.fr/a?id=3",
    );
  });

  it("gives one canonical form to the usual disguises of a URL", () => {
    expect(canonicalUrl("http://www.Exemple.fr/a/?b=2&a=1#haut")).toBe(canonicalUrl("https://exemple.fr/a?a=1&b=2"));
  });

  it("dates in Europe/Paris, ISO 8601 with offset", () => {
    expect(normaliseDate("Thu, 19 Nov 2026 08:00:00 GMT", NOW)).toEqual({ date: "2026-11-19T09:00:00+01:00" });
    expect(normaliseDate("2026-07-14T08:00:00Z", NOW)).toEqual({ date: "2026-07-14T10:00:00+02:00" });
  });

  it("reads a date without an offset as Paris time", () => {
    expect(normaliseDate("2026-11-20 08:00:00", NOW)).toEqual({ date: "2026-11-20T08:00:00+01:00" });
  });

  it("falls back to the fetch time and flags missing, unreadable and future dates", () => {
    const fetched = "2026-11-23T10:00:00+01:00";
    expect(normaliseDate(undefined, NOW)).toEqual({ date: fetched, dateFlag: "missing" });
    expect(normaliseDate("le 32 brumaire", NOW)).toEqual({ date: fetched, dateFlag: "invalid", rawDate: "le 32 brumaire" });
    expect(normaliseDate("2035-01-01T00:00:00Z", NOW)).toMatchObject({ date: fetched, dateFlag: "future" });
  });

  it("reads no date longer than 100 characters, at once: a 500 kB pubDate is invalid, not a stall", () => {
    const started = Date.now();
    expect(normaliseDate(`Mon, 23 Nov 2026${" ".repeat(500_000)}x`, NOW)).toMatchObject({ dateFlag: "invalid" });
    expect(Date.now() - started).toBeLessThan(500);
  });

  it("gives a canonical form to a URL of 50 000 slashes at once", () => {
    const started = Date.now();
    expect(canonicalUrl(`https://exemple.fr${"/".repeat(50_000)}a`)).toMatch(/\/a$/);
    expect(Date.now() - started).toBeLessThan(500);
  });
});
