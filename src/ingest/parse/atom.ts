/**
 * Atom 1.0 and Atom 0.3 (root `<feed>`): entries with their id, alternate link, title, summary,
 * content and dates. Text constructs keep their markup whatever their `type` (XHTML content is
 * serialised back), and Atom 0.3's `mode="base64"` is decoded.
 */
import { stripForbidden } from "../../core/xml-chars.ts";
import { checkItemCount, setText, type ParsedFeed, type RawItem } from "./raw.ts";
import { all, contentOf, first, namespaced, NS, textOf, type Matcher, type XmlElement } from "./xml.ts";

/** An Atom element: unprefixed (Atom is the default namespace), or prefixed with either Atom namespace. */
const atom =
  (local: string): Matcher =>
  (e) =>
    e.local === local && (e.prefix === "" || e.ns === NS.atom.uri || e.ns === NS.atom03.uri);

/** Publication first; 0.3's `issued`, `modified` and `created` after 1.0's `updated`. */
const DATE: Matcher[] = [atom("published"), namespaced(NS.dc, "date"), atom("updated"), atom("issued"), atom("modified"), atom("created")];

function textConstruct(element: XmlElement | undefined): string | undefined {
  if (element?.attrs.mode === "base64") return stripForbidden(Buffer.from(textOf(element) ?? "", "base64").toString("utf8"));
  return contentOf(element);
}

/** The alternate link (or the first with an address); a link written as text in the last resort. */
function linkOf(parent: XmlElement): string | undefined {
  const links = all(parent, atom("link"));
  const withHref = links.filter((l) => l.attrs.href?.trim());
  const alternate = withHref.find((l) => (l.attrs.rel ?? "alternate").trim() === "alternate") ?? withHref[0];
  return (alternate?.attrs.href ?? links.map(textOf).find((t) => t?.trim()))?.trim();
}

function atomEntry(entry: XmlElement): RawItem {
  const categories = [
    ...all(entry, atom("category")).map((c) => c.attrs.term ?? c.attrs.label ?? textOf(c) ?? ""),
    ...all(entry, namespaced(NS.dc, "subject")).map((c) => textOf(c) ?? ""),
  ];
  const raw: RawItem = { categories: categories.filter((c) => c.trim()) };
  setText(raw, "guid", textOf(first(entry, atom("id"))), true);
  setText(raw, "link", linkOf(entry), true);
  setText(raw, "title", textConstruct(first(entry, atom("title"))));
  setText(raw, "summary", textConstruct(first(entry, atom("summary"))));
  setText(raw, "content", textConstruct(first(entry, atom("content"))));
  setText(raw, "date", textOf(first(entry, ...DATE)), true);
  return raw;
}

export function readAtom(root: XmlElement, maxItems: number): ParsedFeed {
  const entries = all(root, atom("entry"));
  checkItemCount(entries.length, maxItems);
  const feed: ParsedFeed = { format: "atom", items: entries.map(atomEntry) };
  const title = textConstruct(first(root, atom("title")));
  const link = linkOf(root);
  if (title?.trim()) feed.title = title;
  if (link) feed.link = link;
  return feed;
}
