import { DOMImplementation, XMLSerializer } from "@xmldom/xmldom";
import { SECTIONS } from "../../core/taxonomy.ts";
import type { Source } from "../../core/sources.ts";
import { sectionLabel } from "../filters.ts";

export interface OpmlHead {
  title: string;
  ownerName: string;
}

/**
 * The registry as an OPML 2.0 subscription list, one folder per section in the vocabulary's order.
 * Written through a DOM so every attribute is escaped by the serializer, never by hand.
 * An empty section keeps its folder: OPML requires at least one outline in the body.
 */
export function registryOpml(sources: readonly Source[], head: OpmlHead): string {
  const doc = new DOMImplementation().createDocument(null, "opml", null);
  const root = doc.documentElement!;
  root.setAttribute("version", "2.0");
  const el = (parent: typeof root, name: string, attributes: Record<string, string | undefined> = {}, text?: string) => {
    const node = doc.createElement(name);
    for (const [key, value] of Object.entries(attributes)) if (value !== undefined) node.setAttribute(key, value);
    if (text !== undefined) node.appendChild(doc.createTextNode(text));
    parent.appendChild(node);
    return node;
  };
  const headEl = el(root, "head");
  el(headEl, "title", {}, head.title);
  el(headEl, "ownerName", {}, head.ownerName);
  el(headEl, "docs", {}, "http://opml.org/spec2.opml");
  const body = el(root, "body");
  for (const section of SECTIONS) {
    const folder = el(body, "outline", { text: sectionLabel(section) });
    for (const source of sources.filter((s) => s.section === section)) {
      el(folder, "outline", { type: "rss", text: source.name, title: source.name, xmlUrl: source.feed, htmlUrl: source.site });
    }
  }
  return `<?xml version="1.0" encoding="utf-8"?>\n${new XMLSerializer().serializeToString(doc)}\n`;
}
