import { describe, expect, it } from "vitest";
import { sourceSchema, type Source } from "../../src/core/sources.ts";
import { registryOpml } from "../../src/site/feeds/opml.ts";
import { children, parseXml } from "../support/xml.ts";

const source = (id: string, changes: Partial<Source> = {}): Source =>
  sourceSchema.parse({
    id,
    name: `Source ${id}`,
    feed: `https://example.org/${id}.xml`,
    section: "actualites",
    territory: "national",
    ...changes,
  });

const outlines = (opml: string) => children(parseXml(opml).documentElement!, "outline");
const feedsOf = (opml: string) => outlines(opml).flatMap((o) => (o.getAttribute("type") === "rss" ? [o.getAttribute("xmlUrl")] : []));

describe("the sources OPML", () => {
  const head = { title: "Sources", ownerName: "Groupe" };

  it("exports the sources the collecte follows, and not a disabled one", () => {
    const opml = registryOpml([source("suivie"), source("suspendue", { enabled: false }), source("revue", { section: "recherche" })], head);
    expect(feedsOf(opml)).toEqual(["https://example.org/suivie.xml", "https://example.org/revue.xml"]);
  });

  it("keeps a folder for every section, so a registry of disabled sources is still valid OPML", () => {
    const opml = registryOpml([source("suspendue", { enabled: false })], head);
    expect(feedsOf(opml)).toEqual([]);
    expect(outlines(opml).map((o) => o.getAttribute("text"))).toEqual(["Actualité", "Recherche", "Partenaire"]);
  });
});
