import { describe, expect, it } from "vitest";
import { z } from "zod";
import { themeSchema, themesFileSchema, type Theme } from "../../src/core/taxonomy.ts";
import { loadYamlFile } from "../../src/core/validation.ts";
import { sourceSchema } from "../../src/core/sources.ts";
import { cmsConfig, collectionName, type CmsOptions } from "../../src/site/editor/cms-config.ts";
import { contentType } from "../../src/site/content/content-types.ts";
import { fieldsFromSchema, type DecapField } from "../../src/site/editor/fields.ts";
import { letterIntroSchema, pageSchema, postSchema, resourceSchema, siteSchema, watchItemSchema } from "../../src/site/content/schemas.ts";
import { LIST_KEY, SOURCE_TEXT_KEY } from "../../src/site/editor/yaml-format.js";

const themes = loadYamlFile("_data/themeCatalog.yaml", themesFileSchema);
const options = (changes: Partial<CmsOptions> = {}): CmsOptions => ({
  themes,
  sources: [{ id: "exemple", name: "Exemple" }],
  watchYears: ["2025", "2026"],
  repo: "groupe/site",
  branch: "main",
  authUrl: "",
  localPort: 8081,
  ...changes,
});

interface Collection {
  name: string;
  folder?: string;
  fields?: DecapField[];
  files?: { name: string; file: string; fields: DecapField[] }[];
}
const collections = (cmsConfig(options()) as { collections: Collection[] }).collections;
const collection = (name: string) => collections.find((c) => c.name === name)!;

/** Fields a maintainer fills in (the Markdown body and the data files' hidden text aside). */
const formFields = (fields: DecapField[]) => fields.filter((f) => f.name !== "body" && f.name !== SOURCE_TEXT_KEY);

/**
 * Checks, against zod itself rather than the JSON Schema the generator reads, that the form and
 * the schema agree: same keys, required exactly when the schema refuses a missing value, and
 * every option of a list one the schema accepts.
 */
function expectParity(fields: DecapField[], schema: z.ZodObject, left: readonly string[] = []): void {
  const shape = schema.shape as Record<string, z.ZodType>;
  expect(
    formFields(fields)
      .map((f) => f.name)
      .sort(),
  ).toEqual(
    Object.keys(shape)
      .filter((k) => !left.includes(k))
      .sort(),
  );
  for (const field of formFields(fields)) {
    const property = shape[field.name]!;
    if (field.widget === "hidden") continue;
    // A value may be left out when the schema accepts nothing, an empty text or an empty list.
    const mayBeEmpty = [undefined, "", []].some((empty) => property.safeParse(empty).success);
    expect({ field: field.name, required: field.required }).toEqual({ field: field.name, required: !mayBeEmpty });
    for (const option of field.options ?? []) {
      const value = field.multiple ? [option.value] : option.value;
      expect({ field: field.name, option: option.value, accepted: property.safeParse(value).success }).toMatchObject({ accepted: true });
    }
    if (field.widget === "object") {
      const object = property instanceof z.ZodOptional ? property.unwrap() : property;
      expectParity(field.fields!, object as z.ZodObject);
    }
  }
}

describe("generated editor configuration", () => {
  it("has the fields of the resource schema, no more, no fewer", () => {
    expectParity(collection("ressources").fields!, resourceSchema, [
      "layout",
      "permalink",
      "eleventyExcludeFromCollections",
      "eleventyNavigation",
    ]);
  });

  it("has the fields of the post schema", () => {
    expectParity(collection("billets").fields!, postSchema, [
      "layout",
      "permalink",
      "eleventyExcludeFromCollections",
      "eleventyNavigation",
    ]);
  });

  it("has the fields of the page schema", () => {
    expectParity(collection("pages").fields!, pageSchema, ["layout", "eleventyExcludeFromCollections", "eleventyNavigation"]);
  });

  it("has one collection per content type, in the type's folder", () => {
    expect(collections.filter((c) => c.folder).map((c) => c.folder)).toEqual([
      "content",
      "content/ressources",
      "content/blog",
      "content/veille/2026",
      "content/veille/2025",
    ]);
  });

  it("has the fields of the watch item schema, curation included, in one collection per year", () => {
    for (const year of ["2025", "2026"]) {
      const watch = collection(collectionName(contentType("watch"), year));
      expect(watch.folder).toBe(`content/veille/${year}`);
      expectParity(watch.fields!, watchItemSchema);
    }
    const names = collection("veille-2026").fields!.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(["selected", "hidden", "note", "themes"]));
  });

  it("has the fields of the site identity, the letter introductions, the themes and the sources", () => {
    const files = collection("donnees").files!;
    expectParity(files.find((f) => f.file === "_data/site.yaml")!.fields, siteSchema);
    const list = (file: string) => files.find((f) => f.file === file)!.fields.find((f) => f.name === LIST_KEY)!.fields!;
    expectParity(list("_data/letterIntros.yaml"), letterIntroSchema);
    expectParity(list("_data/themeCatalog.yaml"), themeSchema);
    expectParity(list("_data/sources.yaml"), sourceSchema);
  });

  it("offers every theme of the catalogue, and only those, wherever themes are chosen", () => {
    const ids = themes.map((t) => t.id);
    for (const name of ["ressources", "billets", "veille-2026"]) {
      expect(
        collection(name)
          .fields!.find((f) => f.name === "themes")!
          .options!.map((o) => o.value),
      ).toEqual(ids);
    }
  });

  it("shows a theme added to the catalogue in the lists", () => {
    const added: Theme = {
      id: "nouveau-theme",
      label: "Nouveau thème",
      description: "Pour le test.",
      crossCutting: false,
      strong: [],
      weak: [],
    };
    const config = cmsConfig(options({ themes: [...themes, added] })) as { collections: Collection[] };
    const resources = config.collections.find((c) => c.name === "ressources")!;
    expect(resources.fields!.find((f) => f.name === "themes")!.options).toContainEqual({ value: "nouveau-theme", label: "Nouveau thème" });
  });

  it("shows a field added to a schema in the form, required as the schema says", () => {
    const fields = fieldsFromSchema(resourceSchema.extend({ contactPerson: z.string().min(1) }), {
      text: {},
      vocabularies: {},
      patternMessages: {},
    });
    expect(fields.find((f) => f.name === "contactPerson")).toMatchObject({ widget: "string", required: true, label: "contactPerson" });
  });

  it("gives a French message for every pattern the forms check", () => {
    const patterns: [string, string][] = [];
    const walk = (fields: DecapField[]) =>
      fields.forEach((f) => {
        if (f.pattern) patterns.push(f.pattern);
        if (f.fields) walk(f.fields);
        if (f.field) walk([f.field]);
      });
    for (const c of collections) {
      walk(c.fields ?? []);
      for (const file of c.files ?? []) walk(file.fields);
    }
    expect(patterns.length).toBeGreaterThan(5);
    for (const [, message] of patterns) expect(message).not.toMatch(/format non reconnu/);
  });
});
