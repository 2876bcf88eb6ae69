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

export type FeedErrorCode =
  "empty" | "html" | "invalid-xml" | "invalid-json" | "not-a-feed" | "too-long" | "too-many-items" | "parse-crashed";

/**
 * Items one feed may hold (DEFAULTS.maxFeedItems in run.ts). A real feed lists tens, at most a few
 * thousand; a 10 MB JSON Feed of 3.5 million empty items took 1.4 GB to parse, normalise and copy
 * back to the run. Over the cap the feed is refused before its items are mapped, let alone copied.
 */
export const MAX_FEED_ITEMS = 10_000;

/** Refuses a feed of more than `max` items, before any of them is read. */
export function checkItemCount(count: number, max: number): void {
  if (count > max)
    throw new FeedError(
      "too-many-items",
      `flux de ${count.toLocaleString("fr-FR")} articles, plus que les ${max.toLocaleString("fr-FR")} acceptés par source : refusé pour ne pas saturer la mémoire`,
    );
}

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
