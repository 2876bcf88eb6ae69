import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DataError } from "../../src/core/validation.ts";
import { loadThemes } from "../../src/core/sources.ts";
import { appendSources, sameFeed, suggestId, type NewSource } from "../../src/maintain/registry-file.ts";
import { PROJECT_ROOT } from "../support/site-build.ts";
import { fixtureText, tempRoot, type TempRoot } from "./support.ts";

const THEMES = loadThemes(`${PROJECT_ROOT}/_data/themeCatalog.yaml`);
const ENTRY: NewSource = {
  id: "revue",
  name: "Revue",
  feed: "https://revue.example.org/rss",
  section: "recherche",
  territory: "europe",
  themes: ["laicite", "radicalisation"],
  keep: "all",
};
let temp: TempRoot;

beforeEach(async () => {
  temp = await tempRoot();
});
afterEach(() => temp.cleanup());

describe("appendSources", () => {
  it("keeps the registry's comments, order and layout, and adds the entry at the end", async () => {
    appendSources(temp.registryFile, [ENTRY], THEMES, "Ajoutée pour l'essai");
    expect(await temp.registry()).toBe(
      `${await fixtureText("sources-with-comments.yaml")}
# Ajoutée pour l'essai
- id: revue
  name: Revue
  feed: https://revue.example.org/rss
  section: recherche
  territory: europe
  themes: [laicite, radicalisation]
  keep: all
`,
    );
  });

  it("writes nothing when the registry would become invalid", async () => {
    const before = await temp.registry();
    expect(() => appendSources(temp.registryFile, [{ ...ENTRY, id: "presse-locale" }], THEMES, "doublon")).toThrow(DataError);
    expect(await temp.registry()).toBe(before);
  });

  it("names the source and the key of the problem", () => {
    expect(() => appendSources(temp.registryFile, [{ ...ENTRY, themes: ["inconnu"] }], THEMES, "x")).toThrow(
      /source « revue », clé « themes\[0\] »/,
    );
  });
});

describe("suggestId", () => {
  it("turns a name into an id, accents folded to their base letter", () => {
    expect(suggestId("Revue « Sociétés » & Cie", new Set())).toBe("revue-societes-and-cie");
  });

  it("never reuses an id", () => {
    expect(suggestId("Revue", new Set(["revue", "revue-2"]))).toBe("revue-3");
  });
});

describe("sameFeed", () => {
  it("sees the same feed whatever the scheme, case of host or final slash", () => {
    expect(sameFeed("http://Example.org/carnet/feed", "https://example.org/carnet/feed/")).toBe(true);
    expect(sameFeed("https://example.org/a", "https://example.org/b")).toBe(false);
  });
});
