import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CONTENT_TYPES } from "../../src/site/content/content-types.ts";
import { FACETS } from "../../src/site/search/facets.ts";
import type { SiteBuild } from "../support/site-build.ts";
import { searchSite } from "./search-site.ts";

const FACET_IDS: readonly string[] = FACETS.map((f) => f.id);
/** Parameters of the search page that are not facets: the words and the sort. */
const OTHER_PARAMETERS = ["q", "tri"];

describe("the facet declarations", () => {
  it("feed every declared facet from at least one content type (the year from their dates)", () => {
    const fed = new Set(CONTENT_TYPES.flatMap((t) => [...Object.keys(t.search.facets), ...("date" in t.search ? ["annee"] : [])]));
    expect(FACET_IDS.filter((id) => !fed.has(id))).toEqual([]);
  });

  it("leave the search page's script without a list of its own", () => {
    const script = readFileSync(join(import.meta.dirname, "../../src/assets/js/search.js"), "utf8");
    for (const { label } of FACETS) expect(script).not.toContain(`"${label}"`);
  });
});

let site: SiteBuild;
const htmlFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".html") && !e.parentPath.includes("pagefind"))
    .map((e) => join(e.parentPath, e.name));

beforeAll(async () => {
  site = await searchSite();
});

describe("the built site", () => {
  it("renders the declared facets into the search page, in order", () => {
    const page = readFileSync(join(site.output, "recherche/index.html"), "utf8");
    const json = /<script type="application\/json" id="facettes-recherche">([^<]*)<\/script>/.exec(page)?.[1];
    expect(JSON.parse(json ?? "null")).toEqual(FACETS);
  });

  it("indexes only declared facets, and links into the search only with them and with values the index holds", () => {
    const indexed = new Map<string, Set<string>>();
    const links: string[] = [];
    for (const file of htmlFiles(site.output)) {
      const html = readFileSync(file, "utf8");
      for (const [, name, value] of html.matchAll(/data-pagefind-filter="([^"[]+)\[data-value\]" data-value="([^"]*)"/g)) {
        if (!indexed.has(name!)) indexed.set(name!, new Set());
        indexed.get(name!)!.add(
          value!
            .replace(/&amp;/g, "&")
            .replace(/&#39;/g, "'")
            .replace(/&quot;/g, '"'),
        );
      }
      for (const [, query] of html.matchAll(/href="\/recherche\/\?([^"]+)"/g)) links.push(query!.replace(/&amp;/g, "&"));
    }
    expect([...indexed.keys()].filter((name) => !FACET_IDS.includes(name))).toEqual([]);
    expect(indexed.get("public")?.size).toBeGreaterThan(0);
    expect(links.length).toBeGreaterThan(0);
    for (const query of links) {
      for (const [name, value] of new URLSearchParams(query)) {
        if (OTHER_PARAMETERS.includes(name)) continue;
        expect(FACET_IDS, query).toContain(name);
        expect(indexed.get(name)?.has(value), `${name}=${value}`).toBe(true);
      }
    }
  });
});
