import { describe, expect, it } from "vitest";
import { htmlDepth } from "../../src/site/content/html-depth.ts";

describe("htmlDepth", () => {
  it("counts nested elements, closing void and implied ones as a parser does", () => {
    expect(htmlDepth("<p>a <b>b <i>c</i></b><br><img src=x></p>")).toBe(3);
    expect(htmlDepth("<p>one<p>two<p>three")).toBe(1);
    expect(htmlDepth("plain text")).toBe(0);
  });

  it("measures 20 000 unclosed tags without overflowing", () => {
    expect(htmlDepth("<b>".repeat(20_000))).toBe(20_000);
  });
});
