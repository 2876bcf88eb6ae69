/**
 * Which adapter reads a document, decided by what the document is rather than by patterns
 * anywhere in its text: JSON by its first character, XML by its root element (so an Atom entry
 * quoting `<rss version="2.0">` in its content is still Atom), a web page by its doctype or its
 * `<html>` root when no feed root follows.
 */
import { FeedError, type FeedFormat } from "./raw.ts";
import { parseXml, type XmlElement } from "./xml.ts";

export type Detected = { kind: "json" } | { kind: "html" } | { kind: "xml"; format: Exclude<FeedFormat, "json">; root: XmlElement };

const ROOTS: Record<string, Exclude<FeedFormat, "json">> = { rss: "rss", RDF: "rdf", feed: "atom" };

export function detect(text: string, contentType: string | undefined): Detected {
  const head = text.charAt(0);
  if (head === "{" || head === "[" || (head !== "<" && /json/i.test(contentType ?? ""))) return { kind: "json" };
  const doc = parseXml(text);
  const format = doc.root ? ROOTS[doc.root.local] : undefined;
  // A feed root wins over an HTML doctype left in front of it by a careless template.
  if (!format && (doc.doctype === "html" || doc.root?.local.toLowerCase() === "html" || /text\/html/i.test(contentType ?? "")))
    return { kind: "html" };
  if (doc.error)
    throw new FeedError("invalid-xml", `XML invalide (ligne ${doc.error.line}, colonne ${doc.error.column}) : ${doc.error.message}`);
  if (!doc.root) throw new FeedError("invalid-xml", "XML invalide : aucun élément");
  if (!format)
    throw new FeedError(
      "not-a-feed",
      `document XML qui n'est ni un flux RSS, ni Atom, ni RDF (élément racine <${doc.root.name.slice(0, 40)}>)`,
    );
  return { kind: "xml", format, root: doc.root };
}
