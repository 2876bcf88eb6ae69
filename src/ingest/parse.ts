/**
 * Parser: decoded text to raw items, for RSS 2.0, RSS 0.9x, RSS 1.0 (RDF), Atom and JSON Feed.
 *
 * XML goes through rss-parser's `parseString`, with its known failures repaired around it
 * rather than patched inside: a version-less `<rss>`, a single invalid Atom date (it calls
 * `new Date(x).toISOString()` unguarded, which throws for the whole feed), bare ampersands and
 * HTML entities that its strict XML parser rejects, Atom links written as text. Raw items keep
 * the publisher's strings untouched; the normaliser decides what they mean.
 */
import { decodeHTML } from "entities";
import Parser from "rss-parser";
import { z } from "zod";

export interface RawItem {
  guid?: string;
  link?: string;
  title?: string;
  /** Short text or HTML from the feed (RSS description, Atom summary, JSON summary). */
  summary?: string;
  /** Full HTML content (content:encoded, Atom content, JSON content_html). */
  content?: string;
  date?: string;
  categories: string[];
}

export interface ParsedFeed {
  format: "rss" | "rdf" | "atom" | "json";
  title?: string;
  link?: string;
  items: RawItem[];
}

export type FeedErrorCode = "empty" | "html" | "invalid-xml" | "invalid-json" | "not-a-feed";

export class FeedError extends Error {
  constructor(
    readonly code: FeedErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "FeedError";
  }
}

/** Atom dates are renamed so rss-parser never sees them (see the module comment). */
const DATE_FIELDS = ["x-updated", "x-published", "modified", "issued", "created"] as const;

const parser = new Parser<Record<string, unknown>, Record<string, unknown>>({
  customFields: { item: [...DATE_FIELDS, "fullitem", "body", "xhtml:body", "category", "dc:subject", "rdf:about"] },
});

const XML_ENTITIES = new Set(["amp", "lt", "gt", "quot", "apos"]);

/** `&` that starts no valid reference becomes `&amp;`; HTML-only names become numeric references. */
function repairEntities(xml: string): string {
  return xml.replace(/&(#\d+;|#x[0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)?/g, (match, ref: string | undefined) => {
    if (!ref) return "&amp;";
    if (ref.startsWith("#")) return match;
    const name = ref.slice(0, -1);
    if (XML_ENTITIES.has(name)) return match;
    const decoded = decodeHTML(match);
    if (decoded === match) return `&amp;${ref}`;
    return Array.from(decoded, (ch) => `&#${ch.codePointAt(0)};`).join("");
  });
}

/** Applies `fix` outside CDATA sections only, where markup characters are literal. */
function outsideCdata(xml: string, fix: (part: string) => string): string {
  return xml
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part, i) => (i % 2 === 1 ? part : fix(part)))
    .join("");
}

export function repairXml(text: string): string {
  let xml = text.replace(/^\uFEFF/, "").replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g, "");
  xml = xml.replace(/<\?xml\s[^>]*\?>/g, "").replace(/<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>/gi, "").trimStart();
  return outsideCdata(xml, (part) => {
    let fixed = repairEntities(part);
    fixed = fixed.replace(/<rss(?=[\s>])(?![^>]*\sversion\s*=)/, '<rss version="2.0"');
    fixed = fixed.replace(/<(\/?)(?:[\w-]+:)?(updated|published)(?=[\s>/])/g, "<$1x-$2");
    // rss-parser reads `channel[0]` unguarded: an RSS or RDF document without one is an empty feed.
    if (/<(rss|(?:[\w-]+:)?RDF)[\s>]/.test(fixed) && !/<channel[\s>/]/.test(fixed)) fixed = fixed.replace(/<\/(rss|(?:[\w-]+:)?RDF)>/, "<channel></channel></$1>");
    if (/<(?:[\w-]+:)?feed[\s>]/.test(fixed)) fixed = fixed.replace(/<link>\s*([^<\s]*)\s*<\/link>/g, '<link href="$1"/>');
    return fixed;
  });
}

/** xml2js hands over a string, `{ _: text, $: attrs }`, or an element tree for mixed content. */
function textOf(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (value && typeof value === "object" && "_" in value && typeof value._ === "string") return value._;
  return undefined;
}

function textsOf(value: unknown): string[] {
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(textOf).filter((t): t is string => !!t?.trim());
}

function firstText(...values: unknown[]): string | undefined {
  for (const value of values) {
    const text = textOf(value);
    if (text?.trim()) return text;
  }
  return undefined;
}

function toRawItem(item: Record<string, unknown>, format: ParsedFeed["format"]): RawItem {
  const isAtom = format === "atom";
  // rss-parser stores the RSS <description> as `content`, Atom <content> as `content`.
  const description = isAtom ? undefined : firstText(item.content);
  const richContent = firstText(item["content:encoded"], isAtom ? item.content : undefined, item.fullitem, item["xhtml:body"], item.body);
  const raw: RawItem = { categories: [...textsOf(item.categories), ...textsOf(item.category), ...textsOf(item["dc:subject"])] };
  const guid = firstText(item.guid, item.id, item["rdf:about"]);
  const link = firstText(item.link);
  const title = firstText(item.title);
  const summary = firstText(item.summary, description);
  const date = firstText(item["x-published"], item.pubDate, item["dc:date"], item.date, item["x-updated"], item.issued, item.modified, item.created);
  if (guid) raw.guid = guid.trim();
  if (link) raw.link = link.trim();
  if (title) raw.title = title;
  if (summary) raw.summary = summary;
  if (richContent) raw.content = richContent;
  if (date) raw.date = date.trim();
  return raw;
}

function detectFormat(xml: string): ParsedFeed["format"] {
  if (/<(?:[\w-]+:)?RDF[\s>]/.test(xml)) return "rdf";
  if (/<(?:[\w-]+:)?feed[\s>]/.test(xml) && !/<rss[\s>]/.test(xml)) return "atom";
  return "rss";
}

function explainXmlError(error: Error): FeedError {
  const message = error.message ?? String(error);
  if (/not recognized as RSS/i.test(message)) return new FeedError("not-a-feed", "document XML qui n'est ni un flux RSS, ni Atom, ni RDF");
  const line = /Line:\s*(\d+)/.exec(message)?.[1];
  const column = /Column:\s*(\d+)/.exec(message)?.[1];
  const where = line ? ` (ligne ${Number(line) + 1}, colonne ${column})` : "";
  return new FeedError("invalid-xml", `XML invalide${where} : ${message.split("\n")[0]}`);
}

async function parseXml(text: string): Promise<ParsedFeed> {
  const xml = repairXml(text);
  let feed: Awaited<ReturnType<typeof parser.parseString>>;
  try {
    feed = await parser.parseString(xml);
  } catch (error) {
    throw explainXmlError(error as Error);
  }
  const format = detectFormat(xml);
  const result: ParsedFeed = { format, items: (feed.items ?? []).map((item) => toRawItem(item as Record<string, unknown>, format)) };
  const title = textOf(feed.title);
  const link = textOf(feed.link);
  if (title) result.title = title;
  if (link) result.link = link;
  return result;
}

const jsonItemSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).optional(),
  url: z.string().optional(),
  external_url: z.string().optional(),
  title: z.string().optional(),
  summary: z.string().optional(),
  content_html: z.string().optional(),
  content_text: z.string().optional(),
  date_published: z.string().optional(),
  date_modified: z.string().optional(),
  tags: z.array(z.unknown()).optional(),
});
const jsonFeedSchema = z.looseObject({
  version: z.string().regex(/^https:\/\/jsonfeed\.org\/version\/1(\.1)?$/),
  title: z.string().optional(),
  home_page_url: z.string().optional(),
  items: z.array(z.unknown()),
});

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function parseJsonFeed(text: string): ParsedFeed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FeedError("invalid-json", `JSON invalide : ${(error as Error).message}`);
  }
  const feed = jsonFeedSchema.safeParse(value);
  if (!feed.success) throw new FeedError("not-a-feed", "document JSON qui n'est pas un JSON Feed 1.0 ou 1.1 (champ « version » ou « items » absent ou invalide)");
  const items: RawItem[] = [];
  for (const entry of feed.data.items) {
    const parsed = jsonItemSchema.safeParse(entry);
    if (!parsed.success) continue;
    const item = parsed.data;
    const raw: RawItem = { categories: (item.tags ?? []).filter((t): t is string => typeof t === "string") };
    if (item.id !== undefined && String(item.id).trim()) raw.guid = String(item.id).trim();
    const link = item.url ?? item.external_url;
    if (link) raw.link = link.trim();
    if (item.title) raw.title = item.title;
    if (item.summary) raw.summary = item.summary;
    // content_text is plain text: escape it so later stages can treat every field as HTML.
    const content = item.content_html ?? (item.content_text ? escapeText(item.content_text) : undefined);
    if (content) raw.content = content;
    const date = item.date_published ?? item.date_modified;
    if (date) raw.date = date.trim();
    items.push(raw);
  }
  const result: ParsedFeed = { format: "json", items };
  if (feed.data.title) result.title = feed.data.title;
  if (feed.data.home_page_url) result.link = feed.data.home_page_url;
  return result;
}

/** Feed URLs a web page advertises with `<link rel="alternate" type="…rss/atom/json…">`. */
export function advertisedFeeds(html: string, pageUrl: string): string[] {
  const found = new Set<string>();
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const attrs = new Map<string, string>();
    for (const m of tag.matchAll(/([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g)) attrs.set(m[1]!.toLowerCase(), decodeHTML(m[2] ?? m[3] ?? m[4] ?? ""));
    if (!/\balternate\b/i.test(attrs.get("rel") ?? "")) continue;
    if (!/(rss|atom|feed\+json|json)/i.test(attrs.get("type") ?? "")) continue;
    try {
      found.add(new URL(attrs.get("href") ?? "", pageUrl).href);
    } catch {
      // An unusable href is simply not advertised.
    }
  }
  return [...found];
}

function looksLikeHtml(text: string, contentType: string | undefined): boolean {
  const head = text.slice(0, 2048).replace(/^(\s*<!--[\s\S]*?-->)*\s*/, "");
  if (/^<(!doctype\s+html|html[\s>])/i.test(head)) return true;
  return /text\/html/i.test(contentType ?? "") && !/^<\?xml|^<(rss|feed|rdf:RDF)[\s>]/i.test(head);
}

export async function parseFeed(text: string, contentType: string | undefined, url: string): Promise<ParsedFeed> {
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (!trimmed) throw new FeedError("empty", "document vide");
  if (looksLikeHtml(trimmed, contentType)) {
    const feeds = advertisedFeeds(trimmed, url);
    const hint = feeds.length ? `flux annoncés par la page : ${feeds.join(", ")}` : "la page n'annonce aucun flux";
    throw new FeedError("html", `page HTML reçue au lieu d'un flux ; ${hint}`);
  }
  if (trimmed.startsWith("{") || /json/i.test(contentType ?? "")) return parseJsonFeed(trimmed);
  return parseXml(trimmed);
}
