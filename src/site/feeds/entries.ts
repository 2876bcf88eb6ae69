import type { Entry } from "../content/entries.ts";
import { feedId, isAbsolute } from "../editorial/site-url.ts";
import { reuseStatement } from "../editorial/reuse.ts";
import { frenchText, NARROW_NBSP } from "../editorial/typography.ts";
import type { Labels } from "../search/facets.ts";

/** How a feed marks a text written for the group that the group has not validated (`status: proposition`). */
export const PROPOSAL = {
  title: `Proposition${NARROW_NBSP}: `,
  author: "Texte proposé au groupe, en attente de sa validation",
  notice: `Texte proposé, en attente de validation par le groupe${NARROW_NBSP}: il a été rédigé pour le groupe et ne l’engage pas tant qu’il ne l’a pas validé.`,
};

/** What the Atom and JSON feeds say of one entry, by the same rules. */
export interface FeedEntry {
  title: string;
  /** Set for a text awaiting the group's validation: the notice its body opens with. */
  notice?: string;
  /** Set for an item of a source the site may reproduce: what is reproduced, under which licence (said when its body is carried). */
  rights?: string;
  date: Date;
  /** The source's name for a watch item, the post's author, or the site. */
  author: string;
  /** The feed's own summary of a watch item, a post's description. */
  summary?: string;
  /** The article a watch item points to. */
  externalUrl?: string;
  themes: { id: string; label: string }[];
}

/**
 * A proposition carries its mark in the feeds as on its page: in its title, its summary and its
 * body's first paragraph, and no byline names anyone (least of all the group) before it is validated.
 */
export function feedEntry(entry: Entry, labels: Labels, siteName: string, reproduced: ReadonlyMap<string, string> = new Map()): FeedEntry {
  const { data } = entry;
  const proposal = data.status === "proposition";
  // A watch item's title and summary are the source's own words, left as sent; the site's own text is typeset.
  const own = (value: string | undefined) => (value && !data.source ? frenchText(value) : value);
  const text = own(data.summary || data.description);
  const summary = proposal ? `${PROPOSAL.notice} ${text ?? ""}`.trim() : text;
  return {
    title: proposal ? `${PROPOSAL.title}${own(data.title)}` : own(data.title)!,
    ...(proposal ? { notice: PROPOSAL.notice } : {}),
    ...(data.source && reproduced.has(data.source) ? { rights: reuseStatement(reproduced.get(data.source)!) } : {}),
    date: entry.date,
    author: data.source ? labels.source(data.source) : proposal ? PROPOSAL.author : (data.author ?? siteName),
    ...(summary ? { summary } : {}),
    ...(data.source && data.url ? { externalUrl: data.url } : {}),
    themes: (data.themes ?? []).map((id) => ({ id, label: labels.theme(id) })),
  };
}

/** The opening paragraph of a proposition's body in a feed ("" for any other entry). */
export function noticeHtml(fields: Pick<FeedEntry, "notice">): string {
  return fields.notice ? `<p><strong>${fields.notice}</strong></p>\n` : "";
}

/** The closing paragraph of a reproduced item's body in a feed ("" for any other entry). */
export function rightsHtml(fields: Pick<FeedEntry, "rights">): string {
  return fields.rights ? `\n<p><em>${fields.rights}</em></p>` : "";
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
  // Without the site's address (none chosen, none given by the deployment), URLs are left out
  // rather than written relative, and ids are stable URNs (`feedId`).
  const ifAbsolute = (key: string, url: string) => (isAbsolute(url) ? { [key]: url } : {});
  return {
    version: "https://jsonfeed.org/version/1.1",
    title: frenchText(head.title),
    ...ifAbsolute("home_page_url", head.homeUrl),
    ...ifAbsolute("feed_url", head.feedUrl),
    description: frenchText(head.description),
    language: "fr",
    authors: [{ name: frenchText(head.author) }],
    items: entries.map(({ url, fields, body }) => ({
      id: feedId(url),
      ...ifAbsolute("url", url),
      ...(fields.externalUrl ? { external_url: fields.externalUrl } : {}),
      title: fields.title,
      ...(body.trim()
        ? { content_html: `${noticeHtml(fields)}${body}${rightsHtml(fields)}` }
        : { content_text: fields.summary ?? fields.title }),
      ...(fields.summary ? { summary: fields.summary } : {}),
      date_published: fields.date.toISOString(),
      authors: [{ name: fields.author }],
      tags: fields.themes.map((t) => t.label),
    })),
  };
}
