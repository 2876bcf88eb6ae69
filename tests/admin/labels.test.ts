import { describe, expect, it } from "vitest";
import { z } from "zod";
import { sourceSchema } from "../../src/core/sources.ts";
import { TERRITORY_LABELS, territorySchema, themeIdSchema, themeSchema, themesFileSchema } from "../../src/core/taxonomy.ts";
import { loadYamlFile } from "../../src/core/validation.ts";
import { CONTENT_TYPES } from "../../src/site/content/content-types.ts";
import { letterIntroSchema, siteSchema } from "../../src/site/content/schemas.ts";
import { cmsConfig } from "../../src/site/editor/cms-config.ts";
import { fieldsFromSchema, jsonSchemaOf, type DecapField } from "../../src/site/editor/fields.ts";
import { FIELD_TEXT, fieldTextSchema } from "../../src/site/editor/labels.ts";
import { LIST_KEY } from "../../src/site/editor/yaml-format.js";

const themes = loadYamlFile("_data/themeCatalog.yaml", themesFileSchema);
const config = cmsConfig({
  themes,
  sources: [{ id: "exemple", name: "Exemple" }],
  watchYears: ["2026"],
  repo: "groupe/site",
  branch: "main",
  authUrl: "",
  localPort: 8081,
}) as { collections: { name: string; fields?: DecapField[]; files?: { name: string; fields: DecapField[] }[] }[] };

/** Every form of the editor (a folder collection, or one data file), by name. */
const forms = config.collections.flatMap((c) =>
  c.files ? c.files.map((f) => [`${c.name}/${f.name}`, f.fields] as const) : [[c.name, c.fields ?? []] as const],
);

/** Each field of a form, nested ones and list items included, with where it sits. */
function* walk(fields: readonly DecapField[], where: string): Generator<{ where: string; field: DecapField }> {
  for (const field of fields) {
    const path = `${where}.${field.name}`;
    yield { where: path, field };
    if (field.fields) yield* walk(field.fields, path);
    if (field.field) yield* walk([field.field], `${path}[]`);
  }
}

/** The key paths of a schema as the editor reads them: dotted for nested keys, `[]` for a plain list's items. */
function keyPaths(json: ReturnType<typeof jsonSchemaOf>, prefix = ""): string[] {
  return Object.entries(json.properties ?? {}).flatMap(([key, property]) => {
    const path = prefix + key;
    if (property.type === "object") return [path, ...keyPaths(property, `${path}.`)];
    if (property.type === "array" && property.items?.type === "object") return [path, ...keyPaths(property.items, `${path}.`)];
    if (property.type === "array") return [path, `${path}[]`];
    return [path];
  });
}

describe("the editor's words", () => {
  it("give every field, nested field and list item of every form a French label", () => {
    // A field without a label is shown under its key's name (fields.ts), a list item as « valeur ».
    const raw = forms.flatMap(([form, fields]) =>
      [...walk(fields, form)].filter(({ field }) => !field.label.trim() || field.label === field.name).map(({ where }) => where),
    );
    expect(raw).toEqual([]);
    expect(forms.length).toBeGreaterThan(5);
  });

  it("give every option of every list of choices a French label", () => {
    const raw = forms.flatMap(([form, fields]) =>
      [...walk(fields, form)].flatMap(({ where, field }) =>
        (field.options ?? []).filter((o) => !o.label.trim() || o.label === o.value).map((o) => `${where} = ${o.value}`),
      ),
    );
    expect(raw).toEqual([]);
  });

  it("name only fields that an edited schema has", () => {
    const schemas: z.ZodType[] = [...CONTENT_TYPES.map((t) => t.schema), siteSchema, letterIntroSchema, themeSchema, sourceSchema];
    const paths = new Set(schemas.flatMap((schema) => keyPaths(jsonSchemaOf(schema))));
    expect(Object.keys(FIELD_TEXT).filter((key) => !paths.has(key))).toEqual([]);
  });

  it("name only values that the field's list of choices has", () => {
    // A data file's form holds its list of entries under LIST_KEY; the labels are keyed within an entry.
    const keyOf = (where: string) =>
      where
        .split(".")
        .slice(1)
        .filter((part) => part !== LIST_KEY)
        .join(".");
    const values = new Map<string, string[]>();
    for (const [form, fields] of forms)
      for (const { where, field } of walk(fields, form))
        if (field.options)
          values.set(
            keyOf(where),
            field.options.map((o) => o.value),
          );
    const unknown = Object.entries(FIELD_TEXT).flatMap(([key, text]) =>
      Object.keys(text.options ?? {})
        .filter((value) => !values.get(key)?.includes(value))
        .map((value) => `${key} = ${value}`),
    );
    expect(unknown).toEqual([]);
  });

  it("quote the figures the code gives, not a copy of them", () => {
    expect(FIELD_TEXT.maxItems!.hint).toMatch(/\(\d+\)\.$/);
  });

  it("are refused, in French, when a label is empty, a key is no field name or a figure is unknown", () => {
    const messages = (value: unknown) => fieldTextSchema.safeParse(value).error?.issues.map((i) => i.message) ?? [];
    expect(messages({ title: { label: " " } })).toHaveLength(1);
    expect(messages({ "legal host": { label: "Hébergeur" } })).toEqual(["nom de champ attendu (legal.host.name, tags[])"]);
    expect(messages({ maxItems: { label: "Au plus", hint: "Par défaut {inconnu}." } })[0]).toMatch(/^nombre inconnu entre accolades/);
    expect(messages({ keep: { label: "Ce qui est gardé", options: { all: "Tout" } }, "tags[]": { label: "Étiquette" } })).toEqual([]);
  });
});

describe("a field's widget", () => {
  const presentation = {
    text: {},
    vocabularies: { territory: [{ value: "brest", label: "Brest métropole" }], themes: [{ value: "laicite", label: "Laïcité" }] },
    patternMessages: {},
  };

  it("follows its schema, not its key's name", () => {
    const fields = fieldsFromSchema(
      z.strictObject({ territory: z.string().min(1), themes: z.array(z.string()), area: territorySchema, topics: z.array(themeIdSchema) }),
      presentation,
    );
    const byName = Object.fromEntries(fields.map((f) => [f.name, f]));
    expect(byName.territory).toMatchObject({ widget: "string" });
    expect(byName.themes).toMatchObject({ widget: "list" });
    expect(byName.area).toMatchObject({ widget: "select", options: presentation.vocabularies.territory });
    expect(byName.topics).toMatchObject({ widget: "select", multiple: true, options: presentation.vocabularies.themes });
  });

  it("keeps the site's territory free text, so saving the identity form never writes a territory id", () => {
    const site = forms.find(([form]) => form === "donnees/site")![1];
    expect(site.find((f) => f.name === "territory")).toMatchObject({ widget: "string", required: true });
    expect(site.find((f) => f.name === "territory")!.options).toBeUndefined();
    const resources = forms.find(([form]) => form === "ressources")![1];
    expect(resources.find((f) => f.name === "territory")!.options!.map((o) => o.label)).toEqual(Object.values(TERRITORY_LABELS));
  });
});
