import { describe, expect, it } from "vitest";
import { benchSources, DEFAULT_SEED, resourceFiles, THEME_IDS, watchItemFiles, type GeneratedFile } from "../../src/bench/content.ts";
import { createFrontMatterParser } from "../../src/site/content/front-matter.ts";

const parseFrontMatter = createFrontMatterParser({
  themeIds: new Set(THEME_IDS),
  report: (file, message) => {
    throw new Error(`${file} ${message}`);
  },
});
const sources = benchSources(12, DEFAULT_SEED, (id) => `http://127.0.0.1:8080/${id}.xml`);

/** Runs a generated file through the build's own front-matter engine, which validates it. */
function frontMatterOf(file: GeneratedFile): Record<string, any> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(file.text);
  if (!match) throw new Error(`no front matter in ${file.path}`);
  return parseFrontMatter(match[1]!, { filePath: `/site/${file.path}` });
}

describe("benchmark content generator", () => {
  it("gives the same files for the same seed, and other files for another seed", () => {
    expect(watchItemFiles(50, sources, 7)).toEqual(watchItemFiles(50, sources, 7));
    expect(watchItemFiles(50, sources, 8)).not.toEqual(watchItemFiles(50, sources, 7));
    expect(resourceFiles(10, 3)).toEqual(resourceFiles(10, 3));
  });

  it("writes watch items the build accepts, at unique contract paths", () => {
    const files = watchItemFiles(400, sources, DEFAULT_SEED);
    expect(new Set(files.map((f) => f.path)).size).toBe(400);
    for (const file of files) {
      const data = frontMatterOf(file);
      const [, year, day] = /^content\/veille\/(\d{4})\/(\d{4}-\d{2}-\d{2})-[a-z0-9-]+\.md$/.exec(file.path) ?? [];
      expect(year, file.path).toBeDefined();
      expect(data.date).toMatch(new RegExp(`^${day}T\\d{2}:\\d{2}:00[+-]\\d{2}:00$`));
      expect(data.summary.length).toBeLessThanOrEqual(400);
    }
  });

  it("spreads items over years, sources and themes, in French with accents", () => {
    const items = watchItemFiles(400, sources, DEFAULT_SEED).map(frontMatterOf);
    expect(new Set(items.map((d) => d.date.slice(0, 4))).size).toBeGreaterThanOrEqual(6);
    expect(new Set(items.map((d) => d.source)).size).toBe(sources.length);
    expect(new Set(items.flatMap((d) => d.themes)).size).toBe(THEME_IDS.length);
    expect(items.filter((d) => /[éèàçêô]/.test(d.title + d.summary)).length).toBeGreaterThan(300);
  });

  it("gives full-text sources a sanitised HTML body and excerpt sources none", () => {
    const files = watchItemFiles(200, sources, DEFAULT_SEED);
    const full = new Set(sources.filter((s) => s.reuse === "full").map((s) => s.id));
    for (const file of files) {
      const body = file.text.split(/\n---\n/)[1]!;
      expect(body.startsWith('<div class="veille-contenu">'), file.path).toBe(full.has(frontMatterOf(file).source));
    }
  });

  it("writes resources the build accepts", () => {
    const files = resourceFiles(300, DEFAULT_SEED);
    expect(new Set(files.map((f) => f.path)).size).toBe(300);
    for (const file of files) expect(frontMatterOf(file).type).toBeTruthy();
  });

  it("names sources with unique registry ids", () => {
    const many = benchSources(300, DEFAULT_SEED, (id) => `http://127.0.0.1/${id}.xml`);
    expect(new Set(many.map((s) => s.id)).size).toBe(300);
    for (const source of many) expect(source.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });
});
