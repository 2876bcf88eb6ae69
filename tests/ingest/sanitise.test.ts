import { describe, expect, it } from "vitest";
import { createRandom } from "../../src/bench/random.ts";
import { NESTING_MAX, sanitiseHtml, toPlainText } from "../../src/ingest/sanitise.ts";

const clean = (html: string) => sanitiseHtml(html, "https://exemple.fr/article/");

describe("sanitiser (reuse: full)", () => {
  it("removes script, style, iframe, object, embed, form, meta, link and base", () => {
    const out = clean(
      '<p>a</p><script>x()</script><style>p{}</style><iframe src="https://e/"></iframe><object data="x"></object><embed src="x"><form><input></form><meta http-equiv="refresh"><link rel="stylesheet" href="x"><base href="https://e/">',
    );
    expect(out).toBe("<p>a</p>");
  });

  it("removes every on* attribute", () => {
    expect(clean('<p onclick="x()" onmouseover="y()">a</p><a href="/p" onclick="z()">b</a>')).toBe(
      '<p>a</p><a href="https://exemple.fr/p" rel="noopener noreferrer nofollow">b</a>',
    );
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

  it("turns a remote image into a link to it, named by its alternative text", () => {
    expect(clean('<p>Avant <img src="photos/manif.jpg" alt="Manifestation à Brest" onerror="x()"> après</p>')).toBe(
      '<p>Avant <a href="https://exemple.fr/article/photos/manif.jpg" rel="noopener noreferrer nofollow">[image : Manifestation à Brest]</a> après</p>',
    );
  });

  it("drops an image that sits inside a link, since links do not nest, and a link left empty", () => {
    expect(
      clean(
        '<p><a href="/dossier"><img src="https://tiers.example/v.jpg" alt="Vignette"> Le dossier</a> suite</p><p><a href="/seule"><img src="s.jpg"></a>fin</p>',
      ),
    ).toBe('<p><a href="https://exemple.fr/dossier" rel="noopener noreferrer nofollow"> Le dossier</a> suite</p><p>fin</p>');
  });

  it("keeps nothing a visitor's browser would fetch from a third party", () => {
    const out = clean(
      '<picture><source srcset="https://tiers.example/a.webp" type="image/webp"><img src="https://tiers.example/a.jpg" srcset="https://tiers.example/a2.jpg 2x" alt="A"></picture>' +
        '<video src="https://tiers.example/v.mp4" poster="https://tiers.example/p.jpg"><source src="https://tiers.example/v.webm"><track src="https://tiers.example/s.vtt">Vidéo</video>' +
        '<audio src="https://tiers.example/a.mp3" controls>Son</audio>' +
        '<svg><image href="https://tiers.example/s.png"/></svg><input type="image" src="https://tiers.example/i.png">' +
        '<table background="https://tiers.example/bg.png"><tr><td style="background:url(https://tiers.example/c.png)">case</td></tr></table>' +
        '<img src="data:image/png;base64,AAAA" alt="incrustée"><img src="//tiers.example/proto.png" alt="sans protocole">',
    );
    expect(out).not.toMatch(
      /<(img|picture|source|video|audio|track|svg|image|input|iframe|embed|object)\b|\s(src|srcset|poster|background|style|data)=/i,
    );
    expect(out).toContain("Vidéo");
    expect(out).toContain("case");
  });

  it(`cuts nesting below ${NESTING_MAX} levels and keeps the text: 20 000 unclosed <b> stay harmless`, () => {
    const out = clean(`<p>${"<b>".repeat(20_000)}fin du texte</p>`);
    let depth = 0;
    let deepest = 0;
    for (const [, closing] of out.matchAll(/<(\/?)[a-z][^>]*>/g)) {
      depth += closing ? -1 : 1;
      deepest = Math.max(deepest, depth);
    }
    expect(deepest).toBeLessThanOrEqual(NESTING_MAX);
    expect(out).toContain("fin du texte");
    expect(out.length).toBeLessThan(1000);
  });
});

describe("plain text", () => {
  it("gives text without markup nor reference as the parser would", () => {
    const random = createRandom(11);
    const pool = [
      "a",
      "é",
      "É",
      ">",
      '"',
      "'",
      "gt;",
      "#39;",
      " ",
      "\n",
      "\t",
      "\r",
      "\u0000",
      "\u0085",
      "\u0092",
      "\u00a0",
      "\u2028",
      "Ã©",
      "â€™",
      "\ud83d\ude00",
      "\ud800",
      "]]>",
      "-->",
      "{{",
      "%",
    ];
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: random.int(0, 15) }, () => random.pick(pool)).join("");
      // The span makes the parser read the text.
      expect(toPlainText(text)).toBe(toPlainText(`<span>${text}</span>`));
    }
  });
});
