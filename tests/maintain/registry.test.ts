import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isMap, isSeq, parseDocument, type YAMLMap } from "yaml";
import { dataFile, PROJECT_ROOT } from "../../src/core/paths.ts";
import { loadRegistry, loadThemes } from "../../src/core/sources.ts";

const file = dataFile(PROJECT_ROOT, "sources");
const text = readFileSync(file, "utf8");
const entries = (() => {
  const doc = parseDocument(text);
  if (!isSeq(doc.contents)) throw new Error("le registre n'est pas une liste");
  return doc.contents.items.filter(isMap) as YAMLMap[];
})();

describe("the project's source registry", () => {
  it("is valid against the theme catalogue", () => {
    expect(loadRegistry(file, loadThemes(join(PROJECT_ROOT, "_data/themeCatalog.yaml"))).length).toBe(entries.length);
  });

  it("says above every source where its address comes from", () => {
    const uncommented = entries.filter((e) => !e.commentBefore?.trim()).map((e) => e.get("id"));
    expect(uncommented).toEqual([]);
  });

  it("follows the group's own blog, marked as not yet verified", () => {
    const blog = entries.find((e) => e.get("feed") === "https://laicite-brest.net/feed/");
    expect(blog?.get("territory")).toBe("brest");
    expect(blog?.commentBefore).toMatch(/NON VÉRIFIÉE/);
  });

  it("keeps its models for new sources as comments, never as entries", () => {
    expect(entries.map((e) => String(e.get("feed")))).not.toContainEqual(expect.stringMatching(/[<>]/));
    expect(text).toMatch(/^# {3}feed: https:\/\/<carnet>\.hypotheses\.org\/feed$/m);
  });
});
