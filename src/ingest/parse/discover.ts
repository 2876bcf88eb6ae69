/**
 * Feed discovery: the feeds a web page advertises with `<link rel="alternate" type="…">`, read
 * by htmlparser2's HTML tokenizer (so a `<link>` written inside a script or a comment is not one),
 * in one linear pass.
 */
import { decodeHTMLAttribute } from "entities";
import { tokenize } from "./tokenize.ts";

function isFeedLink(attrs: Map<string, string>): boolean {
  const rel = (attrs.get("rel") ?? "").toLowerCase().split(/[\t\n\f\r ]+/);
  const type = (attrs.get("type") ?? "").toLowerCase();
  return rel.includes("alternate") && ["rss", "atom", "json"].some((kind) => type.includes(kind));
}

/** Feed URLs a web page advertises, absolute against the page's URL, without repeats. */
export function advertisedFeeds(html: string, pageUrl: string): string[] {
  const found = new Set<string>();
  let attrs: Map<string, string> | undefined;
  let name = "";
  let value: string[] = [];
  const endTag = () => {
    if (!attrs || !isFeedLink(attrs)) return;
    try {
      found.add(new URL(attrs.get("href") ?? "", pageUrl).href);
    } catch {
      // An unusable href is simply not advertised.
    }
  };
  tokenize(html, false, {
    onopentagname(start, end) {
      attrs = end - start === 4 && html.slice(start, end).toLowerCase() === "link" ? new Map() : undefined;
    },
    onattribname(start, end) {
      name = html.slice(start, end).toLowerCase();
      value = [];
    },
    onattribdata(start, end) {
      if (attrs) value.push(html.slice(start, end));
    },
    onattribend() {
      if (attrs && !attrs.has(name)) attrs.set(name, decodeHTMLAttribute(value.join("")));
    },
    onopentagend: endTag,
    onselfclosingtag: endTag,
  });
  return [...found];
}
