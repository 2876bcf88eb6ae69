/**
 * Sanitiser: everything imported is untrusted text. Two outputs only:
 * - plain text (titles, summaries, matching): markup removed, entities decoded once, so the
 *   string is exactly what a reader should see and contains no tag;
 * - allowlisted HTML (`reuse: full` bodies): sanitize-html with no script, style, frame, object,
 *   form or metadata element, no event handler, http/https/mailto URLs only.
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
const BLOCK_TAGS = /<(\/?)(p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|section|article|header|footer|figure|figcaption|hr|dd|dt|pre)\b/gi;

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
  if (!/[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]/.test(text)) return text;
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

function stripTags(html: string): string {
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

function isTrackingPixel(attribs: Record<string, string>): boolean {
  const tiny = (v: string | undefined) => v !== undefined && /^\s*[01](px)?\s*$/.test(v);
  return tiny(attribs.width) && tiny(attribs.height);
}

/** Allowlisted HTML for a `reuse: full` body, with links and images made absolute against `base`. */
export function sanitiseHtml(html: string, base: string): string {
  const clean = sanitizeHtml(html, {
    allowedTags: ["p", "br", "hr", "a", "strong", "b", "em", "i", "u", "s", "small", "sub", "sup", "mark", "abbr", "cite", "q", "code", "pre", "kbd", "blockquote",
      "ul", "ol", "li", "dl", "dt", "dd", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "img", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td"],
    allowedAttributes: { a: ["href", "title", "rel"], img: ["src", "alt", "title", "width", "height"], abbr: ["title"], q: ["cite"], blockquote: ["cite"], td: ["colspan", "rowspan"], th: ["colspan", "rowspan", "scope"] },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: ["http", "https"] },
    allowProtocolRelative: false,
    nonTextTags: NON_TEXT_TAGS,
    transformTags: {
      h1: "h2",
      a: (tagName, attribs) => {
        const href = absoluteUrl(attribs.href, base);
        return { tagName, attribs: { ...attribs, ...(href ? { href } : {}), rel: "noopener noreferrer nofollow" } };
      },
      img: (tagName, attribs) => {
        const src = absoluteUrl(attribs.src, base);
        return { tagName, attribs: { ...attribs, ...(src ? { src } : {}) } };
      },
    },
    exclusiveFilter: (frame) => frame.tag === "img" && (!frame.attribs.src || isTrackingPixel(frame.attribs)),
  });
  return repairText(clean).trim();
}
