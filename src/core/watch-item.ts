import { z } from "zod";
import { sectionSchema, sourceIdSchema, territorySchema, themeIdSchema } from "./taxonomy.ts";

/** ISO 8601 with an explicit offset, as the pipeline writes it; YAML may hand it over as a Date. */
const timestampSchema = z.union([
  z.date(),
  z
    .string()
    .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s), {
      message: "date ISO 8601 avec fuseau attendue (ex. 2026-11-23T08:30:00+01:00)",
    }),
]);

/**
 * Longest values a watch item's front matter may hold, in characters. The ingest cuts or refuses
 * longer ones (a 5 MB GUID must never be copied into files, feeds and the search index); the
 * site and the bench use the same figures.
 */
export const TITLE_MAX = 250;
/** A card shows the whole summary: about three lines. */
export const SUMMARY_MAX = 400;
/** Browsers and servers commonly refuse longer addresses; none of a real article is near it. */
export const URL_MAX = 2000;
export const GUID_MAX = 500;

/**
 * Front matter of `content/veille/<YYYY>/<YYYY-MM-DD>-<slug>.md` (contract in docs/architecture.md).
 * Written by the ingest pipeline, read by the site; a maintainer may edit themes or add a note.
 */
export const watchItemSchema = z.strictObject({
  title: z.string().min(1).max(TITLE_MAX),
  date: timestampSchema,
  source: sourceIdSchema,
  url: z.url({ protocol: /^https?$/ }).max(URL_MAX),
  guid: z.string().min(1).max(GUID_MAX),
  section: sectionSchema,
  territory: territorySchema,
  themes: z.array(themeIdSchema).default([]),
  summary: z.string().max(SUMMARY_MAX).default(""),
  fetched: timestampSchema,
  /** The group's own comment, added by hand. */
  note: z.string().optional(),
  /** « Sélection du groupe »: shown first, with a mark, on the home page, theme pages and letters. */
  selected: z.boolean().optional(),
  /** Left out of every page, feed and the search index; the ledger keeps it, so it never comes back. */
  hidden: z.boolean().optional(),
  /** The classifier's relevance score when the item was kept (src/ingest/classify.ts). */
  score: z.number().optional(),
  /** Why it was kept: the terms or evidence, short French phrases shown to maintainers. */
  reasons: z.array(z.string()).optional(),
});
export type WatchItem = z.infer<typeof watchItemSchema>;
