import { Parser } from "htmlparser2";

/** Espace fine insécable: French typography puts it before ; : ! ? and inside « ». */
export const NARROW_NBSP = "\u202F";

// Text runs are taken raw from the HTML, so an apostrophe may still be Nunjucks' `&#39;` and a
// no-break space `&nbsp;`.
const SPACE = "(?:[ \\u00A0\\u202F]|&nbsp;|&#160;)";
const APOSTROPHE = /(\p{L})(?:'|&#39;|&apos;)(?=\p{L})/gu;
const BEFORE_HIGH_PUNCTUATION = new RegExp(`${SPACE}+(?=[;:!?])`, "g");
const AFTER_OPENING_GUILLEMET = new RegExp(`«${SPACE}*`, "g");
const BEFORE_CLOSING_GUILLEMET = new RegExp(`${SPACE}*»`, "g");
const MAY_NEED_TYPOGRAPHY = /['&;:!?«»]/;
const HIGH_PUNCTUATION = /[;:!?]/;

/**
 * French typography on one run of text: typographic apostrophe between letters, and a narrow
 * no-break space before ; : ! ? (only where a space already stands, so `https://` or `10:30`
 * are left alone) and inside « ».
 */
export function frenchText(text: string): string {
  // Most runs of a page (indentation, labels) hold none of these characters: skip the regexes.
  if (!MAY_NEED_TYPOGRAPHY.test(text)) return text;
  let out = text;
  if (out.includes("'") || out.includes("&#39;") || out.includes("&apos;")) out = out.replace(APOSTROPHE, "$1’");
  if (HIGH_PUNCTUATION.test(out)) out = out.replace(BEFORE_HIGH_PUNCTUATION, NARROW_NBSP);
  if (out.includes("«")) out = out.replace(AFTER_OPENING_GUILLEMET, `«${NARROW_NBSP}`);
  if (out.includes("»")) out = out.replace(BEFORE_CLOSING_GUILLEMET, `${NARROW_NBSP}»`);
  return out;
}

/** Elements whose text is not prose: code, scripts, styles, form values, embedded images. */
const VERBATIM_ELEMENTS = new Set(["code", "pre", "kbd", "samp", "script", "style", "textarea", "svg", "math"]);
/** Marks text taken as it is from elsewhere (a feed's titles and summaries), left as the source sent it. */
export const SOURCE_TEXT_ATTRIBUTE = "data-source-text";

/**
 * Applies `frenchText` to the text of an HTML page and to nothing else: tags, attributes, comments
 * and the content of verbatim elements or of elements marked `data-source-text` come out byte for
 * byte as they went in.
 */
export function typesetHtml(html: string): string {
  const out: string[] = [];
  let copied = 0;
  // Names of the open elements that switch typography off; their text is copied untouched.
  const verbatim: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (verbatim.length > 0 || VERBATIM_ELEMENTS.has(name) || SOURCE_TEXT_ATTRIBUTE in attributes) verbatim.push(name);
      },
      onclosetag(name) {
        if (verbatim.at(-1) === name) verbatim.pop();
      },
      ontext() {
        if (verbatim.length > 0) return;
        const start = parser.startIndex;
        const end = parser.endIndex + 1;
        out.push(html.slice(copied, start), frenchText(html.slice(start, end)));
        copied = end;
      },
    },
    { decodeEntities: false },
  );
  parser.end(html);
  out.push(html.slice(copied));
  return out.join("");
}
