/**
 * Sanitiser: everything imported is untrusted text. Two outputs only:
 * - plain text (titles, summaries, matching): markup removed, entities decoded once, so the
 *   string is exactly what a reader should see and contains no tag;
 * - allowlisted HTML (`reuse: full` bodies): sanitize-html with no script, style, frame, object,
 *   form or metadata element, no event handler, http/https/mailto URLs only, nesting cut at
 *   NESTING_MAX, and nothing a browser would load from a third party (see sanitiseHtml).
 * Both go through sanitize-html's real HTML parser: regex tag stripping (as rss-parser's
 * `contentSnippet` does) turns `&lt;img onerror&gt;` back into markup.
 */
import { decodeHTML } from "entities";
import iconv from "iconv-lite";
import sanitizeHtml from "sanitize-html";

/**
 * Elements whose text is code or chrome, never article text. (The text inside iframe or object
 * is fallback meant for readers, so it stays, as inert text.)
 */
const NON_TEXT_TAGS = ["script", "style", "textarea", "option", "noscript", "title", "template", "svg", "math", "head"];
const BLOCK_TAGS =
  /<(\/?)(p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|section|article|header|footer|figure|figcaption|hr|dd|dt|pre)\b/gi;

/** Windows-1252 code points that arrive as C1 controls (`&#146;`, or cp1252 bytes read as latin-1). */
function demoronize(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => {
    const mapped = iconv.decode(Buffer.from([c.charCodeAt(0)]), "windows-1252");
    return mapped === "\ufffd" ? "" : mapped;
  });
}

/**
 * UTF-8 that was read as windows-1252 and encoded again (`Ã©` for `é`, `â€™` for `’`).
 * Repaired only when the whole string round-trips to valid UTF-8, so genuine accents stay.
 */
function repairMojibake(text: string): string {
  if (!/[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]/.test(text))
    return text;
  // Back to the bytes as they were misread: latin-1 for U+0000-U+00FF (C1 controls included,
  // as `&#128;` leaves them), windows-1252 for its few characters above.
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code <= 0xff) bytes.push(code);
    else {
      const encoded = iconv.encode(ch, "windows-1252");
      if (encoded.length !== 1 || iconv.decode(encoded, "windows-1252") !== ch) return text;
      bytes.push(encoded[0]!);
    }
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bytes));
  } catch {
    return text;
  }
}

export function repairText(text: string): string {
  return demoronize(repairMojibake(text));
}

/** Without it there is neither markup nor a character reference: nothing to strip or decode. */
const MARKUP = /[<&]/;

function stripTags(html: string): string {
  // The parser would give such text back as it is (every BMP character was checked); most titles
  // and summaries are such text, and their two parses cost a cold bench fetch 0.4 s.
  if (!MARKUP.test(html)) return html;
  const text = sanitizeHtml(html.replace(BLOCK_TAGS, " <$1$2"), { allowedTags: [], allowedAttributes: {}, nonTextTags: NON_TEXT_TAGS });
  return decodeHTML(text);
}

/**
 * Plain text from a feed field that may hold HTML. When a publisher escaped markup twice, one
 * pass leaves text that is still markup: it is stripped again (bounded), so no field ever carries
 * a tag a careless template could render.
 */
export function toPlainText(html: string): string {
  let text = stripTags(html);
  for (let pass = 0; pass < 3 && /<[a-zA-Z!/?]/.test(text); pass++) text = stripTags(text);
  text = text.replace(/<(?=[a-zA-Z!/?])/g, "‹");
  return repairText(text).replace(/\s+/g, " ").trim();
}

/** Cuts at a word boundary and marks the cut; `max` counts characters, ellipsis included. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s.,;:!?\-–—]+$/, "")}…`;
}

function absoluteUrl(value: string | undefined, base: string): string | undefined {
  if (!value) return undefined;
  try {
    return new URL(value.trim(), base).href;
  } catch {
    return undefined;
  }
}

/**
 * Deeper elements are dropped, their text kept. Articles nest a dozen levels at most; 20 000
 * unclosed `<b>` (60 kB) overflowed the stack of the build's HTML transform.
 */
export const NESTING_MAX = 32;

function isTrackingPixel(attribs: Record<string, string>): boolean {
  const tiny = (v: string | undefined) => v !== undefined && /^\s*[01](px)?\s*$/.test(v);
  return tiny(attribs.width) && tiny(attribs.height);
}

const LINK_REL = "noopener noreferrer nofollow";
/** What an image becomes: its text, since a visitor's browser must not fetch it from a third party. */
const imageText = (alt: string | undefined) => `[image${alt?.trim() ? ` : ${alt.trim()}` : ""}]`;
/** Not an allowed tag and without children: sanitize-html writes nothing in its place. */
const DROPPED = "retire";

/**
 * Allowlisted HTML for a `reuse: full` body, links made absolute against `base`.
 *
 * The item page promises visitors no third-party request, so the body keeps no element a
 * browser loads by itself: no img, picture, source, video, audio, track, iframe, embed, object,
 * svg nor any src, srcset, poster or style attribute. An image becomes a link to it, named by its
 * alternative text; inside a link, without a web address, or as a tracking pixel, it disappears.
 */
export function sanitiseHtml(html: string, base: string): string {
  let openLinks = 0;
  const clean = sanitizeHtml(html, {
    allowedTags: [
      "p",
      "br",
      "hr",
      "a",
      "strong",
      "b",
      "em",
      "i",
      "u",
      "s",
      "small",
      "sub",
      "sup",
      "mark",
      "abbr",
      "cite",
      "q",
      "code",
      "pre",
      "kbd",
      "blockquote",
      "ul",
      "ol",
      "li",
      "dl",
      "dt",
      "dd",
      "h2",
      "h3",
      "h4",
      "h5",
      "h6",
      "figure",
      "figcaption",
      "table",
      "caption",
      "thead",
      "tbody",
      "tfoot",
      "tr",
      "th",
      "td",
    ],
    allowedAttributes: {
      a: ["href", "title", "rel"],
      abbr: ["title"],
      q: ["cite"],
      blockquote: ["cite"],
      td: ["colspan", "rowspan"],
      th: ["colspan", "rowspan", "scope"],
    },
    allowedSchemes: ["http", "https", "mailto"],
    allowProtocolRelative: false,
    nonTextTags: NON_TEXT_TAGS,
    nestingLimit: NESTING_MAX,
    // Called on every source tag before transformTags, which cannot see an image's ancestors.
    onOpenTag: (name) => {
      if (name === "a") openLinks++;
    },
    onCloseTag: (name) => {
      if (name === "a") openLinks = Math.max(0, openLinks - 1);
    },
    transformTags: {
      h1: "h2",
      a: (tagName, attribs) => {
        const href = absoluteUrl(attribs.href, base);
        return { tagName, attribs: { ...attribs, ...(href ? { href } : {}), rel: LINK_REL } };
      },
      img: (_tagName, attribs): sanitizeHtml.Tag => {
        const src = absoluteUrl(attribs.src, base);
        // Inside a link (links do not nest), without a web address, or a tracking pixel: dropped.
        // (Text given to a dropped void tag would swallow the text after it: sanitize-html 2.17.)
        if (openLinks > 0 || !src || !/^https?:/i.test(src) || isTrackingPixel(attribs)) return { tagName: DROPPED, attribs: {} };
        return { tagName: "a", attribs: { href: src, rel: LINK_REL }, text: imageText(attribs.alt) };
      },
    },
    // A link left empty (it held only an image) would be announced to screen readers as nothing.
    exclusiveFilter: (frame) => frame.tag === "a" && !frame.text.trim(),
  });
  return repairText(clean).trim();
}
