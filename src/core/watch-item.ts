import { z } from "zod";
import { idSchema, sectionSchema, territorySchema } from "./taxonomy.ts";

/** ISO 8601 with an explicit offset, as the pipeline writes it; YAML may hand it over as a Date. */
const timestampSchema = z.union([
  z.date(),
  z.string().refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s), {
    message: "date ISO 8601 avec fuseau attendue (ex. 2026-11-23T08:30:00+01:00)",
  }),
]);

/**
 * Front matter of `content/veille/<YYYY>/<YYYY-MM-DD>-<slug>.md` (DESIGN.md contract).
 * Written by the ingest pipeline, read by the site; a maintainer may edit themes or add a note.
 */
export const watchItemSchema = z.strictObject({
  title: z.string().min(1),
  date: timestampSchema,
  source: idSchema,
  url: z.url({ protocol: /^https?$/ }),
  guid: z.string().min(1),
  section: sectionSchema,
  territory: territorySchema,
  themes: z.array(idSchema).default([]),
  summary: z.string().default(""),
  fetched: timestampSchema,
  /** The group's own comment, added by hand. */
  note: z.string().optional(),
});
export type WatchItem = z.infer<typeof watchItemSchema>;
