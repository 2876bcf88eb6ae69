/**
 * RSS 1.0 and RSS 0.90 (root `<rdf:RDF>`): the channel and the items are siblings under the root,
 * each item named by its `rdf:about`, its fields those of RSS (rss.ts).
 */
import type { ParsedFeed } from "./raw.ts";
import { channelFields, rssItem } from "./rss.ts";
import { all, first, named, type XmlElement } from "./xml.ts";

export function readRdf(root: XmlElement): ParsedFeed {
  return { format: "rdf", ...channelFields(first(root, named("channel"))), items: all(root, named("item")).map(rssItem) };
}
