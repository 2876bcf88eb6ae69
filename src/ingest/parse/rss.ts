/**
 * RSS 0.91, 0.92 and 2.0 (root `<rss>`, whatever its version attribute says or omits): the
 * channel's title and link, and its items. The item mapping also serves RSS 1.0 (rdf.ts), whose
 * items carry the same elements.
 */
import { checkItemCount, setText, type ParsedFeed, type RawItem } from "./raw.ts";
import { all, contentOf, first, named, namespaced, NS, textOf, type Matcher, type XmlElement } from "./xml.ts";

/** Full content, preferred in this order; `body` is XHTML in any namespace (RSS extensions). */
const CONTENT: Matcher[] = [namespaced(NS.content, "encoded"), named("fullitem"), (e) => e.local === "body"];
/** Publication first; the Dublin Core terms of revision and creation only when nothing else. */
const DATE: Matcher[] = [
  named("pubDate"),
  namespaced(NS.dc, "date"),
  ...["issued", "modified", "created"].map(
    (local): Matcher =>
      (e) =>
        e.local === local,
  ),
];

export function rssItem(item: XmlElement): RawItem {
  const raw: RawItem = {
    categories: all(item, named("category"), namespaced(NS.dc, "subject"))
      .map((c) => textOf(c) ?? "")
      .filter((c) => c.trim()),
  };
  setText(raw, "guid", textOf(first(item, named("guid"))) || item.attrs["rdf:about"], true);
  const link = first(item, named("link"));
  setText(raw, "link", textOf(link) || link?.attrs.href, true);
  setText(raw, "title", contentOf(first(item, named("title"), namespaced(NS.dc, "title"))));
  setText(raw, "summary", contentOf(first(item, named("summary"), named("description"))));
  setText(raw, "content", contentOf(first(item, ...CONTENT)));
  setText(raw, "date", textOf(first(item, ...DATE)), true);
  return raw;
}

/** Title and home page of a channel (RSS) or of RSS 1.0's `<channel>`. */
export function channelFields(channel: XmlElement | undefined): Pick<ParsedFeed, "title" | "link"> {
  const fields: Pick<ParsedFeed, "title" | "link"> = {};
  const title = contentOf(first(channel, named("title"), namespaced(NS.dc, "title")));
  const link = textOf(first(channel, named("link")))?.trim();
  if (title?.trim()) fields.title = title;
  if (link) fields.link = link;
  return fields;
}

export function readRss(root: XmlElement, maxItems: number): ParsedFeed {
  const channel = first(root, named("channel"));
  // Some RSS 0.9x feeds put their items beside the channel rather than in it.
  const items = [...all(channel, named("item")), ...all(root, named("item"))];
  checkItemCount(items.length, maxItems);
  return { format: "rss", ...channelFields(channel), items: items.map(rssItem) };
}
