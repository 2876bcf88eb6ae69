import { describe, expect, it } from "vitest";
import { sanitiseHtml } from "../../src/ingest/sanitise.ts";

const clean = (html: string) => sanitiseHtml(html, "https://exemple.fr/article/");

describe("sanitiser (reuse: full)", () => {
  it("removes script, style, iframe, object, embed, form, meta, link and base", () => {
    const out = clean('<p>a</p><script>x()</script><style>p{}</style><iframe src="https://e/"></iframe><object data="x"></object><embed src="x"><form><input></form><meta http-equiv="refresh"><link rel="stylesheet" href="x"><base href="https://e/">');
    expect(out).toBe("<p>a</p>");
  });

  it("removes every on* attribute", () => {
    expect(clean('<p onclick="x()" onmouseover="y()">a</p><img src="i.png" onerror="z()">')).toBe('<p>a</p><img src="https://exemple.fr/article/i.png" />');
  });

  it("keeps http, https and mailto links only, and marks them noopener noreferrer nofollow", () => {
    const out = clean('<a href="javascript:alert(1)">j</a><a href="data:text/html,x">d</a><a href="mailto:a@b.fr">m</a><a href="/p">r</a>');
    expect(out).not.toMatch(/javascript|data:/);
    expect(out).toContain('<a href="mailto:a@b.fr" rel="noopener noreferrer nofollow">m</a>');
    expect(out).toContain('<a href="https://exemple.fr/p" rel="noopener noreferrer nofollow">r</a>');
  });

  it("drops 1x1 tracking images", () => {
    expect(clean('<p>a<img src="https://t.example/p.gif" width="1" height="1"></p>')).toBe("<p>a</p>");
  });

  it("drops class and style attributes", () => {
    expect(clean('<p class="x" style="position:fixed">a</p>')).toBe("<p>a</p>");
  });
});
