/**
 * HTML inside a feed's fields, flattened below a depth every later stage can afford. The HTML
 * parser under sanitize-html keeps its open elements with `Array.unshift`, so its time grows with
 * the square of the nesting: 120 000 nested `<b>` (360 kB) in one summary took 18 s to turn into
 * plain text and 12 s to sanitise, in the run's own thread. Here, in the parse (so under its
 * budget), one linear pass with htmlparser2's tokenizer drops the tags opened deeper than
 * HTML_DEPTH_MAX and their end tags, and keeps everything else, text included, byte for byte.
 */
import { tokenize } from "./tokenize.ts";
import type { RawItem } from "./raw.ts";

/** Far above any article (a dozen levels) and above sanitize-html's own cut for bodies. */
export const HTML_DEPTH_MAX = 256;

/** Elements that never hold content, so never add depth. */
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]);

function limitNesting(html: string, max = HTML_DEPTH_MAX): string {
  if (!html.includes("<")) return html;
  const kept: string[] = [];
  let cursor = 0;
  /** Open elements: name and whether its tags were kept. */
  const stack: { name: string; kept: boolean }[] = [];
  const openCount = new Map<string, number>();
  let tag: { name: string; start: number } | undefined;

  const drop = (start: number, end: number) => {
    kept.push(html.slice(cursor, start));
    cursor = end;
  };
  const open = (end: number, selfClosing: boolean) => {
    if (!tag) return;
    const { name, start } = tag;
    tag = undefined;
    const deep = stack.length >= max;
    if (deep) drop(start, end + 1);
    if (selfClosing || VOID.has(name)) return;
    stack.push({ name, kept: !deep });
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
  };

  tokenize(html, false, {
    onopentagname(start, end) {
      tag = { name: html.slice(start, end).toLowerCase(), start: start - 1 };
    },
    onopentagend: (end) => open(end, false),
    onselfclosingtag: (end) => open(end, true),
    onclosetag(start, end) {
      const name = html.slice(start, end).toLowerCase();
      if (!openCount.get(name)) return;
      let top: { name: string; kept: boolean };
      do {
        top = stack.pop()!;
        openCount.set(top.name, openCount.get(top.name)! - 1);
      } while (top.name !== name);
      if (!top.kept) {
        const close = html.indexOf(">", end);
        drop(start - 2, close < 0 ? html.length : close + 1);
      }
    },
  });
  if (cursor === 0) return html;
  kept.push(html.slice(cursor));
  return kept.join("");
}

/** The item with the fields that may hold HTML flattened below HTML_DEPTH_MAX. */
export function limitItemNesting(item: RawItem): RawItem {
  for (const key of ["title", "summary", "content"] as const) {
    const value = item[key];
    if (value !== undefined) item[key] = limitNesting(value);
  }
  return item;
}
