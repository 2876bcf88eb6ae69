import type { Entry } from "../content/entries.ts";
import type { Labels } from "../search/facets.ts";

/** What the Atom and JSON feeds say of one entry, by the same rules. */
export interface FeedEntry {
  title: string;
  date: Date;
  /** The source's name for a watch item, the post's author, or the site. */
  author: string;
  /** The feed's own summary of a watch item, a post's description. */
  summary?: string;
  /** The article a watch item points to. */
  externalUrl?: string;
  themes: { id: string; label: string }[];
}

export function feedEntry(entry: Entry, labels: Labels, siteName: string): FeedEntry {
  const { data } = entry;
  const summary = data.summary || data.description;
  return {
    title: data.title,
    date: entry.date,
    author: data.source ? labels.source(data.source) : (data.author ?? siteName),
    ...(summary ? { summary } : {}),
    ...(data.source && data.url ? { externalUrl: data.url } : {}),
    themes: (data.themes ?? []).map((id) => ({ id, label: labels.theme(id) })),
  };
}

export interface JsonFeedHead {
  title: string;
  homeUrl: string;
  feedUrl: string;
  description: string;
  author: string;
}

/**
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) as an object, for `JSON.stringify`.
 * `absolute` turns a site URL into an absolute one; `body` is an entry's HTML with absolute links
 * ("" when it has none, the text then being its summary or title).
 */
export function jsonFeed(
  head: JsonFeedHead,
  entries: readonly { url: string; fields: FeedEntry; body: string }[],
): Record<string, unknown> {
  return {
    version: "https://jsonfeed.org/version/1.1",
    title: head.title,
    home_page_url: head.homeUrl,
    feed_url: head.feedUrl,
    description: head.description,
    language: "fr",
    authors: [{ name: head.author }],
    items: entries.map(({ url, fields, body }) => ({
      id: url,
      url,
      ...(fields.externalUrl ? { external_url: fields.externalUrl } : {}),
      title: fields.title,
      ...(body.trim() ? { content_html: body } : { content_text: fields.summary ?? fields.title }),
      ...(fields.summary ? { summary: fields.summary } : {}),
      date_published: fields.date.toISOString(),
      authors: [{ name: fields.author }],
      tags: fields.themes.map((t) => t.label),
    })),
  };
}
