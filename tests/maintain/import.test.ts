import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DataError } from "../../src/core/validation.ts";
import { importOpml, readOpmlFeeds } from "../../src/maintain/import.ts";
import { FIXTURES, fixtureText, scriptedIo, tempRoot, type TempRoot } from "./support.ts";

const OPML = join(FIXTURES, "subscriptions-two-folders.opml");
let temp: TempRoot;
const importFile = async (file: string, ...flags: string[]) => {
  const io = scriptedIo();
  const code = await importOpml([file, "--root", temp.root, ...flags], io);
  return { code, output: io.output };
};

beforeEach(async () => {
  temp = await tempRoot();
});
afterEach(() => temp.cleanup());

describe("readOpmlFeeds", () => {
  it("reads every subscription with its name, addresses and folder", async () => {
    expect(readOpmlFeeds(await fixtureText("subscriptions-two-folders.opml"), OPML)[0]).toEqual({
      name: "Revue & « Sociétés »",
      feed: "https://revue.example.org/rss",
      site: "https://revue.example.org/",
      folder: "Recherche",
    });
  });

  it("keeps names and addresses free of control characters and bidi overrides, on one line", async () => {
    expect(readOpmlFeeds(await fixtureText("subscriptions-hostile-names.opml"), "piege.opml")).toEqual([
      {
        name: "Revue piégée lmth.exe - id: autre",
        feed: "https://piege.example.org/rss%C2%9B",
        site: "https://piege.example.org/%E2%80%AE",
      },
    ]);
  });

  it("refuses a file that is not OPML, saying why", () => {
    expect(() => readOpmlFeeds("<rss><channel/></rss>", "a.opml")).toThrow(/élément racine <opml> attendu/);
    expect(() => readOpmlFeeds("<opml><body>", "b.opml")).toThrow(DataError);
  });
});

describe("npm run sources:import", () => {
  it("adds the new feeds, skipping those already followed and repeats", async () => {
    const { code, output } = await importFile(OPML, "--territory", "bretagne");
    expect(code).toBe(0);
    expect(output).toContain("déjà suivie : Carnet déjà suivi (source « carnet-recherche »)");
    expect(output).toContain("déjà suivie : Journal du soir (doublon) (source « journal-du-soir »)");
    expect(output).toContain("déjà suivie : Presse locale (source « presse-locale »)");
    expect(output).toContain("2 source(s) ajoutée(s)");
  });

  it("appends them after the registry's entries, its comments kept, with the section of their folder", async () => {
    await importFile(OPML, "--territory", "bretagne");
    const registry = await temp.registry();
    expect(registry.startsWith(await fixtureText("sources-with-comments.yaml"))).toBe(true);
    expect(registry).toMatch(
      /# Importées de subscriptions-two-folders\.opml par « npm run sources:import » le \d{4}-\d{2}-\d{2}\n- id: revue-and-societes\n  name: Revue & « Sociétés »\n  feed: https:\/\/revue\.example\.org\/rss\n  site: https:\/\/revue\.example\.org\/\n  section: recherche\n  territory: bretagne\n/,
    );
    expect(registry).toMatch(
      /- id: journal-du-soir\n  name: Journal du soir\n  feed: https:\/\/journal\.example\.org\/feed\.xml\n  section: actualites\n  territory: bretagne\n$/,
    );
  });

  it("changes nothing when every feed is already followed", async () => {
    await importFile(OPML);
    const after = await temp.registry();
    const { output } = await importFile(OPML);
    expect(output).toContain("Aucune nouvelle source : le registre n'a pas changé.");
    expect(await temp.registry()).toBe(after);
  });

  it("refuses an unreadable file, naming it", async () => {
    await expect(importFile(join(temp.root, "absent.opml"))).rejects.toThrow(/absent\.opml :\n {2}- fichier introuvable ou illisible/);
  });

  it("refuses a territory outside the vocabulary", async () => {
    await writeFile(join(temp.root, "x.opml"), '<opml version="2.0"><body/></opml>');
    await expect(importFile(join(temp.root, "x.opml"), "--territory", "monde")).rejects.toThrow(/« monde » refusé/);
  });
});
