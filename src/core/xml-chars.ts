/**
 * Characters XML 1.0 forbids (https://www.w3.org/TR/xml/#charsets): C0 controls other than tab,
 * line feed and carriage return, lone surrogates, U+FFFE and U+FFFF. One of them in a feed title
 * makes `/feed.xml` or the OPML unreadable to every reader, so the ingest strips them from what it
 * reads and the site from what it writes. A single character class, no repetition: linear time.
 */
const FORBIDDEN = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** `&#27;`, `&#x1B;`: a numeric reference, which XML forbids too when it names a forbidden character. */
const NUMERIC_REFERENCE = /&#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}));/g;

function allowed(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

/** `text` without the raw characters XML 1.0 forbids. */
export function stripForbidden(text: string): string {
  return text.replace(FORBIDDEN, "");
}

/** `text` (XML source) without the characters XML 1.0 forbids, raw or as numeric references. */
export function xmlSafe(text: string): string {
  return stripForbidden(text).replace(NUMERIC_REFERENCE, (reference, hex: string | undefined, decimal: string | undefined) =>
    allowed(hex ? Number.parseInt(hex, 16) : Number(decimal)) ? reference : "",
  );
}
