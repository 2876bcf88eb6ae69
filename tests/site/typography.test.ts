import { describe, expect, it } from "vitest";
import { frenchText, typesetHtml } from "../../src/site/editorial/typography.ts";

const NNBSP = "\u202F";

describe("French typography on text", () => {
  it("puts a narrow no-break space before ; : ! ?", () => {
    expect(frenchText("Besoin d’aide ? Oui ! Voici : un ; deux")).toBe(
      `Besoin d’aide${NNBSP}? Oui${NNBSP}! Voici${NNBSP}: un${NNBSP}; deux`,
    );
  });

  it("replaces a no-break space already there", () => {
    expect(frenchText("Contact&nbsp;: ici\u00A0?")).toBe(`Contact${NNBSP}: ici${NNBSP}?`);
  });

  it("adds no space where there was none, so addresses and hours stay whole", () => {
    expect(frenchText("https://exemple.fr/?q=1 à 10:30")).toBe("https://exemple.fr/?q=1 à 10:30");
  });

  it("puts narrow no-break spaces inside guillemets", () => {
    expect(frenchText("« Se mettre à la place de l’autre »")).toBe(`«${NNBSP}Se mettre à la place de l’autre${NNBSP}»`);
    expect(frenchText("«mot»")).toBe(`«${NNBSP}mot${NNBSP}»`);
  });

  it("turns an apostrophe between letters into a typographic one, also when escaped by Nunjucks", () => {
    expect(frenchText("l'appui d&#39;urgence")).toBe("l’appui d’urgence");
  });

  it("leaves a quote that is not an apostrophe alone", () => {
    expect(frenchText("'cité' 5'")).toBe("'cité' 5'");
  });
});

describe("French typography on a page", () => {
  it("changes the text and never a tag or an attribute", () => {
    expect(typesetHtml(`<a href="/x?a=b" title="Aide : ici">L'aide ?</a>`)).toBe(`<a href="/x?a=b" title="Aide : ici">L’aide${NNBSP}?</a>`);
  });

  it("leaves code, pre, script and style as they are", () => {
    const html = `<pre>a : b</pre><code>l'x ?</code><script>if (a ? b : c) {}</script><style>a:hover {}</style>`;
    expect(typesetHtml(html)).toBe(html);
  });

  it("leaves text marked as coming from a source as it was sent", () => {
    const html = `<h3 data-source-text><a href="/v/">Titre d'un flux : "brut" !</a></h3><p>Résumé d'ici :</p>`;
    expect(typesetHtml(html)).toBe(`<h3 data-source-text><a href="/v/">Titre d'un flux : "brut" !</a></h3><p>Résumé d’ici${NNBSP}:</p>`);
  });

  it("goes on after a verbatim element with void elements inside", () => {
    expect(typesetHtml(`<p data-source-text>a<br>b ?</p><p>c ?</p>`)).toBe(`<p data-source-text>a<br>b ?</p><p>c${NNBSP}?</p>`);
  });

  it("ends a verbatim element at the end tag that balances it, not at an inner one of the same name", () => {
    expect(typesetHtml(`<div data-source-text><div>a</div> b ?</div><p>c ?</p>`)).toBe(
      `<div data-source-text><div>a</div> b ?</div><p>c${NNBSP}?</p>`,
    );
  });

  it("goes on after a verbatim element with an unclosed element inside", () => {
    expect(typesetHtml(`<p data-source-text>a<b>b ?</p><p>c ?</p>`)).toBe(`<p data-source-text>a<b>b ?</p><p>c${NNBSP}?</p>`);
  });

  it("turns the apostrophe of a word elided into a link into a typographic one", () => {
    expect(typesetHtml(`<p>Voir l'<a href="/ressources/">annuaire</a> et L&#39;<em>aide</em>.</p>`)).toBe(
      `<p>Voir l’<a href="/ressources/">annuaire</a> et L’<em>aide</em>.</p>`,
    );
  });

  it("leaves a quote that ends a run before an end tag alone", () => {
    expect(typesetHtml(`<p><em>'cité'</em></p>`)).toBe(`<p><em>'cité'</em></p>`);
  });

  it("keeps the doctype and comments byte for byte", () => {
    const html = `<!doctype html><!-- note : ici --><p>x</p>`;
    expect(typesetHtml(html)).toBe(html);
  });
});
