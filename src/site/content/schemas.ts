import { z } from "zod";
import type { DataFileName } from "../../core/paths.ts";
import { audienceSchema, idSchema, resourceTypeSchema, territorySchema } from "../../core/taxonomy.ts";
import { SUMMARY_MAX, watchItemSchema } from "../../core/watch-item.ts";

/** A phone number as a `tel:` link takes it. */
export const phoneSchema = z.string().regex(/^\+?\d+$/, { message: "numéro sans espaces attendu (ex. 0800005696)" });
/** A GitHub repository, `owner/name`. */
export const repoSchema = z.string().regex(/^[\w.-]+\/[\w.-]+$/, { message: "« compte/dépôt » attendu (ex. groupe-appui/site)" });
/** A calendar day as YAML text; front matter may also hold it as a date (`isoDay`). */
export const isoDayText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "date au format AAAA-MM-JJ attendue" });
const isoDay = z.union([z.date(), isoDayText]);

const linkSchema = z.strictObject({ label: z.string().min(1), url: z.string().min(1) });
const optionalUrl = z.union([z.literal(""), z.url({ protocol: /^https?$/ })]);

const urgentHelpSchema = z
  .strictObject({
    name: z.string().min(1),
    contact: z.string().min(1),
    tel: phoneSchema.optional(),
    url: z.url({ protocol: /^https?$/ }).optional(),
    hours: z.string().optional(),
    note: z.string().optional(),
  });

/** Text the group may not have decided yet: empty is allowed, and the pages then say what is missing. */
const pending = z.string();
const optionalEmail = z.union([z.literal(""), z.email()]);

export const siteSchema = z.strictObject({
  name: z.string().min(1),
  shortName: z.string().min(1),
  territory: z.string().min(1),
  description: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }),
  language: z.literal("fr"),
  contact: z.strictObject({
    endpoint: optionalUrl,
    email: optionalEmail,
  }),
  procedures: z.strictObject({
    acknowledgement: pending,
  }),
  legal: z.strictObject({
    publisher: z.strictObject({ name: pending, address: pending, phone: pending, email: optionalEmail }),
    director: pending,
    host: z.strictObject({ name: pending, address: pending, phone: pending, url: optionalUrl, dataCollectionUrl: optionalUrl }),
  }),
  privacy: z.strictObject({
    controller: pending,
    dpo: pending,
    legalBasis: pending,
    formService: pending,
    retention: pending,
  }),
  accessibility: z
    .strictObject({
      // RGAA: only an audit may support "totalement" or "partiellement" conforme.
      status: z.enum(["totalement", "partiellement", "non"]),
      statementDate: isoDayText,
      auditDate: z.union([z.literal(""), isoDayText]),
      auditor: pending,
      rate: pending,
      contact: pending,
    })
    .superRefine((a, ctx) => {
      if (a.status === "non") return;
      for (const key of ["auditDate", "auditor", "rate"] as const) {
        if (!a[key]) ctx.addIssue({ code: "custom", path: [key], message: `obligatoire quand l'état est « ${a.status} » : sans audit, l'état est « non »` });
      }
    }),
  navigation: z.array(linkSchema).min(1),
  footerLinks: z.array(linkSchema),
  urgentHelp: z.array(urgentHelpSchema).min(1),
  /** Where the editor at /admin/ saves (the GitHub repository) and how maintainers sign in. */
  editor: z
    .strictObject({
      repo: z.union([z.literal(""), repoSchema]).default(""),
      branch: z.string().min(1).default("main"),
      authUrl: optionalUrl.default(""),
    })
    .optional(),
});
export type Site = z.infer<typeof siteSchema>;

/** `_data/letterIntros.yaml`: the group's introduction to a weekly letter, by week (written in the editor). */
export const letterIntroSchema = z.strictObject({
  week: z.string().regex(/^\d{4}-S\d{2}$/, { message: "semaine au format AAAA-SNN attendue (ex. 2026-S48)" }),
  /** Plain text; a blank line starts a new paragraph. */
  text: z.string().min(1),
});
export const letterIntrosSchema = z.array(letterIntroSchema);

/** Global data files validated when Eleventy loads them (core/paths.ts DATA_FILES). */
export const dataSchemas: Partial<Record<DataFileName, z.ZodType>> = {
  site: siteSchema,
  letterIntros: letterIntrosSchema,
};

/** Keys Eleventy itself understands, allowed in any front matter. */
export const eleventyKeys = {
  layout: z.string().optional(),
  permalink: z.union([z.string(), z.literal(false)]).optional(),
  eleventyExcludeFromCollections: z.boolean().optional(),
  eleventyNavigation: z.unknown().optional(),
};

/** Text written by the project for the group stays a proposition until the group validates it. */
export const statusSchema = z.enum(["proposition", "valide"], {
  error: "« proposition » (texte rédigé pour le groupe, en attente de sa validation) ou « valide » attendu",
});

export const pageSchema = z.strictObject({
  ...eleventyKeys,
  title: z.string().min(1),
  description: z.string().min(1).max(200),
  status: statusSchema,
});

export const resourceSchema = z.strictObject({
  ...eleventyKeys,
  title: z.string().min(1),
  organisation: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }),
  type: resourceTypeSchema,
  themes: z.array(idSchema).min(1),
  territory: territorySchema,
  audiences: z.array(audienceSchema).min(1),
  language: z.string().regex(/^[a-z]{2}$/, { message: "code de langue à deux lettres attendu (fr, en, de…)" }),
  summary: z.string().min(1).max(SUMMARY_MAX),
  updated: isoDay,
});

export const postSchema = z.strictObject({
  ...eleventyKeys,
  title: z.string().min(1),
  description: z.string().min(1).max(200),
  date: isoDay,
  author: z.string().min(1).optional(),
  themes: z.array(idSchema).default([]),
  tags: z.array(z.string().min(1)).default([]),
  status: statusSchema,
});

export { watchItemSchema };

