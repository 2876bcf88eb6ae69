import { z } from "zod";

/**
 * Turns a zod schema into Decap CMS fields, through the schema's JSON Schema (`z.toJSONSchema`):
 * which keys exist, which are required, their types, lists, enums and patterns come from the
 * schema alone, and so does which vocabulary a select offers: a schema taken from a vocabulary
 * says so (`vocabulary`, src/core/taxonomy.ts), never the key's name. What a schema cannot say
 * (French labels, hints, option labels, each vocabulary's options) comes from the presentation
 * given alongside; a key with no label still appears, under its own name, so a field added to a
 * schema is never missing from the editor.
 */

export interface DecapOption {
  label: string;
  value: string;
}

/** A Decap CMS field, as written to `config.yml`. */
export interface DecapField {
  name: string;
  label: string;
  widget: string;
  required?: boolean;
  hint?: string;
  default?: unknown;
  options?: DecapOption[];
  multiple?: boolean;
  min?: number;
  max?: number;
  value_type?: "int" | "float";
  pattern?: [string, string];
  fields?: DecapField[];
  field?: DecapField;
  format?: string;
  date_format?: string;
  time_format?: boolean;
  picker_utc?: boolean;
}

export interface FieldText {
  label: string;
  hint?: string;
  /** French labels of a closed list's values (`all`, `keywords`…), by value. */
  options?: Record<string, string>;
}

export interface Presentation {
  /** French label and hint by key; nested keys are dotted (`contact.email`). */
  text: Record<string, FieldText>;
  /** Options (value and French label) of each vocabulary, by the name its schemas carry. */
  vocabularies: Partial<Record<string, readonly DecapOption[]>>;
  /** Keys kept in the file but not shown in the form (written by the pipeline or by Eleventy). */
  hidden?: readonly string[];
  /** Keys left out of the form entirely (Eleventy settings the folder already provides). */
  omit?: readonly string[];
  /** Keys edited as multi-line text rather than one line. */
  multiline?: readonly string[];
}

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: string[];
  const?: unknown;
  anyOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
  /** The vocabulary the values come from (`.meta({ vocabulary })` on the zod schema). */
  vocabulary?: string;
}

const DAY_PATTERN = String.raw`^\d{4}-\d{2}-\d{2}$`;
/** A web address as Decap checks it in the browser; the build checks it again with zod. */
const URL_PATTERN = String.raw`^https?://[^\s/$.?#][^\s]*$`;
const URL_MESSAGE = "adresse web complète attendue, commençant par https:// (ou http://)";

/** What the editor says when a pattern is not met; keyed by the pattern the schemas use. */
function patternMessage(pattern: string, messages: Record<string, string>): string {
  return messages[pattern] ?? "format non reconnu : voir l'aide sous le champ";
}

export interface ConvertOptions extends Presentation {
  /** French messages for the schemas' patterns, keyed by the pattern's source. */
  patternMessages: Record<string, string>;
}

/** The JSON Schema of what a maintainer writes in a file (defaults make keys optional). */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
}

/** Decap fields for every key of an object schema, in the schema's order. */
export function fieldsFromSchema(schema: z.ZodType, options: ConvertOptions): DecapField[] {
  return objectFields(jsonSchemaOf(schema), "", options);
}

function objectFields(json: JsonSchema, prefix: string, options: ConvertOptions): DecapField[] {
  const required = new Set(json.required ?? []);
  const fields: DecapField[] = [];
  for (const [key, property] of Object.entries(json.properties ?? {})) {
    const path = prefix + key;
    if (options.omit?.includes(path)) continue;
    const field = toField(key, path, property, required.has(key) && property.default === undefined, options);
    if (field) fields.push(field);
  }
  return fields;
}

function toField(name: string, path: string, json: JsonSchema, required: boolean, options: ConvertOptions): DecapField | undefined {
  const text = options.text[path];
  const base = { name, label: text?.label ?? name, ...(text?.hint ? { hint: text.hint } : {}) };
  const withDefault = json.default !== undefined ? { default: json.default } : {};
  if (options.hidden?.includes(path)) return { ...base, widget: "hidden", required: false, ...withDefault };

  const vocabularyName = json.vocabulary ?? (json.type === "array" ? json.items?.vocabulary : undefined);
  const vocabulary = vocabularyName === undefined ? undefined : options.vocabularies[vocabularyName];
  if (vocabulary) {
    const multiple = json.type === "array";
    const min = multiple && json.minItems ? { min: json.minItems } : {};
    return {
      ...base,
      widget: "select",
      options: [...vocabulary],
      multiple,
      required: multiple ? Boolean(json.minItems) : required,
      ...min,
      ...withDefault,
    };
  }
  if (json.const !== undefined) return { ...base, widget: "hidden", required: false, default: json.const };
  // A closed list no vocabulary names: its values, labelled in French by the field's text.
  const choices = (values: string[]) => values.map((value) => ({ label: text?.options?.[value] ?? value, value }));
  if (json.enum) return { ...base, widget: "select", options: choices(json.enum), required, ...withDefault };

  if (json.anyOf) return alternativeField(base, json.anyOf, required, options);

  switch (json.type) {
    case "integer":
    case "number": {
      const bounds = {
        ...(json.minimum !== undefined ? { min: json.minimum } : {}),
        ...(json.maximum !== undefined ? { max: json.maximum } : {}),
      };
      return { ...base, widget: "number", value_type: json.type === "integer" ? "int" : "float", required, ...bounds, ...withDefault };
    }
    case "boolean":
      return { ...base, widget: "boolean", required: false, ...withDefault };
    case "object":
      return { ...base, widget: "object", required, fields: objectFields(json, `${path}.`, options) };
    case "array": {
      const items = json.items ?? {};
      if (items.enum) {
        const min = json.minItems ? { min: json.minItems } : {};
        return {
          ...base,
          widget: "select",
          multiple: true,
          options: choices(items.enum),
          required: Boolean(json.minItems),
          ...min,
          ...withDefault,
        };
      }
      // A list is required when it may not be empty: an empty list is written as [].
      const min = json.minItems ? { min: json.minItems } : {};
      if (items.type === "object") {
        return {
          ...base,
          widget: "list",
          required: Boolean(json.minItems),
          ...min,
          fields: objectFields(items, `${path}.`, options),
          ...withDefault,
        };
      }
      const item = toField("valeur", `${path}[]`, items, true, options) ?? { name: "valeur", label: "valeur", widget: "string" };
      return { ...base, widget: "list", required: Boolean(json.minItems), ...min, field: item, ...withDefault };
    }
    case "string":
      return stringField(base, json, required, options);
    default:
      // `z.unknown()` and the like: nothing a form can offer.
      return undefined;
  }
}

type Base = Pick<DecapField, "name" | "label" | "hint">;

function stringField(base: Base, json: JsonSchema, required: boolean, options: ConvertOptions): DecapField {
  const widget = options.multiline?.includes(base.name) ? "text" : "string";
  // A required key whose schema accepts "" (a bare string) may be left blank in the form.
  const acceptsEmpty = !json.minLength && !json.format && !json.pattern;
  const field: DecapField = { ...base, widget, required: required && !acceptsEmpty };
  if (json.default !== undefined) field.default = json.default;
  if (json.format === "uri") field.pattern = [URL_PATTERN, URL_MESSAGE];
  else if (json.format === "email")
    field.pattern = [String.raw`^[^\s@]+@[^\s@]+\.[^\s@]+$`, "adresse électronique attendue (nom@domaine.fr)"];
  else if (json.pattern) field.pattern = [json.pattern, patternMessage(json.pattern, options.patternMessages)];
  else if (json.maxLength !== undefined) field.pattern = [`^[\\s\\S]{0,${json.maxLength}}$`, `${json.maxLength} caractères au plus`];
  return field;
}

/** Unions: a day (a date or AAAA-MM-JJ), an optional address ("" or a URL), a timestamp. */
function alternativeField(base: Base, anyOf: JsonSchema[], required: boolean, options: ConvertOptions): DecapField {
  const strings = anyOf.filter((s) => s.type === "string");
  const empty = strings.some((s) => s.const === "");
  if (strings.some((s) => s.pattern === DAY_PATTERN)) {
    return {
      ...base,
      widget: "datetime",
      required: required && !empty,
      format: "YYYY-MM-DD",
      date_format: "DD/MM/YYYY",
      time_format: false,
      picker_utc: true,
    };
  }
  const real = strings.find((s) => s.const === undefined) ?? {};
  const field = stringField(base, real, required && !empty, options);
  if (empty && field.pattern) field.pattern = [`(${field.pattern[0]})|^$`, `${field.pattern[1]}, ou laisser vide`];
  return field;
}
