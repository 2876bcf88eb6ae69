import type { z } from "zod";
import type { watchItemSchema } from "../../core/watch-item.ts";
import type { pageSchema, postSchema, resourceSchema } from "./schemas.ts";

/** What the front-matter engine adds to every content file's validated data (front-matter.ts). */
interface Completed {
  /** The id of the file's content type (content-types.ts). */
  contentType: string;
  /** Eleventy's view of the page; the feeds read its URL. */
  page?: { url: string; inputPath: string; date: Date };
  /** Every type has one. */
  title: string;
}

/** Each content type's data: its schema's output (defaults filled in) plus what the engine adds. */
export type PageData = z.output<typeof pageSchema> & Completed;
export type ResourceData = z.output<typeof resourceSchema> & Completed;
export type PostData = z.output<typeof postSchema> & Completed;
export type WatchData = z.output<typeof watchItemSchema> & Completed;

/**
 * The data of an entry of any type, as the lists that mix types read it: each field that some
 * type declares, optional, with the type that the declaring types agree on.
 */
export type ContentData = Completed & Partial<Omit<PageData, keyof Completed>> & Partial<Omit<ResourceData, keyof Completed>> & Partial<Omit<PostData, keyof Completed>> & Partial<Omit<WatchData, keyof Completed>>;

/** What Eleventy's `getAll()` holds: content files, and templates (listings, feeds) with no content type. */
export type TemplateData = Partial<ContentData>;

/** Minimal view of the Eleventy page objects that the lists hold; `D` is the data of its content type. */
export interface Entry<D extends object = ContentData> {
  date: Date;
  data: D;
  url: string;
  inputPath: string;
}

const collator = new Intl.Collator("fr", { sensitivity: "base", numeric: true });

export function newestFirst<E extends Entry<object>>(entries: readonly E[]): E[] {
  return [...entries].sort((a, b) => b.date.getTime() - a.date.getTime() || collator.compare(a.inputPath, b.inputPath));
}

export function byTitle<E extends Entry<{ title: string }>>(entries: readonly E[]): E[] {
  return [...entries].sort((a, b) => collator.compare(a.data.title, b.data.title));
}

/** Entries the group marked « sélection du groupe » (`selected: true`) first, each part in the order it came. */
export function selectedFirst<E extends Entry<{ selected?: boolean }>>(entries: readonly E[]): E[] {
  return [...entries.filter((e) => e.data.selected === true), ...entries.filter((e) => e.data.selected !== true)];
}
