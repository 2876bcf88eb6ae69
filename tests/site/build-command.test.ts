import { describe, expect, it } from "vitest";
import { outputDir } from "../../src/site/build.ts";

describe("the folder the search index is written into", () => {
  it("is Eleventy's default output when no flag moves it", () => {
    expect(outputDir(["--quiet", "--pathprefix=/depot/"])).toBe("_site");
  });

  it("follows Eleventy's --output flag, in either spelling", () => {
    expect(outputDir(["--output=public"])).toBe("public");
    expect(outputDir(["--output", "public"])).toBe("public");
  });
});
