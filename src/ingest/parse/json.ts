/** JSON Feed 1.0 and 1.1: items with their id, URL, title, summary, HTML or text content and dates. */
import { z } from "zod";
import { stripForbidden } from "../../core/xml-chars.ts";
import { checkItemCount, escapeText, FeedError, setText, type ParsedFeed, type RawItem } from "./raw.ts";

const jsonItemSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).optional(),
  url: z.string().optional(),
  external_url: z.string().optional(),
  title: z.string().optional(),
  summary: z.string().optional(),
  content_html: z.string().optional(),
  content_text: z.string().optional(),
  date_published: z.string().optional(),
  date_modified: z.string().optional(),
  tags: z.array(z.unknown()).optional(),
});
const jsonFeedSchema = z.looseObject({
  version: z.string().regex(/^https:\/\/jsonfeed\.org\/version\/1(\.1)?$/),
  title: z.string().optional(),
  home_page_url: z.string().optional(),
  items: z.array(z.unknown()),
});

/** JSON strings may carry `\u001b` as well as XML may carry `&#x1B;`: both are dropped. */
const clean = (text: string | undefined) => (text === undefined ? undefined : stripForbidden(text));

export function readJsonFeed(text: string, maxItems: number): ParsedFeed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FeedError("invalid-json", `JSON invalide : ${(error as Error).message}`);
  }
  // Counted before the schema copies the array and before any item is read.
  const items = (value as { items?: unknown } | null)?.items;
  if (Array.isArray(items)) checkItemCount(items.length, maxItems);
  const feed = jsonFeedSchema.safeParse(value);
  if (!feed.success)
    throw new FeedError(
      "not-a-feed",
      "document JSON qui n'est pas un JSON Feed 1.0 ou 1.1 (champ « version » ou « items » absent ou invalide)",
    );
  const read: RawItem[] = [];
  for (const entry of feed.data.items) {
    const parsed = jsonItemSchema.safeParse(entry);
    if (!parsed.success) continue;
    const item = parsed.data;
    const raw: RawItem = { categories: (item.tags ?? []).filter((t): t is string => typeof t === "string").map(stripForbidden) };
    setText(raw, "guid", clean(item.id === undefined ? undefined : String(item.id)), true);
    setText(raw, "link", clean(item.url ?? item.external_url), true);
    setText(raw, "title", clean(item.title));
    setText(raw, "summary", clean(item.summary));
    // content_text is plain text: escape it so later stages can treat every field as HTML.
    setText(raw, "content", clean(item.content_html ?? (item.content_text ? escapeText(item.content_text) : undefined)));
    setText(raw, "date", clean(item.date_published ?? item.date_modified), true);
    read.push(raw);
  }
  const result: ParsedFeed = { format: "json", items: read };
  if (feed.data.title) result.title = stripForbidden(feed.data.title);
  if (feed.data.home_page_url) result.link = stripForbidden(feed.data.home_page_url);
  return result;
}
