import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { UsageError } from "../../src/core/cli-args.ts";
import { SECTIONS } from "../../src/core/taxonomy.ts";
import { addSource } from "../../src/maintain/add.ts";
import { serve, startServer, type FeedServer } from "../ingest/support.ts";
import { fixtureText, scriptedIo, tempRoot, type TempRoot } from "./support.ts";

const HTML = { "content-type": "text/html; charset=utf-8" };
let server: FeedServer;
/** Another site, which has no feed anywhere. */
let bare: FeedServer;
let temp: TempRoot;
const add = (args: string[], answers: string[] = []) => {
  const io = scriptedIo(answers);
  return { io, done: addSource([...args, "--root", temp.root, "--allow-host", "127.0.0.1"], io) };
};

beforeAll(async () => {
  server = await startServer();
  const feed = await fixtureText("feed-laicite-football-radicalisation.xml");
  server.route("/revue/rss.xml", serve(feed));
  server.route(
    "/revue/",
    serve(
      `<!doctype html><html><head><title>Revue</title><link rel="alternate" type="application/rss+xml" href="/revue/rss.xml"></head><body></body></html>`,
      HTML,
    ),
  );
  server.route(
    "/atom.xml",
    serve(
      `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Fil Atom</title><id>urn:x</id><updated>2026-11-20T00:00:00Z</updated></feed>`,
      { "content-type": "application/atom+xml" },
    ),
  );
  bare = await startServer();
  bare.route("/sans-lien/", serve("<!doctype html><html><head><title>Rien</title></head></html>", HTML));
  server.route("/piege.json", serve(await fixtureText("feed-hostile-controls.json"), { "content-type": "application/feed+json" }));
  server.route("/ancienne/rss", (_req, res) => res.writeHead(301, { location: "/revue/rss.xml" }).end());
});
afterAll(() => Promise.all([server.close(), bare.close()]));
beforeEach(async () => {
  temp = await tempRoot();
});
afterEach(() => temp.cleanup());

describe("npm run sources:add", () => {
  it("appends the feed with the answers given, after the registry's existing entries", async () => {
    const { done } = add([server.url("/revue/rss.xml"), "--section", "recherche", "--territory", "national", "--yes"]);
    expect(await done).toBe(0);
    expect(await temp.registry()).toMatch(
      /keep: all\n\n# Ajoutée par « npm run sources:add » le \d{4}-\d{2}-\d{2}\n- id: revue-des-pratiques\n  name: Revue des pratiques\n  feed: http:\/\/127\.0\.0\.1:\d+\/revue\/rss\.xml\n  site: https:\/\/revue\.example\.org\/\n  section: recherche\n  territory: national\n$/,
    );
  });

  it("shows the latest items with the themes they would get and whether they would be kept", async () => {
    const { io, done } = add([server.url("/revue/rss.xml"), "--section", "recherche", "--territory", "national", "--yes"]);
    await done;
    expect(io.output).toContain("3 article(s), 2 gardé(s) avec le mode « keywords »");
    expect(io.output).toMatch(/2026-11-20\s+oui\s+Laïcité et fait religieux\s+Laïcité : un guide/);
    expect(io.output).toMatch(/2026-11-19\s+non\s+—\s+Résultats du championnat de football/);
  });

  it("keeps every item of a specialist source added with --keep all", async () => {
    const { io, done } = add([
      server.url("/revue/rss.xml"),
      "--keep",
      "all",
      "--themes",
      "jeunesse",
      "--section",
      "recherche",
      "--territory",
      "national",
      "--yes",
    ]);
    expect(await done).toBe(0);
    expect(io.output).toContain("3 gardé(s)");
    expect(await temp.registry()).toMatch(/themes: \[jeunesse\]\n  keep: all\n$/);
  });

  it("asks for what the command line did not give, again when the answer is not possible", async () => {
    const { io, done } = add([server.url("/revue/rss.xml")], ["", "", "presse", "actualites", "brest", "oui"]);
    expect(await done).toBe(0);
    expect(io.questions.map((q) => q.split(" ")[0])).toEqual(["Nom", "Identifiant", "Rubrique", "Rubrique", "Territoire", "Ajouter"]);
    expect(io.output).toContain("« presse » n'est pas une réponse possible.");
    expect(await temp.registry()).toContain("- id: revue-des-pratiques\n  name: Revue des pratiques");
  });

  it("finds the feeds a page announces and those at the usual paths, and lets the maintainer pick", async () => {
    const { io, done } = add([server.url("/revue/"), "--section", "actualites", "--territory", "brest", "--yes"], ["2"]);
    expect(await done).toBe(0);
    expect(io.output).toMatch(
      /C'est une page web\. Flux trouvés :\n {2}1\. Revue des pratiques – .*\/revue\/rss\.xml \(rss\)\n {2}2\. Fil Atom – .*\/atom\.xml \(atom\)/,
    );
    expect(await temp.registry()).toContain(`feed: ${server.url("/atom.xml")}\n  site: ${server.url("/revue/")}`);
  });

  it("records the new address of a feed that moved permanently", async () => {
    await add([server.url("/ancienne/rss"), "--section", "recherche", "--territory", "national", "--yes"]).done;
    expect(await temp.registry()).toContain(`feed: ${server.url("/revue/rss.xml")}`);
  });

  it("refuses a page that offers no feed, writing nothing", async () => {
    const before = await temp.registry();
    await expect(add([bare.url("/sans-lien/"), "--yes"]).done).rejects.toThrow(/cette page n'annonce aucun flux/);
    expect(await temp.registry()).toBe(before);
  });

  it("refuses a feed the registry already follows", async () => {
    await add([server.url("/revue/rss.xml"), "--section", "recherche", "--territory", "national", "--yes"]).done;
    await expect(add([server.url("/revue/rss.xml"), "--yes"]).done).rejects.toThrow(
      /ce flux est déjà suivi : source « revue-des-pratiques »/,
    );
  });

  it("refuses a value outside the vocabulary given on the command line, before any request", async () => {
    const before = server.requests.length;
    await expect(add([server.url("/revue/rss.xml"), "--section", "presse"]).done).rejects.toThrow(
      new UsageError(`--section : « presse » refusé (possibles : ${SECTIONS.join(", ")})`),
    );
    expect(server.requests.length).toBe(before);
  });

  it("adds nothing when the maintainer says no", async () => {
    const before = await temp.registry();
    const { io, done } = add([server.url("/revue/rss.xml"), "--section", "recherche", "--territory", "national"], ["", "", "non"]);
    expect(await done).toBe(1);
    expect(io.output).toContain("Rien n'a été ajouté.");
    expect(await temp.registry()).toBe(before);
  });

  it("prints and records no escape sequence, control character or bidi override sent by the feed", async () => {
    const { io, done } = add([server.url("/piege.json"), "--section", "recherche", "--territory", "national", "--keep", "all", "--yes"]);
    expect(await done).toBe(0);
    const written = await temp.registry();
    for (const text of [io.output, written])
      expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u);
    expect(io.output).toMatch(/Laïcité.* un guide gpj\.exe\n/);
    expect(written).toMatch(/\n- id: revue-[a-z0-9-]+\n {2}name: Revue.* des pratiques\n/);
  });

  it("refuses a loopback address unless allowed, as the nightly fetch does", async () => {
    const io = scriptedIo();
    await expect(addSource([server.url("/revue/rss.xml"), "--root", temp.root, "--yes"], io)).rejects.toThrow(
      /refusé : il pointe vers une adresse interne/,
    );
  });
});
