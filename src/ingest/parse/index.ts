/**
 * Parser: decoded text to raw items. The format is detected from the document itself
 * (detect.ts), then one adapter per format maps it to the same raw item type, as Miniflux's
 * `internal/reader/{rss,atom,rdf,json}` do, and the HTML in their fields is kept shallow enough
 * for the later stages (nesting.ts). Every step is linear in the input; the run also bounds each
 * parse in time (bounded.ts).
 */
import { readAtom } from "./atom.ts";
import { detect } from "./detect.ts";
import { advertisedFeeds } from "./discover.ts";
import { readJsonFeed } from "./json.ts";
import { limitItemNesting } from "./nesting.ts";
import { FeedError, MAX_FEED_ITEMS, type ParsedFeed } from "./raw.ts";
import { readRdf } from "./rdf.ts";
import { readRss } from "./rss.ts";

export { FeedError, MAX_FEED_ITEMS, type FeedErrorCode, type FeedFormat, type ParsedFeed, type RawItem } from "./raw.ts";

const READERS = { rss: readRss, rdf: readRdf, atom: readAtom };

/** Throws FeedError when the text is no feed, or a feed of more than `maxItems` items (raw.ts). */
export async function parseFeed(
  text: string,
  contentType: string | undefined,
  url: string,
  maxItems: number = MAX_FEED_ITEMS,
): Promise<ParsedFeed> {
  const trimmed = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).trim();
  if (!trimmed) throw new FeedError("empty", "document vide");
  const detected = detect(trimmed, contentType);
  if (detected.kind !== "html") {
    const feed = detected.kind === "json" ? readJsonFeed(trimmed, maxItems) : READERS[detected.format](detected.root, maxItems);
    feed.items.forEach(limitItemNesting);
    return feed;
  }
  const feeds = advertisedFeeds(trimmed, url);
  const hint = feeds.length ? `flux annoncés par la page : ${feeds.join(", ")}` : "la page n'annonce aucun flux";
  throw new FeedError("html", `page HTML reçue au lieu d'un flux ; ${hint}`, feeds);
}
