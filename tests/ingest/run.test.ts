import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import matter from "gray-matter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { DATA_FILES } from "../../src/core/paths.ts";
import { watchItemSchema } from "../../src/core/watch-item.ts";
import { FETCH_EXIT, main } from "../../src/ingest/cli.ts";
import { formatReport } from "../../src/ingest/report.ts";
import { fixture, serve, siteMaker, source, startServer, type FeedServer, type Site } from "./support.ts";

let server: FeedServer;
const site = siteMaker();

beforeAll(async () => {
  server = await startServer();
  server.route("/three", serve(fixture("rss2-three-items.xml"), { etag: '"three-v1"' }));
  server.route("/three-no-validators", serve(fixture("rss2-three-items.xml")));
  server.route("/payloads", serve(fixture("payloads-in-every-field.xml")));
  server.route("/dup-a", serve(fixture("duplicate-guids.xml")));
  server.route("/dup-b", serve(fixture("duplicate-guids-other-source.xml")));
  server.route("/dates", serve(fixture("dates-missing-future-invalid.xml")));
  server.route("/news", serve(fixture("keywords-general-news.xml")));
  server.route("/html", serve(fixture("html-page-with-feed-links.html"), { "content-type": "text/html; charset=utf-8" }));
  server.route("/invalid", serve(fixture("invalid-xml.xml")));
  server.route("/cp1252", serve(fixture("windows-1252-by-header.xml"), { "content-type": "text/xml; charset=windows-1252" }));
  server.route("/latin1", serve(fixture("iso-8859-1-by-prolog.xml"), { "content-type": "application/xml" }));
  server.route("/utf16", serve(fixture("utf-16le-with-bom.xml"), { "content-type": "application/xml" }));
  server.route("/atom", serve(fixture("atom-one-invalid-date.xml"), { "content-type": "application/atom+xml" }));
  server.route("/json", serve(fixture("json-feed-1-1.json"), { "content-type": "application/feed+json" }));
  server.route("/rdf", serve(fixture("rss1-rdf.xml")));
  server.route("/no-version", serve(fixture("rss-without-version.xml")));
  server.route("/ampersands", serve(fixture("rss-bare-ampersands.xml")));
  server.route("/missing", serve("introuvable", { "content-type": "text/plain" }, 404));
  server.route("/gone", serve("", {}, 410));
  server.route("/broken", serve("", {}, 500));
  server.route("/busy", serve("", { "retry-after": "7200" }, 429));
  server.route("/silent", () => undefined);
  server.route("/moved", (_req, res) => res.writeHead(301, { location: "/three" }).end());
});
afterAll(() => server.close());

const requestsTo = (path: string) => server.requests.filter((r) => r.path === path).length;
const read = (s: Site, path: string) => readFileSync(join(s.contentDir, path), "utf8");

describe("an ingest run", () => {
  it("writes one Markdown file per item under <YYYY>/<YYYY-MM-DD>-<slug>.md, front matter first", async () => {
    const s = site([source("essai", server.url("/three"), { themes: ["laicite"] })]);
    const report = await s.run();
    expect(report.sources[0]!.added).toEqual([
      "2026/2026-11-21-laicite-a-l-ecole-un-guide-pour-les-equipes.md",
      "2026/2026-11-20-prevenir-les-discriminations-a-l-embauche.md",
      "2026/2026-11-19-radicalisation-ce-que-disent-les-chercheurs.md",
    ]);
    const text = read(s, report.sources[0]!.added[0]!);
    expect(text.startsWith("---\n")).toBe(true);
    const data = watchItemSchema.parse(parseYaml(text.slice(4, text.indexOf("\n---\n", 3))));
    expect(Object.keys(parseYaml(text.slice(4, text.indexOf("\n---\n", 3))))).toEqual([
      "title",
      "date",
      "source",
      "url",
      "guid",
      "section",
      "territory",
      "themes",
      "summary",
      "fetched",
      "score",
      "reasons",
    ]);
    expect(data).toMatchObject({
      title: "Laïcité à l\u2019école : un guide pour les équipes",
      date: "2026-11-21T09:30:00+01:00",
      source: "essai",
      url: "https://exemple.fr/articles/guide-laicite?id=7",
      guid: "exemple-1",
      themes: ["laicite"],
      summary: "Le guide rappelle les principes & les pratiques.",
      reasons: ["source spécialisée", "« laïcité »"],
      fetched: "2026-11-23T10:00:00+01:00",
    });
  });

  it("stores no article content for an excerpt source", async () => {
    const s = site([source("essai", server.url("/three"))]);
    const report = await s.run();
    expect(read(s, report.sources[0]!.added[0]!)).toMatch(/---\n$/);
  });

  it("stores sanitised content, links absolute, for a reuse: full source", async () => {
    const s = site([source("essai", server.url("/three"), { reuse: "full" })]);
    const report = await s.run();
    expect(matter(read(s, report.sources[0]!.added[0]!)).content).toBe(
      '<div class="veille-contenu">\n<p>Le guide rappelle les principes.</p><p><a href="https://exemple.fr/fiches/1" rel="noopener noreferrer nofollow">Fiche 1</a></p>\n</div>\n',
    );
  });

  it("changes no file at all on a second run that finds nothing new (304)", async () => {
    const s = site([source("essai", server.url("/three"))]);
    await s.run();
    const before = s.snapshot();
    const report = await s.run();
    expect(report.sources[0]).toMatchObject({ status: "ok", notModified: true });
    expect(s.snapshot()).toEqual(before);
  });

  it("changes no file at all on a second run of a feed without validators", async () => {
    const s = site([source("essai", server.url("/three-no-validators"))]);
    await s.run();
    const before = s.snapshot();
    const report = await s.run();
    expect(report.sources[0]).toMatchObject({ status: "ok", added: [], duplicates: 3 });
    expect(s.snapshot()).toEqual(before);
  });

  it("does not bring back an item a maintainer deleted", async () => {
    const s = site([source("essai", server.url("/three-no-validators"))]);
    const first = await s.run();
    rmSync(join(s.contentDir, first.sources[0]!.added[1]!));
    const second = await s.run();
    expect(second.sources[0]!.added).toEqual([]);
    expect(s.itemFiles()).toHaveLength(2);
  });

  it("never overwrites an item a maintainer edited", async () => {
    const s = site([source("essai", server.url("/three-no-validators"))]);
    const first = await s.run();
    const file = join(s.contentDir, first.sources[0]!.added[0]!);
    const edited = readFileSync(file, "utf8").replace("themes: []", 'themes: [ "laicite" ]\nnote: "Vu en réunion"');
    writeFileSync(file, edited);
    rmSync(s.stateFile);
    await s.run();
    expect(readFileSync(file, "utf8")).toBe(edited);
  });

  it("never overwrites a file of the same name it did not write", async () => {
    const s = site([source("essai", server.url("/three"))]);
    const mine = join(s.contentDir, "2026/2026-11-21-laicite-a-l-ecole-un-guide-pour-les-equipes.md");
    mkdirSync(dirname(mine), { recursive: true });
    writeFileSync(mine, "à moi");
    const report = await s.run();
    expect(readFileSync(mine, "utf8")).toBe("à moi");
    expect(report.sources[0]!.added[0]).toMatch(/^2026\/2026-11-21-laicite-a-l-ecole-un-guide-pour-les-equipes-[0-9a-f]{6}\.md$/);
  });

  it("dedupes by GUID, canonical URL and title with date, within and across sources", async () => {
    const s = site([source("a", server.url("/dup-a")), source("b", server.url("/dup-b"))]);
    const report = await s.run();
    const [a, b] = report.sources;
    expect(a).toMatchObject({ duplicates: 1 });
    expect(a!.added).toHaveLength(2);
    // B: same URL GUID as A's first item, same title and day as A's second; its own "a-2" GUID is scoped to B.
    expect(b).toMatchObject({ duplicates: 2 });
    expect(b!.added).toEqual(["2026/2026-11-21-article-propre-a-b.md"]);
  });

  it("imports only the last 90 days on a source's first fetch, and flags dates it replaced", async () => {
    const s = site([source("dates", server.url("/dates"))]);
    const report = await s.run();
    expect(report.sources[0]).toMatchObject({ tooOld: 1 });
    expect(report.sources[0]!.flaggedDates.map((f) => [f.title, f.flag])).toEqual([
      ["Sans date", "missing"],
      ["Venue du futur", "future"],
      ["Date illisible", "invalid"],
    ]);
    expect(report.sources[0]!.added.every((p) => p.startsWith("2026/2026-11-23-"))).toBe(true);
    expect(formatReport(report)).toContain(
      "date de collecte utilisée pour « Venue du futur » (date dans le futur : « Mon, 01 Jan 2035 10:00:00 +0100 »)",
    );
  });

  it("keeps only matching items of a keep: keywords source, with their themes", async () => {
    const s = site([source("journal", server.url("/news"), { keep: "keywords", exclude: ["football"] })]);
    const report = await s.run();
    expect(report.sources[0]).toMatchObject({ filtered: 3 });
    const themes = report.sources[0]!.added.map((p) => matter(read(s, p)).data.themes);
    expect(themes).toEqual([["discriminations"], ["derives-sectaires"]]);
  });

  it.each([
    ["/cp1252", "L\u2019été « à Brest » – œuvre", "Guillemets \u201ccourbes\u201d et \u20ac"],
    ["/latin1", "Déjà vu à Noël", "Ça côtoie l'été"],
    ["/utf16", "Égalité des chances – 2026", "Un texte en UTF-16 : ça marche"],
  ])("decodes %s with its accents and quotes intact", async (path, title, summary) => {
    const s = site([source("enc", server.url(path))]);
    const report = await s.run();
    expect(matter(read(s, report.sources[0]!.added[0]!)).data).toMatchObject({ title, summary });
  });

  it.each([
    ["/atom", 2],
    ["/json", 2],
    ["/rdf", 1],
    ["/no-version", 1],
    ["/ampersands", 1],
  ])("ingests %s", async (path, count) => {
    const s = site([source("format", server.url(path))]);
    expect((await s.run()).sources[0]!.added).toHaveLength(count);
  });
});

describe("untrusted payloads", () => {
  it("are inert in the Markdown: plain strings in YAML, no markup, no ---js, no template tags in the body", async () => {
    const s = site([source("attaque", server.url("/payloads"), { reuse: "full" })]);
    const report = await s.run();
    expect(report.sources[0]).toMatchObject({ noLink: 1 });
    const [path] = report.sources[0]!.added;
    const text = read(s, path!);
    expect(text.startsWith("---\n")).toBe(true);
    const parsed = matter(text);
    expect(parsed.language).toBe("yaml");
    const data = parsed.data as Record<string, string>;
    // What Eleventy reads (gray-matter) is what the pipeline meant: the same plain strings.
    expect(data).toEqual(parseYaml(text.slice(4, text.indexOf("\n---\n", 3))));
    for (const field of ["title", "summary", "guid", "url"]) expect(typeof data[field]).toBe("string");
    expect(data.title).toBe('Titre {{ site.secret }} {% include "x" %}');
    expect(data.guid).toContain("---js");
    expect(data.summary).not.toMatch(/<|javascript:/i);
    expect(data.url).toBe("https://attaque.exemple.fr/1?a=%22onmouseover=alert(3)");
    const body = parsed.content;
    expect(body).not.toMatch(
      /<script|<iframe|<object|<embed|<form|<meta|<link|<base|<style|<svg|\son\w+=|javascript:|data:|\{\{|\{%|pixel\.example/i,
    );
    expect(body).toContain("texte sûr");
    expect(body).not.toMatch(/\n\s*\n/);
  });
});

describe("failures", () => {
  it("names an HTML page and the feeds it advertises, in French", async () => {
    const s = site([source("page", server.url("/html"))]);
    const report = await s.run();
    expect(report.sources[0]).toMatchObject({ status: "failing" });
    expect(report.sources[0]!.error).toBe(
      `page HTML reçue au lieu d'un flux ; flux annoncés par la page : ${server.url("/feed/actualites.xml")}, https://autre.exemple.fr/atom`,
    );
  });

  it("reports invalid XML and keeps the other sources", async () => {
    const s = site([source("casse", server.url("/invalid")), source("essai", server.url("/three"))]);
    const report = await s.run();
    expect(report.sources.map((r) => r.status)).toEqual(["failing", "ok"]);
    expect(report.allFailed).toBe(false);
    expect(s.itemFiles()).toHaveLength(3);
  });

  it("backs off after a 404: state records the failure, the next run does not ask again too soon", async () => {
    const s = site([source("absente", server.url("/missing"))]);
    const report = await s.run();
    expect(report.allFailed).toBe(true);
    const state = JSON.parse(readFileSync(s.stateFile, "utf8")).absente;
    expect(state).toMatchObject({
      status: "failing",
      failures: 1,
      lastError: "le serveur a répondu 404 (adresse introuvable)",
      retryAfter: "2026-11-23T11:00:00+01:00",
    });
    const before = requestsTo("/missing");
    const again = await s.run();
    expect(again.sources[0]!.status).toBe("waiting");
    expect(requestsTo("/missing")).toBe(before);
  });

  it("doubles the back-off with each failure in a row, up to 48 hours", async () => {
    const s = site([source("panne", server.url("/broken"))]);
    const delays: number[] = [];
    let now = (await import("./support.ts")).NOW;
    for (let i = 0; i < 8; i++) {
      const report = await s.run({ now: () => now });
      const retry = report.sources[0]!.retryAfter!;
      const { DateTime } = await import("luxon");
      delays.push(DateTime.fromISO(retry).diff(now, "hours").hours);
      now = DateTime.fromISO(retry).setZone("Europe/Paris");
    }
    expect(delays).toEqual([1, 2, 4, 8, 16, 32, 48, 48]);
  });

  it("marks a 410 source as gone and stops asking", async () => {
    const s = site([source("partie", server.url("/gone"))]);
    await s.run();
    const before = requestsTo("/gone");
    const report = await s.run();
    expect(report.sources[0]!.status).toBe("gone");
    expect(requestsTo("/gone")).toBe(before);
    expect(formatReport(report)).toContain("flux disparu (410)");
  });

  it("respects Retry-After on 429: the source is skipped until then", async () => {
    const s = site([source("occupee", server.url("/busy"))]);
    const report = await s.run();
    expect(report.sources[0]).toMatchObject({ status: "throttled" });
    const before = requestsTo("/busy");
    expect((await s.run()).sources[0]!.status).toBe("waiting");
    expect(requestsTo("/busy")).toBe(before);
  });

  it("ends near the timeout when a server never answers", async () => {
    const s = site([source("muette", server.url("/silent")), source("essai", server.url("/three"))]);
    const started = Date.now();
    const report = await s.run({ totalTimeoutMs: 1000 });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(report.sources[0]).toMatchObject({ status: "failing", error: "pas de réponse complète en 1 s" });
    expect(report.sources[1]!.status).toBe("ok");
  });

  it("reports a permanent redirect so the registry can be updated", async () => {
    const s = site([source("demenagee", server.url("/moved"))]);
    const report = await s.run();
    expect(report.sources[0]).toMatchObject({ status: "ok", movedTo: server.url("/three") });
    expect(formatReport(report)).toContain(
      `redirection permanente vers ${server.url("/three")} : mettre à jour « feed » dans _data/sources.yaml`,
    );
    expect(JSON.parse(readFileSync(s.stateFile, "utf8")).demenagee.movedTo).toBe(server.url("/three"));
  });
});

describe("state, registry and command line", () => {
  it("writes the state with sorted ids, fixed key order, 2-space JSON and a final newline", async () => {
    const s = site([source("zeta", server.url("/three")), source("alpha", server.url("/missing"))]);
    await s.run();
    const text = readFileSync(s.stateFile, "utf8");
    const state = JSON.parse(text);
    expect(Object.keys(state)).toEqual(["alpha", "zeta"]);
    expect(Object.keys(state.zeta)).toEqual(["feed", "status", "etag", "lastAttempt", "lastSuccess", "failures", "itemsAdded"]);
    expect(text).toBe(`${JSON.stringify(state, null, 2)}\n`);
  });

  it("stops on an invalid registry with every problem listed, exit 1, no request and no file", async () => {
    const s = site();
    s.writeSources([
      { id: "Bad Id", name: "x", feed: "ftp://exemple.fr/", section: "actualites", territory: "national" },
      { id: "ok", name: "", feed: server.url("/three"), section: "presse", territory: "mars", themes: ["inconnu"], extra: 1 },
      { id: "ok", name: "Doublon", feed: server.url("/three"), section: "actualites", territory: "national" },
    ]);
    let errors = "";
    const before = server.requests.length;
    const code = await main(
      ["--sources", s.sourcesFile, "--root", s.root, "--allow-host", "127.0.0.1"],
      () => undefined,
      (t) => (errors += t),
    );
    expect(code).toBe(1);
    expect(server.requests.length).toBe(before);
    expect(existsSync(s.contentDir)).toBe(false);
    expect(existsSync(s.stateFile)).toBe(false);
    for (const expected of [
      "source « Bad Id », clé « id »",
      "source « Bad Id », clé « feed »",
      "source « ok », clé « name »",
      "source « ok », clé « section »",
      "source « ok », clé « territory »",
      "source « ok », clé « themes[0] » : thème « inconnu » inconnu",
      "source « ok » : Clé non reconnue",
      "clé « id » : identifiant déjà utilisé par la source n° 2",
    ]) {
      expect(errors).toContain(expected);
    }
  });

  it("stops with the registry's exit code and names the file when the theme vocabulary is missing", async () => {
    const s = site([source("essai", server.url("/three"))]);
    rmSync(join(s.root, DATA_FILES.themes));
    let errors = "";
    const before = server.requests.length;
    expect(
      await main(
        ["--root", s.root, "--allow-host", "127.0.0.1"],
        () => undefined,
        (t) => (errors += t),
      ),
    ).toBe(FETCH_EXIT.invalidRegistry);
    expect(errors).toMatch(/^Collecte annulée, rien n'a été lu ni écrit :\n.*themeCatalog\.yaml :\n {2}- fichier introuvable ou illisible/);
    expect(server.requests.length).toBe(before);
  });

  it("refuses an --only id that is not in the registry", async () => {
    const s = site([source("essai", server.url("/three"))]);
    let errors = "";
    expect(
      await main(
        ["--root", s.root, "--only", "essai,absente"],
        () => undefined,
        (t) => (errors += t),
      ),
    ).toBe(1);
    expect(errors).toContain("--only : source « absente » absente du registre");
  });

  it("fetches only the --only sources, writes nothing with --dry-run, and reports in JSON with --report", async () => {
    const s = site([source("essai", server.url("/three")), source("autre", server.url("/dates"))]);
    let out = "";
    const reportFile = join(s.root, "rapport.json");
    const code = await main(
      ["--root", s.root, "--only", "essai", "--dry-run", "--allow-host", "127.0.0.1", "--report", reportFile],
      (t) => (out += t),
    );
    expect(code).toBe(0);
    expect(out).toContain("essai à blanc");
    expect(out).toContain("✔ essai (Source essai) : 3 nouveaux articles");
    expect(JSON.parse(readFileSync(reportFile, "utf8")).sources.map((r: { id: string }) => r.id)).toEqual(["essai"]);
    expect([...s.snapshot().keys()].filter((p) => !p.endsWith("rapport.json"))).toEqual(["_data/sources.yaml", "_data/themeCatalog.yaml"]);
  });

  it("exits 2 when every enabled source failed, 0 when one succeeded", async () => {
    const failing = site([
      source("a", server.url("/missing")),
      source("b", server.url("/broken")),
      source("off", server.url("/three"), { enabled: false }),
    ]);
    expect(await main(["--root", failing.root, "--allow-host", "127.0.0.1"], () => undefined)).toBe(2);
    const mixed = site([source("a", server.url("/missing")), source("b", server.url("/three"))]);
    expect(await main(["--root", mixed.root, "--allow-host", "127.0.0.1"], () => undefined)).toBe(0);
  });
});
