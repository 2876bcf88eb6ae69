/**
 * One adapter per format, each read from a small document written for what it shows; the format
 * always comes from the root element.
 */
import { describe, expect, it } from "vitest";
import { advertisedFeeds } from "../../src/ingest/parse/discover.ts";
import { parseFeed } from "../../src/ingest/parse/index.ts";

const parse = (text: string, contentType = "application/xml") => parseFeed(text, contentType, "https://exemple.fr/flux");

describe("format detection", () => {
  it('reads an Atom feed as Atom although an entry quotes <rss version="2.0"> in CDATA', async () => {
    const feed = await parse(`<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Citer du RSS</title>
  <entry><id>urn:1</id><title>Exemple de flux</title><link href="https://atom.exemple.fr/1"/>
    <content type="html"><![CDATA[<p>Un flux commence par</p><pre><rss version="2.0"><channel></pre>]]></content>
  </entry>
</feed>`);
    expect(feed.format).toBe("atom");
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]).toMatchObject({ guid: "urn:1", link: "https://atom.exemple.fr/1" });
    expect(feed.items[0]!.content).toContain('<pre><rss version="2.0"><channel></pre>');
  });

  it("reads a feed whose root follows an HTML doctype as that feed", async () => {
    const feed = await parse('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "x"><rss><channel><title>trouvé</title></channel></rss>');
    expect(feed).toMatchObject({ format: "rss", title: "trouvé" });
  });

  it("reports XML whose root is no feed, naming the root", async () => {
    await expect(parse("<opml><body/></opml>")).rejects.toMatchObject({ code: "not-a-feed", message: expect.stringContaining("<opml>") });
  });
});

describe("RSS 0.9x and 2.0 adapter", () => {
  it("reads RSS 0.91 items, and items left beside the channel", async () => {
    const feed = await parse(`<rss version="0.91"><channel><title>Ancien</title><link>https://ancien.exemple.fr/</link>
  <item><title>Dans le canal</title><link>https://ancien.exemple.fr/1</link><description>Un.</description></item></channel>
  <item><title>À côté du canal</title><link>https://ancien.exemple.fr/2</link></item></rss>`);
    expect(feed).toMatchObject({ format: "rss", title: "Ancien", link: "https://ancien.exemple.fr/" });
    expect(feed.items.map((i) => i.title)).toEqual(["Dans le canal", "À côté du canal"]);
    expect(feed.items[0]!.summary).toBe("Un.");
  });

  it("keeps HTML left unescaped in a description as markup", async () => {
    const feed = await parse(
      '<rss version="2.0"><channel><item><link>https://exemple.fr/a</link><description>Un <b>mot</b> fort<br/>et la suite</description></item></channel></rss>',
    );
    expect(feed.items[0]!.summary).toBe("Un <b>mot</b> fort<br/>et la suite");
  });

  it("reads Dublin Core dates and subjects, even with the dc prefix left undeclared", async () => {
    const feed = await parse(
      '<rss version="2.0"><channel><item><link>https://exemple.fr/a</link><dc:date>2026-11-20T10:00:00+01:00</dc:date><dc:subject>laïcité</dc:subject><category>école</category></item></channel></rss>',
    );
    expect(feed.items[0]).toMatchObject({ date: "2026-11-20T10:00:00+01:00", categories: ["laïcité", "école"] });
  });
});

describe("RSS 1.0 (RDF) adapter", () => {
  it("reads RSS 0.90, whose items are siblings of the channel under rdf:RDF", async () => {
    const feed =
      await parse(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">
  <channel><title>Très ancien</title><link>https://rdf.exemple.fr/</link></channel>
  <item rdf:about="https://rdf.exemple.fr/1"><title>Premier</title><link>https://rdf.exemple.fr/1</link></item>
</rdf:RDF>`);
    expect(feed).toMatchObject({ format: "rdf", title: "Très ancien", items: [{ guid: "https://rdf.exemple.fr/1", title: "Premier" }] });
  });
});

describe("Atom adapter", () => {
  it("reads Atom 0.3: issued date, base64 content, XHTML summary as markup", async () => {
    const body = Buffer.from("<p>Texte <em>encodé</em></p>").toString("base64");
    const feed = await parse(`<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Atom 0.3</title>
  <entry><id>tag:1</id><link rel="alternate" type="text/html" href="https://ancien.exemple.fr/1"/>
    <issued>2026-11-20T10:00:00+01:00</issued><modified>2026-11-21T10:00:00+01:00</modified>
    <summary type="application/xhtml+xml" mode="xml"><div xmlns="http://www.w3.org/1999/xhtml">Un <b>résumé</b></div></summary>
    <content type="text/html" mode="base64">${body}</content></entry></feed>`);
    expect(feed.format).toBe("atom");
    expect(feed.items[0]).toMatchObject({
      guid: "tag:1",
      link: "https://ancien.exemple.fr/1",
      date: "2026-11-20T10:00:00+01:00",
      content: "<p>Texte <em>encodé</em></p>",
    });
    expect(feed.items[0]!.summary).toBe("<div>Un <b>résumé</b></div>");
  });

  it("reads prefixed Atom 1.0, the alternate link among others, and category terms", async () => {
    const feed = await parse(`<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"><atom:title>Préfixé</atom:title>
  <atom:entry><atom:id>urn:2</atom:id><atom:link rel="enclosure" href="https://exemple.fr/son.mp3"/><atom:link href="https://exemple.fr/2"/>
    <atom:category term="radicalisation"/><atom:updated>2026-11-20T10:00:00Z</atom:updated></atom:entry></atom:feed>`);
    expect(feed).toMatchObject({ format: "atom", title: "Préfixé" });
    expect(feed.items[0]).toMatchObject({
      guid: "urn:2",
      link: "https://exemple.fr/2",
      categories: ["radicalisation"],
      date: "2026-11-20T10:00:00Z",
    });
  });
});

describe("JSON Feed adapter", () => {
  it("drops the control characters XML 1.0 forbids from JSON strings", async () => {
    const feed = await parse(
      JSON.stringify({
        version: "https://jsonfeed.org/version/1.1",
        title: "J\u0001SON",
        items: [{ id: "1", url: "https://exemple.fr/1", title: "Titre\u001b[31m rouge\uffff" }],
      }),
      "application/feed+json",
    );
    expect(feed.title).toBe("JSON");
    expect(feed.items[0]!.title).toBe("Titre[31m rouge");
  });
});

describe("characters XML 1.0 forbids", () => {
  it("drops numeric references to them like the raw characters, and keeps the feed", async () => {
    const feed = await parse(
      '<rss version="2.0"><channel><title>Échap&#x1B;pé&#1;</title><item><link>https://exemple.fr/a</link><title>Un\u0001 titre&#xFFFF; &#27;propre\u001b</title></item></channel></rss>',
    );
    expect(feed.title).toBe("Échappé");
    expect(feed.items[0]!.title).toBe("Un titre propre");
  });
});

describe("XML structure", () => {
  it("drops a close tag that matches nothing open", async () => {
    const feed = await parse('<rss version="2.0"><channel></b><item><link>https://exemple.fr/a</link></span></item></channel></rss>');
    expect(feed.items).toHaveLength(1);
  });

  it("reports an element closed by an ancestor's end tag, where it was opened", async () => {
    await expect(parse('<rss version="2.0"><channel>\n  <item><title>ouvert</channel></rss>')).rejects.toMatchObject({
      code: "invalid-xml",
      message: "XML invalide (ligne 2, colonne 9) : élément <title> jamais fermé",
    });
  });
});

describe("feed discovery", () => {
  it("reads only real <link> elements: not in a script or a comment, rel as a list of words", () => {
    const html = `<!doctype html><html><head>
<script>document.write('<link rel="alternate" type="application/rss+xml" href="/script.xml">')</script>
<!-- <link rel="alternate" type="application/rss+xml" href="/commentaire.xml"> -->
<LINK REL="home alternate" TYPE="application/atom+xml; charset=utf-8" HREF="/atom.xml?a=1&amp;b=2">
<link rel="alternate" hreflang="en" href="/en/">
<link rel=alternate type=application/feed+json href=/feed.json />
</head></html>`;
    expect(advertisedFeeds(html, "https://exemple.fr/page")).toEqual([
      "https://exemple.fr/atom.xml?a=1&b=2",
      "https://exemple.fr/feed.json",
    ]);
  });

  it("refuses a web page with the feeds it advertises, as data and in words", async () => {
    const html = '<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/flux.xml"></head></html>';
    await expect(parseFeed(html, "text/html", "https://exemple.fr/page")).rejects.toMatchObject({
      code: "html",
      advertised: ["https://exemple.fr/flux.xml"],
      message: expect.stringContaining("flux annoncés par la page : https://exemple.fr/flux.xml"),
    });
  });
});

describe("HTML in fields", () => {
  it("flattens markup nested deeper than 256 levels, keeping its text, so later stages stay linear", async () => {
    const deep = `${"<b>".repeat(300)}fond${"</b>".repeat(300)} et suite`;
    const feed = await parse(
      `<rss version="2.0"><channel><item><link>https://exemple.fr/a</link><description><![CDATA[${deep}]]></description></item></channel></rss>`,
    );
    const summary = feed.items[0]!.summary!;
    expect(summary.match(/<b>/g)).toHaveLength(256);
    expect(summary.match(/<\/b>/g)).toHaveLength(256);
    expect(summary).toContain("fond");
    expect(summary.endsWith(" et suite")).toBe(true);
  });
});
