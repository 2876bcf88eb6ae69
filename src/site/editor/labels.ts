import { fileURLToPath } from "node:url";
import { z } from "zod";
import { MAX_ITEMS_DEFAULT } from "../../core/sources.ts";
import { loadYamlFile } from "../../core/validation.ts";
import type { FieldText } from "./fields.ts";

/**
 * French labels, hints and option labels of the editor's fields, read from field-text.yaml beside
 * this file (words only, in French; keys dotted for nested fields, `[]` for a plain list's items).
 * Which fields exist, and what they accept, come from the schemas: tests/admin/labels.test.ts checks
 * that every field of the editor has a label there, and that every key there is a field.
 */
export const FIELD_TEXT_FILE = fileURLToPath(new URL("./field-text.yaml", import.meta.url));

/** Figures the words may quote, written `{name}` in the file. */
const FIGURES: Record<string, number> = { maxItemsDefault: MAX_ITEMS_DEFAULT };

const words = z
  .string()
  .trim()
  .min(1)
  .transform((text) => text.replace(/\{(\w+)\}/g, (all, name: string) => (name in FIGURES ? String(FIGURES[name]) : all)))
  .refine((text) => !/\{\w+\}/.test(text), { message: `nombre inconnu entre accolades (connus : ${Object.keys(FIGURES).join(", ")})` });

/** The file's shape: a French label (and optionally a hint and option labels) per field key. */
export const fieldTextSchema = z
  .record(z.string(), z.strictObject({ label: words, hint: words.optional(), options: z.record(z.string().min(1), words).optional() }))
  .superRefine((text, ctx) => {
    for (const key of Object.keys(text)) {
      if (!/^[A-Za-z]+(?:\.[A-Za-z]+)*(?:\[\])?$/.test(key))
        ctx.addIssue({ code: "custom", path: [key], message: "nom de champ attendu (legal.host.name, tags[])" });
    }
  });

export const FIELD_TEXT: Record<string, FieldText> = loadYamlFile(FIELD_TEXT_FILE, fieldTextSchema);
