/**
 * A feed document as a small element tree, read by htmlparser2 in XML mode.
 *
 * htmlparser2's tokenizer is a single-pass state machine (linear in the input, no regular
 * expression, no recursion), and it recovers where a strict XML parser gives up on the whole feed:
 * bare `&`, HTML-only entity names, a stray close tag, a `<!DOCTYPE>` with an internal subset. We
 * ask it for raw text (`decodeEntities: false`) and decode it ourselves with `entities`' strict
 * HTML decoder, so `&eacute;` reads as in a browser, a bare `&` stays a character, and CDATA stays
 * literal. What we do not recover from is structure: an element closed by another one's end tag,
 * or never closed, means item boundaries cannot be trusted; the tree records the first such error
 * and the caller reports the feed as invalid XML.
 */
import { decodeHTMLStrict } from "entities";
import { tokenize } from "./tokenize.ts";
import { stripForbidden } from "../../core/xml-chars.ts";
import { escapeText } from "./raw.ts";

/**
 * Elements deeper than this are not built (their text still reaches the nearest kept ancestor):
 * real feeds nest a dozen levels, and every walk over the tree may then recurse safely.
 */
export const MAX_DEPTH = 100;

export interface XmlElement {
  /** The qualified name as written (`dc:date`). */
  name: string;
  prefix: string;
  local: string;
  /** The namespace URI the prefix resolves to, "" when undeclared. */
  ns: string;
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
}

export interface XmlDocument {
  root?: XmlElement;
  /** Name of the `<!DOCTYPE …>` declaration, lower case (`html` for a web page). */
  doctype?: string;
  /** The first structural error: where it was found (line and column from 1) and what it is. */
  error?: { line: number; column: number; message: string };
}

const XML_NS = "http://www.w3.org/XML/1998/namespace";

function splitName(name: string): { prefix: string; local: string } {
  const colon = name.indexOf(":");
  return colon < 0 ? { prefix: "", local: name } : { prefix: name.slice(0, colon), local: name.slice(colon + 1) };
}

function position(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < index; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}

/** Text is decoded once (entities, numeric references) and stripped of what XML 1.0 forbids. */
function decodeText(raw: string): string {
  return stripForbidden(decodeHTMLStrict(raw));
}

interface Open {
  name: string;
  element?: XmlElement;
  /** Offset of the `<` that opened it, for the error's position. */
  start: number;
}

/**
 * Built on htmlparser2's tokenizer rather than its Parser (tokenize.ts): the Parser's stack is
 * quadratic in nesting depth (100 000 nested `<b>` took 2 s, 400 000 over 2 min). Here the stack
 * is pushed and popped, and a count per name answers "is it open?" at once, so every element is
 * opened and closed once.
 */
export function parseXml(text: string): XmlDocument {
  const doc: XmlDocument = {};
  const stack: Open[] = [];
  const openCount = new Map<string, number>();
  // Namespace scopes chain through prototypes: a declaration costs its own size, never a copy.
  const scopes: Record<string, string>[] = [Object.assign(Object.create(null) as Record<string, string>, { xml: XML_NS })];
  const kept: XmlElement[] = [];
  let pending: string[] = [];
  let tag: { name: string; start: number; attrs: Record<string, string> } | undefined;
  let attrName = "";
  let attrValue: string[] = [];

  const current = () => kept[kept.length - 1];
  const addText = (value: string) => {
    if (value) current()?.children.push(value);
  };
  // Text outside the root element carries nothing; inside, entities are decoded once.
  const flush = () => {
    if (!pending.length) return;
    addText(decodeText(pending.join("")));
    pending = [];
  };
  const unclosed = (element: Open) => {
    doc.error ??= { ...position(text, element.start), message: `élément <${element.name}> jamais fermé` };
  };

  const open = (selfClosing: boolean) => {
    if (!tag) return;
    const { name, start, attrs } = tag;
    tag = undefined;
    const parent = current();
    let element: XmlElement | undefined;
    if (stack.length < MAX_DEPTH && (parent || !doc.root)) {
      let scope = scopes[scopes.length - 1]!;
      for (const [key, value] of Object.entries(attrs)) {
        if (key !== "xmlns" && !key.startsWith("xmlns:")) continue;
        if (scope === scopes[scopes.length - 1]) scope = Object.create(scope) as Record<string, string>;
        scope[key === "xmlns" ? "" : key.slice(6)] = value.trim();
      }
      const { prefix, local } = splitName(name);
      element = { name, prefix, local, ns: scope[prefix] ?? "", attrs, children: [] };
      if (parent) parent.children.push(element);
      else doc.root = element;
      if (!selfClosing) {
        scopes.push(scope);
        kept.push(element);
      }
    }
    if (selfClosing) return;
    stack.push({ name, start, ...(element ? { element } : {}) });
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
  };

  const close = (): Open => {
    const top = stack.pop()!;
    openCount.set(top.name, openCount.get(top.name)! - 1);
    if (top.element) {
      kept.pop();
      scopes.pop();
    }
    return top;
  };

  tokenize(text, true, {
    ontext(start, end) {
      pending.push(text.slice(start, end));
    },
    oncdata(start, end, offset) {
      flush();
      addText(stripForbidden(text.slice(start, end - offset)));
    },
    ondeclaration(start, end) {
      const value = text.slice(start, Math.min(end, start + 200));
      if (doc.doctype === undefined && value.slice(0, 7).toLowerCase() === "doctype")
        doc.doctype = value
          .slice(7)
          .trimStart()
          .split(/[\s[>]/, 1)[0]!
          .toLowerCase();
    },
    onopentagname(start, end) {
      flush();
      tag = { name: text.slice(start, end), start: start - 1, attrs: {} };
    },
    onattribname(start, end) {
      attrName = text.slice(start, end);
      attrValue = [];
    },
    onattribdata(start, end) {
      attrValue.push(text.slice(start, end));
    },
    onattribend() {
      if (tag && !(attrName in tag.attrs)) tag.attrs[attrName] = decodeText(attrValue.join(""));
    },
    onopentagend() {
      open(false);
    },
    onselfclosingtag() {
      open(true);
    },
    onclosetag(start, end) {
      flush();
      const name = text.slice(start, end);
      // A close tag matching nothing open is dropped; one that closes an ancestor closes the
      // elements left open inside it, which is a structural error.
      if (!openCount.get(name)) return;
      while (stack[stack.length - 1]!.name !== name) unclosed(close());
      close();
    },
    onend() {
      flush();
      while (stack.length) unclosed(close());
    },
  });
  return doc;
}

export function elements(parent: XmlElement | undefined): XmlElement[] {
  return (parent?.children ?? []).filter((c): c is XmlElement => typeof c !== "string");
}

/** Direct text of an element, its child elements left out. */
export function textOf(element: XmlElement | undefined): string | undefined {
  if (!element) return undefined;
  return element.children.filter((c): c is string => typeof c === "string").join("");
}

function escapeAttribute(text: string): string {
  return escapeText(text).replaceAll('"', "&quot;");
}

/** The element's content as markup again, for mixed content (XHTML bodies, unescaped HTML). */
function innerXml(element: XmlElement): string {
  return element.children.map((child) => (typeof child === "string" ? escapeText(child) : outerXml(child))).join("");
}

/** HTML elements that take no content: written `<br/>`, since `<br></br>` reads as two breaks. */
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]);

function outerXml(element: XmlElement): string {
  const attrs = Object.entries(element.attrs)
    .filter(([key]) => key !== "xmlns" && !key.startsWith("xmlns:"))
    .map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`)
    .join("");
  if (VOID.has(element.local) && !element.children.length) return `<${element.local}${attrs}/>`;
  return `<${element.local}${attrs}>${innerXml(element)}</${element.local}>`;
}

/**
 * What a field holds, as the later stages expect it (HTML or text that may contain entities):
 * its text when it is only text, its markup when the publisher left HTML unescaped inside it.
 */
export function contentOf(element: XmlElement | undefined): string | undefined {
  if (!element) return undefined;
  return element.children.some((c) => typeof c !== "string") ? innerXml(element) : textOf(element);
}

/** A namespace as feeds declare it, and the prefix publishers use when they forget to declare it. */
export interface Namespace {
  uri: string;
  prefix: string;
}

export const NS = {
  atom: { uri: "http://www.w3.org/2005/Atom", prefix: "atom" },
  atom03: { uri: "http://purl.org/atom/ns#", prefix: "atom" },
  content: { uri: "http://purl.org/rss/1.0/modules/content/", prefix: "content" },
  dc: { uri: "http://purl.org/dc/elements/1.1/", prefix: "dc" },
  dcterms: { uri: "http://purl.org/dc/terms/", prefix: "dcterms" },
  rdf: { uri: "http://www.w3.org/1999/02/22-rdf-syntax-ns#", prefix: "rdf" },
} satisfies Record<string, Namespace>;

export type Matcher = (element: XmlElement) => boolean;

/** An element written without a prefix (in no namespace, or the document's default one). */
export const named =
  (local: string): Matcher =>
  (e) =>
    e.local === local && e.prefix === "";

/** An element of a namespace, declared or written with its usual prefix. */
export const namespaced =
  (ns: Namespace, local: string): Matcher =>
  (e) =>
    e.local === local && (e.ns === ns.uri || (e.ns === "" && e.prefix === ns.prefix));

function hasContent(element: XmlElement): boolean {
  return element.children.some((c) => typeof c !== "string" || c.trim() !== "");
}

/**
 * The first child with content that the first matcher accepts, else the second's, and so on:
 * the matchers say which field the format prefers, and a blank field never hides a later one.
 */
export function first(parent: XmlElement | undefined, ...matchers: Matcher[]): XmlElement | undefined {
  const children = elements(parent);
  for (const matches of matchers) {
    const found = children.find((c) => matches(c) && hasContent(c));
    if (found) return found;
  }
  return undefined;
}

export function all(parent: XmlElement | undefined, ...matchers: Matcher[]): XmlElement[] {
  return elements(parent).filter((c) => matchers.some((matches) => matches(c)));
}
