import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { createRandom } from "../../src/bench/random.ts";
import { sourceSchema } from "../../src/core/sources.ts";
import type { WatchItem } from "../../src/core/watch-item.ts";
import { dedupeKeys } from "../../src/ingest/dedupe.ts";
import { Ledger } from "../../src/ingest/ledger.ts";
import { canonicalUrl, type Item } from "../../src/ingest/normalise.ts";
import { frontMatterText, storeAll, storeCandidate, type StoreContext } from "../../src/ingest/store.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function context(ledger = new Ledger()): StoreContext {
  const dir = mkdtempSync(join(tmpdir(), "store-"));
  dirs.push(dir);
  return { dir, ledger, fetched: "2026-11-23T10:00:00+01:00", dryRun: false };
}

const source = (id = "essai", extra: Record<string, unknown> = {}) =>
  sourceSchema.parse({
    id,
    name: `Source ${id}`,
    feed: `https://${id}.exemple.fr/flux.xml`,
    section: "actualites",
    territory: "national",
    keep: "all",
    ...extra,
  });

let serial = 0;
function item(title: string, day = "2026-11-21", extra: Partial<Item> = {}): Item {
  serial++;
  const url = `https://exemple.fr/articles/${serial}`;
  return {
    guid: `guid-${serial}`,
    url,
    canonicalUrl: canonicalUrl(url),
    title,
    summary: "",
    date: `${day}T09:30:00+01:00`,
    categories: [],
    ...extra,
  };
}

/** The item's address on the site: `/veille/<YYYY>/<file stem>/` (docs/architecture.md, site map). */
const urlOf = (path: string) => `/veille/${path.replace(/\.md$/, "")}/`;

function written(path: string | undefined): string {
  expect(path).toBeDefined();
  return path!;
}

describe("file names of stored items", () => {
  it("gives a weekly title repeated on two days two names, hence two addresses", () => {
    const ctx = context();
    const a = storeCandidate({ item: item("Agenda de la semaine", "2026-11-14"), themes: [] }, source(), ctx);
    const b = storeCandidate({ item: item("Agenda de la semaine", "2026-11-21"), themes: [] }, source(), ctx);
    expect([a, b].map((r) => r.kind)).toEqual(["written", "written"]);
    const paths = [a, b].map((r) => written("path" in r ? r.path : undefined));
    expect(paths).toEqual(["2026/2026-11-14-agenda-de-la-semaine.md", "2026/2026-11-21-agenda-de-la-semaine.md"]);
    expect(new Set(paths.map(urlOf)).size).toBe(2);
  });

  it("gives two long titles equal on their first 60 characters, the same day, two short names", () => {
    const ctx = context();
    const common = "Revue de presse : laïcité, discriminations et prévention dans les quartiers";
    const results = [`${common} (première partie)`, `${common} (seconde partie)`].map((title) =>
      storeCandidate({ item: item(title), themes: [] }, source(), ctx),
    );
    const paths = results.map((r) => written(r.kind === "written" ? r.path : undefined));
    expect(new Set(paths).size).toBe(2);
    for (const path of paths) expect(path.split("/")[1]!.length).toBeLessThanOrEqual(11 + 60 + 8 + 3);
  });

  it("never takes a name a file already has on disk, though the ledger does not know it", () => {
    const ctx = context();
    const mine = join(ctx.dir, "2026/2026-11-21-communique.md");
    mkdirSync(dirname(mine), { recursive: true });
    writeFileSync(mine, "écrit à la main");
    const result = storeCandidate({ item: item("Communiqué"), themes: [] }, source(), ctx);
    expect(result).toMatchObject({ kind: "written", path: expect.stringMatching(/^2026\/2026-11-21-communique-[0-9a-f]{6}\.md$/) });
    expect(readFileSync(mine, "utf8")).toBe("écrit à la main");
  });

  it("never reuses a name the ledger holds, though a maintainer deleted its file", () => {
    const ledger = new Ledger([{ path: "2026/2026-11-21-communique.md", source: "autre", keys: ["g:0000000000000000"] }]);
    const result = storeCandidate({ item: item("Communiqué"), themes: [] }, source(), context(ledger));
    expect(result).toMatchObject({ kind: "written", path: expect.stringMatching(/^2026\/2026-11-21-communique-[0-9a-f]{6}\.md$/) });
  });

  it("still finds a free name when the plain and hashed names are all taken", () => {
    const ctx = context();
    const edito = item("Édito");
    const hash = dedupeKeys(edito, "essai")[0]!.slice(2);
    for (const name of ["edito", `edito-${hash.slice(0, 6)}`, `edito-${hash.slice(0, 14)}`]) {
      const file = join(ctx.dir, `2026/2026-11-21-${name}.md`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, "un autre article");
    }
    expect(storeCandidate({ item: edito, themes: [] }, source(), ctx)).toEqual({
      kind: "written",
      path: `2026/2026-11-21-edito-${hash.slice(0, 6)}-2.md`,
    });
  });
});

describe("caps", () => {
  it("writes a source's newest new items up to its cap and counts the rest for the next run", () => {
    const ctx = context();
    const candidates = Array.from({ length: 8 }, (_, i) => ({
      item: item(`Article ${i}`, `2026-11-${String(10 + i).padStart(2, "0")}`),
      themes: [],
    }));
    const stored = storeAll(candidates, source(), ctx, 3);
    expect(stored.added).toEqual(["2026/2026-11-17-article-7.md", "2026/2026-11-16-article-6.md", "2026/2026-11-15-article-5.md"]);
    expect(stored.capped).toBe(5);
    const next = storeAll(candidates, source(), ctx, 3);
    expect(next.added).toEqual(["2026/2026-11-14-article-4.md", "2026/2026-11-13-article-3.md", "2026/2026-11-12-article-2.md"]);
    expect(next).toMatchObject({ duplicates: 3, capped: 2 });
  });

  it("keeps a huge GUID as its hash and refuses an absurd URL without copying it", () => {
    const ctx = context();
    const guid = "g".repeat(5 * 1024 * 1024);
    const hugeGuid = storeCandidate({ item: item("GUID énorme", "2026-11-21", { guid }), themes: [] }, source(), ctx);
    const path = written(hugeGuid.kind === "written" ? hugeGuid.path : undefined);
    const text = readFileSync(join(ctx.dir, path), "utf8");
    expect(text.length).toBeLessThan(2000);
    expect(text).toMatch(/guid: "sha256:[0-9a-f]{64}"/);

    const url = `https://exemple.fr/${"a".repeat(5 * 1024 * 1024)}`;
    const hugeUrl = storeCandidate(
      { item: item("Adresse énorme", "2026-11-21", { url, canonicalUrl: canonicalUrl(url) }), themes: [] },
      source(),
      ctx,
    );
    expect(hugeUrl.kind).toBe("invalid");
    const problems = hugeUrl.kind === "invalid" ? hugeUrl.problems.join(" ") : "";
    expect(problems).toContain("adresse de l'article trop longue");
    expect(problems.length).toBeLessThan(200);
  });
});

describe("front matter text", () => {
  const yaml = (fm: WatchItem) => stringify(fm, { defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN", lineWidth: 0 });
  const base: WatchItem = {
    title: "Laïcité : « un principe »",
    date: "2026-11-21T09:30:00+01:00",
    source: "essai",
    url: "https://exemple.fr/a",
    guid: "g-1",
    section: "actualites",
    territory: "national",
    themes: ["laicite"],
    summary: "",
    fetched: "2026-11-23T10:00:00+01:00",
    score: 1.5,
    reasons: ["« laïcité »"],
  };
  // Characters yaml escapes, quotes, folds or reads as syntax, and ordinary French text.
  const pool = [
    "a",
    "é",
    "«",
    "»",
    "’",
    " ",
    "  ",
    "\n",
    "\r",
    "\t",
    "\u0000",
    "\u0007",
    "\u001b",
    "\u007f",
    "\u0085",
    "\u00a0",
    "\u2028",
    "\u2029",
    "\ud83d\ude00",
    "\ud800",
    "\udc00",
    "---",
    "...",
    "%",
    "#",
    ": ",
    "- ",
    '"',
    "\\",
    "'",
    "{{",
    "}}",
    "{%",
    "*",
    "&",
    "!",
    "|",
    ">",
    "@",
    "`",
    "yes",
    "null",
    "~",
    "1e3",
  ];

  it("is what yaml writes, whatever the strings and numbers hold", () => {
    const random = createRandom(7);
    const text = () => Array.from({ length: random.int(0, 12) }, () => random.pick(pool)).join("");
    const cases: WatchItem[] = [base, { ...base, themes: [], reasons: [] }, { ...base, note: "Note\ndu groupe", selected: true }];
    for (const score of [0, 0.5, 1, 2.25, 0.1 + 0.2, -0, 1e21, Number.NaN, Number.POSITIVE_INFINITY]) cases.push({ ...base, score });
    for (let i = 0; i < 2000; i++)
      cases.push({ ...base, title: text(), summary: text(), guid: text(), reasons: [text(), text()], themes: [text()] });
    for (const fm of cases) expect(frontMatterText(fm)).toBe(yaml(fm));
  });
});
