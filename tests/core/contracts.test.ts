import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/core/paths.ts";
import { fold } from "../../src/core/text.ts";

/** Application code: src/, the commands in scripts/ and Eleventy's configuration. */
function sourceFiles(): { path: string; text: string }[] {
  const files = ["src", "scripts"]
    .flatMap((folder) => readdirSync(join(PROJECT_ROOT, folder), { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && /\.[cm]?[jt]s$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
  files.push(join(PROJECT_ROOT, "eleventy.config.ts"));
  // Comments may name a file for the reader; only code counts.
  const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  return files.map((file) => ({ path: relative(PROJECT_ROOT, file), text: code(readFileSync(file, "utf8")) }));
}

describe("shared contracts in src/core", () => {
  it("are the only place that names the data files, the content folder and the time zone", () => {
    // A string literal starting with the data or content folder, or the time zone.
    const literal = /["'`](_data\/|content\/|Europe\/Paris["'`])/;
    const offenders = sourceFiles()
      .filter((f) => f.path !== "src/core/paths.ts" && f.path !== "src/core/time.ts")
      .filter((f) => literal.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it("leave regular expressions free of the data and content folders", () => {
    const regexLiteral = /(?<![\w)\]])\/(?:[^/\n\\]|\\.)*(?:_data|content)\\\/(?:[^/\n\\]|\\.)*\/[dgimsuy]*/;
    const offenders = sourceFiles()
      .filter((f) => regexLiteral.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it("leave the content types' folder names to their declarations", () => {
    // A folder name handed to a path function (`join(input, "veille")`): the folder comes from src/site/content/content-types.ts.
    const folderArgument = /\b(?:join|resolve)\([^)]*["'](?:veille|ressources|blog)["']/;
    const offenders = sourceFiles()
      .filter((f) => folderArgument.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it("keep application code free of imports from the tests", () => {
    const offenders = sourceFiles()
      .filter((f) => /from\s+["'][./]*\/tests\//.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });
});

describe("fold", () => {
  it("ignores case and French accents and ligatures", () => {
    expect(fold("Laïcité, ŒUVRE, Cæsar")).toBe("laicite, oeuvre, caesar");
  });

  it("keeps letters of other scripts, and the marks that belong to them", () => {
    expect(fold("Москва")).toBe("москва");
    expect(fold("مسجد")).toBe("مسجد");
    expect(fold("清真寺")).toBe("清真寺");
    expect(fold("が")).not.toBe(fold("か"));
  });
});
