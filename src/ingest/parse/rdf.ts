/**
 * RSS 1.0 and RSS 0.90 (root `<rdf:RDF>`): the channel and the items are siblings under the root,
 * each item named by its `rdf:about`, its fields those of RSS (rss.ts).
 */
import { checkItemCount, type ParsedFeed } from "./raw.ts";
import { channelFields, rssItem } from "./rss.ts";
import { all, first, named, type XmlElement } from "./xml.ts";

export function readRdf(root: XmlElement, maxItems: number): ParsedFeed {
  const items = all(root, named("item"));
  checkItemCount(items.length, maxItems);
  return { format: "rdf", ...channelFields(first(root, named("channel"))), items: items.map(rssItem) };
}
