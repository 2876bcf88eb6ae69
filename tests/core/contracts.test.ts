import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/core/paths.ts";
import { fold } from "../../src/core/text.ts";

function sourceFiles(): { path: string; text: string }[] {
  const files = readdirSync(join(PROJECT_ROOT, "src"), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => join(e.parentPath, e.name));
  files.push(join(PROJECT_ROOT, "eleventy.config.ts"));
  // Comments may name a file for the reader; only code counts.
  const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  return files.map((file) => ({ path: relative(PROJECT_ROOT, file), text: code(readFileSync(file, "utf8")) }));
}

describe("shared contracts in src/core", () => {
  it("are the only place that names the data files, the watch folder and the time zone", () => {
    const offenders = sourceFiles()
      .filter((f) => f.path !== "src/core/paths.ts" && f.path !== "src/core/time.ts")
      .filter((f) => /["'`](_data\/|content\/veille\b)|["'`]Europe\/Paris["'`]/.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it("keep application code free of imports from the tests", () => {
    const offenders = sourceFiles().filter((f) => /from\s+["'][./]*\/tests\//.test(f.text)).map((f) => f.path);
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
