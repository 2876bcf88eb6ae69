import { describe, expect, it } from "vitest";
import { xmlSafe } from "../../src/core/xml-chars.ts";
import { isXmlOutput } from "../../src/site/feeds/xml-output.ts";

describe("xmlSafe", () => {
  it("drops C0 controls, lone surrogates and U+FFFF, keeping tab and line breaks", () => {
    expect(xmlSafe("a\u0001b\u001bc\uffffd\ud800e\tf\ng")).toBe("abcde\tf\ng");
  });

  it("keeps letters beyond the basic plane", () => {
    expect(xmlSafe("😀 é")).toBe("😀 é");
  });

  it("drops numeric references to forbidden characters and keeps the others", () => {
    expect(xmlSafe("a&#x1B;b&#27;c&#xE9;d&#233;e&#x0;")).toBe("abc&#xE9;d&#233;e");
  });

  it("takes a 10 MB line of controls in linear time", () => {
    const started = performance.now();
    expect(xmlSafe("\u0001".repeat(10_000_000))).toBe("");
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe("isXmlOutput", () => {
  it("names feeds, the OPML list and the e-mail letter, not the HTML pages", () => {
    expect(["/s/feed.xml", "/s/sources.opml", "/s/veille/lettre/2026-S47/courriel.html"].every(isXmlOutput)).toBe(true);
    expect(["/s/veille/index.html", "/s/feed.json"].some(isXmlOutput)).toBe(false);
    expect(isXmlOutput(false)).toBe(false);
  });
});
