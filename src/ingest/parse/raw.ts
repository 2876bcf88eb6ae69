/**
 * What every format adapter produces: the publisher's strings, untouched but for entity decoding
 * and the characters XML 1.0 forbids. The normaliser decides what they mean.
 */

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

export type FeedFormat = "rss" | "rdf" | "atom" | "json";

export interface ParsedFeed {
  format: FeedFormat;
  title?: string;
  link?: string;
  items: RawItem[];
}

export type FeedErrorCode = "empty" | "html" | "invalid-xml" | "invalid-json" | "not-a-feed" | "too-long" | "parse-crashed";

export class FeedError extends Error {
  constructor(
    readonly code: FeedErrorCode,
    message: string,
    /** For "html": the feeds the page advertises, absolute, so a maintainer's command can offer them. */
    readonly advertised: readonly string[] = [],
  ) {
    super(message);
    this.name = "FeedError";
  }
}

/** Text as HTML that reads as that text. */
export function escapeText(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** Sets `key` only when `value` holds more than white space, so absent and blank read the same. */
export function setText<K extends keyof RawItem>(raw: RawItem, key: K, value: string | undefined, trim = false): void {
  if (value?.trim()) (raw as unknown as Record<string, string>)[key] = trim ? value.trim() : value;
}
