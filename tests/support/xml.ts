import { DOMParser, onWarningStopParsing, type Document, type Element } from "@xmldom/xmldom";

export type { Element as XmlElement } from "@xmldom/xmldom";

/** Parses XML strictly: any warning or error (not only fatal ones) throws, naming what was wrong. */
export function parseXml(text: string): Document {
  return new DOMParser({ onError: onWarningStopParsing }).parseFromString(text, "text/xml");
}

export function children(parent: Document | Element, name: string): Element[] {
  return Array.from(parent.getElementsByTagName(name));
}

/** Text of the first descendant named `name`, or "" when there is none. */
export function childText(parent: Document | Element, name: string): string {
  return children(parent, name)[0]?.textContent ?? "";
}
