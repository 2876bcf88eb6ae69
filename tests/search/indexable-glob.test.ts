import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexableGlob } from "../../src/site/search/pagefind.ts";

let site: string;
beforeAll(async () => {
  site = await mkdtemp(join(tmpdir(), "glob-"));
  for (const file of [
    "index.html",
    "charte/index.html",
    "veille/index.html",
    "veille/2026/item/index.html",
    "veille/page/2/index.html",
    "themes/laicite/index.html",
    "assets/css/site.css",
  ]) {
    await mkdir(dirname(join(site, file)), { recursive: true });
    await writeFile(join(site, file), "");
  }
});
afterAll(() => rm(site, { recursive: true, force: true }));

describe("the files given to Pagefind", () => {
  it("cover every folder but the listings, opening a folder that holds a listing folder", async () => {
    const glob = await indexableGlob(site, ["veille/page", "themes"]);
    const patterns = glob.slice(1, -1).split(",").sort();
    expect(patterns).toEqual(["*.html", "assets/**/*.html", "charte/**/*.html", "veille/*.html", "veille/2026/**/*.html"]);
  });
});
