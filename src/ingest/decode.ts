/**
 * Decoder: response bytes to text. Precedence follows what publishers actually get wrong least:
 * a byte order mark cannot lie, the HTTP charset is set by the server, the XML prolog by the
 * author, and only then do we guess (UTF-8, with windows-1252 for the bytes that are not UTF-8).
 */
import iconv from "iconv-lite";

export type EncodingEvidence = "bom" | "http" | "prolog" | "utf-8" | "utf-8+windows-1252";

export interface Decoded {
  text: string;
  /** The encoding actually used, as iconv-lite names it. */
  encoding: string;
  from: EncodingEvidence;
}

/**
 * Labels whose web meaning differs from their name: browsers read ISO-8859-1 and US-ASCII as
 * windows-1252 (French feeds labelled latin-1 routinely carry curly quotes in 0x80-0x9F), and
 * GB2312 as its superset GB18030.
 */
const LABEL_ALIASES: Record<string, string> = {
  "us-ascii": "windows-1252",
  ascii: "windows-1252",
  "iso-8859-1": "windows-1252",
  "iso8859-1": "windows-1252",
  "iso_8859-1": "windows-1252",
  latin1: "windows-1252",
  "latin-1": "windows-1252",
  gb2312: "gb18030",
  utf8: "utf-8",
};

function canonicalLabel(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const lower = label.trim().toLowerCase();
  const name = LABEL_ALIASES[lower] ?? lower;
  return iconv.encodingExists(name) ? name : undefined;
}

const BOMS: ReadonlyArray<[number[], string]> = [
  [[0xef, 0xbb, 0xbf], "utf-8"],
  [[0xff, 0xfe, 0x00, 0x00], "utf-32le"],
  [[0x00, 0x00, 0xfe, 0xff], "utf-32be"],
  [[0xff, 0xfe], "utf-16le"],
  [[0xfe, 0xff], "utf-16be"],
];

function startsWith(bytes: Buffer, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function bomEncoding(bytes: Buffer): { encoding: string; length: number } | undefined {
  const match = BOMS.find(([prefix]) => startsWith(bytes, prefix));
  return match ? { encoding: match[1], length: match[0].length } : undefined;
}

/** XML 1.0 appendix F: without a BOM, the width of `<` (or `<?`) tells UTF-16/32 and byte order. */
function widthFromFirstChar(bytes: Buffer): string | undefined {
  if (startsWith(bytes, [0x00, 0x00, 0x00, 0x3c])) return "utf-32be";
  if (startsWith(bytes, [0x3c, 0x00, 0x00, 0x00])) return "utf-32le";
  if (startsWith(bytes, [0x00, 0x3c])) return "utf-16be";
  if (startsWith(bytes, [0x3c, 0x00])) return "utf-16le";
  return undefined;
}

function charsetFromContentType(contentType: string | undefined): string | undefined {
  return /;\s*charset\s*=\s*["']?([^"';\s,]+)/i.exec(contentType ?? "")?.[1];
}

function prologEncoding(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 512).toString("latin1");
  return /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head)?.[1];
}

/** Length of the valid UTF-8 sequence starting at `i`, or 0 when the byte there starts none. */
function utf8SequenceLength(bytes: Buffer, i: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (length === 0 || i + length > bytes.length) return 0;
  for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return 0;
  const second = bytes[i + 1]!;
  if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f) || (b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f))
    return 0;
  return length;
}

/**
 * UTF-8 where it is valid, windows-1252 byte by byte where it is not: a feed that mixes both
 * (a latin-1 excerpt pasted into a UTF-8 template) keeps every accent.
 */
function decodeUtf8Lenient(bytes: Buffer): { text: string; mixed: boolean } {
  const parts: string[] = [];
  let start = 0;
  let mixed = false;
  let i = 0;
  while (i < bytes.length) {
    const length = utf8SequenceLength(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    mixed = true;
    parts.push(bytes.subarray(start, i).toString("utf8"), iconv.decode(bytes.subarray(i, i + 1), "windows-1252"));
    i += 1;
    start = i;
  }
  parts.push(bytes.subarray(start).toString("utf8"));
  return { text: parts.join(""), mixed };
}

function decodeWith(bytes: Buffer, encoding: string, from: EncodingEvidence): Decoded {
  if (encoding === "utf-8") {
    const { text, mixed } = decodeUtf8Lenient(bytes);
    return { text, encoding, from: mixed ? "utf-8+windows-1252" : from };
  }
  return { text: iconv.decode(bytes, encoding, { stripBOM: true }), encoding, from };
}

export function decodeBody(body: Buffer, contentType?: string): Decoded {
  const bom = bomEncoding(body);
  if (bom) return decodeWith(body.subarray(bom.length), bom.encoding, "bom");

  const fromHttp = canonicalLabel(charsetFromContentType(contentType));
  // A single-byte HTTP label cannot describe a UTF-16/32 body: the bytes win over the header.
  const wide = widthFromFirstChar(body);
  if (fromHttp && !(wide && !fromHttp.startsWith("utf-16") && !fromHttp.startsWith("utf-32"))) return decodeWith(body, fromHttp, "http");
  if (wide) return decodeWith(body, wide, "prolog");

  const fromProlog = canonicalLabel(prologEncoding(body));
  if (fromProlog && !fromProlog.startsWith("utf-16") && !fromProlog.startsWith("utf-32")) return decodeWith(body, fromProlog, "prolog");
  return decodeWith(body, "utf-8", "utf-8");
}
