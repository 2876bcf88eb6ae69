import { describe, expect, it } from "vitest";
import { FeedError, parseFeed } from "../../src/ingest/parse/index.ts";
import { fixture } from "./support.ts";

const parse = (name: string, contentType = "application/xml") =>
  parseFeed(fixture(name).toString("utf8"), contentType, "https://exemple.fr/flux");

describe("parser", () => {
  it("reads RSS 2.0 with content:encoded and dc:date", async () => {
    const feed = await parse("rss2-three-items.xml");
    expect(feed.format).toBe("rss");
    expect(feed.items).toHaveLength(3);
    expect(feed.items[0]!.content).toContain("<p>Le guide rappelle les principes.</p>");
    expect(feed.items[0]!.summary).toContain("<b>rappelle</b>");
    expect(feed.items[1]!.date).toBe("2026-11-20T14:00:00+01:00");
  });

  it("reads RSS 1.0 (RDF)", async () => {
    const feed = await parse("rss1-rdf.xml");
    expect(feed.format).toBe("rdf");
    expect(feed.items[0]).toMatchObject({
      title: "Le fait religieux dans les services publics",
      link: "https://revue.exemple.org/123",
      date: "2026-11-18T10:00:00+01:00",
    });
  });

  it("keeps an Atom feed whose one entry has an invalid date", async () => {
    const feed = await parse("atom-one-invalid-date.xml");
    expect(feed.format).toBe("atom");
    expect(feed.items.map((i) => i.date)).toEqual(["2026-11-22T08:00:00+01:00", "hier soir, vers 20 heures"]);
    expect(feed.items[0]!.content).toContain("<strong>riche</strong>");
  });

  it("reads <rss> without a version as RSS 2.0", async () => {
    const feed = await parse("rss-without-version.xml");
    expect(feed.items[0]!.title).toBe("Article d'un flux sans numéro de version");
  });

  it("survives bare ampersands and HTML-only entities", async () => {
    const feed = await parse("rss-bare-ampersands.xml");
    expect(feed.title).toBe("Questions & réponses");
    expect(feed.items[0]!.title).toBe("Prévention & sécurité : législation et fait religieux");
    expect(feed.items[0]!.link).toBe("https://esperluette.exemple.fr/a?x=1&y=2");
    expect(feed.items[0]!.summary).toBe("Droits & devoirs\u00a0: le point.");
  });

  it("reads JSON Feed 1.1, escaping content_text so later stages can treat it as HTML", async () => {
    const feed = await parse("json-feed-1-1.json", "application/feed+json");
    expect(feed.format).toBe("json");
    expect(feed.items[0]).toMatchObject({ guid: "json-1", link: "https://json.exemple.org/1", categories: ["emprise"] });
    expect(feed.items[1]).toMatchObject({
      guid: "2",
      link: "https://json.exemple.org/2",
      content: "Texte brut avec &lt;balise&gt; littérale.",
      date: "2026-11-20T12:00:00Z",
    });
  });

  it("names an HTML page and the feeds it advertises", async () => {
    const error = await parse("html-page-with-feed-links.html", "text/html").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedError);
    expect((error as FeedError).code).toBe("html");
    expect((error as FeedError).message).toContain("https://exemple.fr/feed/actualites.xml, https://autre.exemple.fr/atom");
  });

  it("reports invalid XML with its line", async () => {
    const error = await parse("invalid-xml.xml").catch((e: unknown) => e);
    expect((error as FeedError).code).toBe("invalid-xml");
    expect((error as FeedError).message).toMatch(/^XML invalide \(ligne \d+/);
  });

  it("reports an empty document", async () => {
    await expect(parseFeed("  \n", "application/xml", "https://exemple.fr/")).rejects.toMatchObject({ code: "empty" });
  });

  it("reports XML that is not a feed", async () => {
    await expect(parseFeed("<html-fragment><p/></html-fragment>", "application/xml", "https://exemple.fr/")).rejects.toMatchObject({
      code: "not-a-feed",
    });
  });
});
