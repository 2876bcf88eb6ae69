import { z } from "zod";
import { DATA_FILES, MEDIA_DIR } from "../../core/paths.ts";
import { sourceSchema } from "../../core/sources.ts";
import {
  AUDIENCE_LABELS,
  idSchema,
  RESOURCE_TYPE_LABELS,
  SECTION_LABELS,
  TERRITORY_LABELS,
  themeSchema,
  type Theme,
  type Vocabulary,
} from "../../core/taxonomy.ts";
import { CONTENT_TYPES, folderPath, type ContentType } from "../content/content-types.ts";
import { eleventyKeys, isoDayText, letterIntroSchema, phoneSchema, repoSchema, resourceSchema, siteSchema } from "../content/schemas.ts";
import { fieldsFromSchema, type DecapField, type DecapOption, type Presentation } from "./fields.ts";
import { FIELD_TEXT } from "./labels.ts";
import { FORMAT_NAME as COMMENTED_YAML, LIST_KEY, SOURCE_TEXT_KEY } from "./yaml-format.js";

/**
 * The Decap CMS configuration (`/admin/config.yml`), generated at each build from the project's
 * own schemas and vocabularies: nothing here repeats a key, a type or a list of values.
 */

export interface CmsOptions {
  themes: readonly Theme[];
  sources: readonly { id: string; name: string }[];
  /** Years that have a folder of watch items (`content/veille/<YYYY>/`), any order. */
  watchYears: readonly string[];
  /** `owner/name` of the GitHub repository, or "" when not configured yet. */
  repo: string;
  branch: string;
  /** Address of the OAuth relay that signs maintainers in with GitHub, or "" when not set up. */
  authUrl: string;
  /** Port of `decap-server` for `npm run admin` (Decap only uses it on localhost). */
  localPort: number;
}

const labelled = (labels: Record<string, string>): DecapOption[] => Object.entries(labels).map(([value, label]) => ({ value, label }));

/** Every pattern the edited schemas use, each with the French message its schema gives. */
function patternMessages(): Record<string, string> {
  const patterned = [idSchema, resourceSchema.shape.language, letterIntroSchema.shape.week, isoDayText, phoneSchema, repoSchema];
  const sourceOf = (schema: z.ZodType) =>
    (z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as { pattern?: string }).pattern ?? "";
  // A space matches none of these patterns, so the first issue is the pattern's own message.
  const messageOf = (schema: z.ZodType) => schema.safeParse(" ").error?.issues[0]?.message ?? "";
  return Object.fromEntries(patterned.map((schema) => [sourceOf(schema), messageOf(schema)]));
}

function presentation(options: CmsOptions, extra: Partial<Presentation> = {}): Presentation & { patternMessages: Record<string, string> } {
  return {
    text: FIELD_TEXT,
    vocabularies: {
      themes: options.themes.map((t) => ({ value: t.id, label: t.label })),
      sources: options.sources.map((s) => ({ value: s.id, label: s.name })),
      resourceType: labelled(RESOURCE_TYPE_LABELS),
      territory: labelled(TERRITORY_LABELS),
      audience: labelled(AUDIENCE_LABELS),
      section: labelled(SECTION_LABELS),
    } satisfies Record<Vocabulary, DecapOption[]>,
    patternMessages: patternMessages(),
    ...extra,
  };
}

const ELEVENTY_KEYS = Object.keys(eleventyKeys);

/**
 * How the editor shows each content type of src/site/content/content-types.ts. Folders, schemas and the
 * list of types come from there; a type declared without an entry here still gets a collection,
 * under its id.
 */
interface TypeEditor {
  name: string;
  label: string;
  singular: string;
  description: string;
  /** Decap's file name pattern for new entries (watch items are never created here). */
  slug?: string;
  summary?: string;
  sortable?: string[];
  body: DecapField;
  presentation: Partial<Presentation>;
  filters?: { label: string; field: string; pattern: boolean }[];
}

const body = (label: string, required = true, widget = "markdown"): DecapField => ({ name: "body", label, widget, required });

const TYPE_EDITORS: Record<string, TypeEditor> = {
  resource: {
    name: "ressources",
    label: "Ressources",
    singular: "ressource",
    description: "Les fiches de l'annuaire (/ressources/). Le nom du fichier, tiré du titre, devient l'adresse de la fiche.",
    slug: "{{slug}}",
    summary: "{{title}} ({{organisation}})",
    sortable: ["title", "updated"],
    body: body("Présentation", false),
    presentation: { omit: ELEVENTY_KEYS, multiline: ["summary"] },
  },
  post: {
    name: "billets",
    label: "Billets",
    singular: "billet",
    description: "Les billets du groupe (/blog/).",
    slug: "{{year}}-{{month}}-{{day}}-{{slug}}",
    sortable: ["date", "title"],
    body: body("Texte du billet"),
    presentation: { omit: ELEVENTY_KEYS, multiline: ["description"] },
  },
  page: {
    name: "pages",
    label: "Pages",
    singular: "page",
    description: "Les pages du site (le groupe, la charte, les mentions légales…).",
    slug: "{{slug}}",
    body: body("Texte de la page"),
    // A page's address is the one Eleventy key a maintainer may set.
    presentation: { omit: ELEVENTY_KEYS.filter((key) => key !== "permalink"), multiline: ["description"] },
  },
  watch: {
    name: "veille",
    label: "Veille",
    singular: "information de veille",
    description:
      "Les informations relevées par la collecte. Ce qui est changé ici (sélection, thèmes, note, masquage) n'est jamais défait par la collecte suivante.",
    summary: "{{title}}",
    sortable: ["date", "title"],
    body: body("Contenu repris de la source", false, "text"),
    presentation: { hidden: ["date", "fetched", "guid", "source", "score", "reasons"], multiline: ["summary", "note"] },
    filters: [
      { label: "Sélection du groupe", field: "selected", pattern: true },
      { label: "Masquées", field: "hidden", pattern: true },
    ],
  },
};

/** The editor's collection name for a content type, and for a year's folder of a yearly type. */
export function collectionName(type: ContentType, year?: string): string {
  const name = TYPE_EDITORS[type.id]?.name ?? type.id;
  return year ? `${name}-${year}` : name;
}

/** One folder collection per content type; a type whose folder has a year (`*`) gets one per year. */
function typeCollections(
  type: ContentType,
  options: CmsOptions,
  fields: (schema: z.ZodType, extra: Partial<Presentation>) => DecapField[],
): Record<string, unknown>[] {
  const editor = TYPE_EDITORS[type.id];
  const yearly = type.folder.includes("*");
  const years = yearly ? [...options.watchYears].sort().reverse() : [undefined];
  return years.map((year) => ({
    name: collectionName(type, year),
    label: [editor?.label ?? type.id, year].filter(Boolean).join(" "),
    label_singular: editor?.singular ?? type.id,
    description: editor?.description ?? "",
    folder: folderPath(type, year ?? ""),
    extension: "md",
    format: "frontmatter",
    // Imported items come from the collecte; a maintainer may correct or delete them, not create them.
    create: type.origin === "maintainer",
    delete: true,
    slug: editor?.slug ?? "{{slug}}",
    ...(editor?.summary ? { summary: editor.summary } : {}),
    ...(editor?.sortable ? { sortable_fields: editor.sortable } : {}),
    ...(editor?.filters ? { view_filters: editor.filters } : {}),
    fields: [...fields(type.schema, editor?.presentation ?? { omit: ELEVENTY_KEYS }), editor?.body ?? body("Texte", false)],
  }));
}

export function cmsConfig(options: CmsOptions, types: readonly ContentType[] = CONTENT_TYPES): Record<string, unknown> {
  const fields = (schema: z.ZodType, extra: Partial<Presentation> = {}) => fieldsFromSchema(schema, presentation(options, extra));

  return {
    locale: "fr",
    backend: {
      name: "github",
      repo: options.repo,
      branch: options.branch,
      ...(options.authUrl ? { base_url: options.authUrl } : {}),
      commit_messages: {
        create: "Éditeur : crée {{collection}} « {{slug}} »",
        update: "Éditeur : modifie {{collection}} « {{slug}} »",
        delete: "Éditeur : supprime {{collection}} « {{slug}} »",
        uploadMedia: "Éditeur : ajoute le fichier {{path}}",
        deleteMedia: "Éditeur : supprime le fichier {{path}}",
      },
    },
    local_backend: { url: `http://127.0.0.1:${options.localPort}/api/v1` },
    media_folder: MEDIA_DIR,
    public_folder: "/assets/medias",
    slug: { encoding: "ascii", clean_accents: true, sanitize_replacement: "-" },
    collections: [
      ...types.flatMap((type) => typeCollections(type, options, fields)),
      {
        name: "donnees",
        label: "Réglages du site",
        label_singular: "réglage",
        description:
          "Identité du site, introductions des lettres, thèmes et sources de la veille. Les commentaires des fichiers sont conservés.",
        editor: { preview: false },
        files: [
          {
            name: "site",
            label: "Identité du site",
            file: DATA_FILES.site,
            format: COMMENTED_YAML,
            fields: [...fields(siteSchema, { multiline: ["description"] }), sourceText()],
          },
          {
            name: "lettres",
            label: "Introductions des lettres de veille",
            file: DATA_FILES.letterIntros,
            format: COMMENTED_YAML,
            fields: [
              listOf("Introductions", "introduction", "{{fields.week}}", fields(letterIntroSchema, { multiline: ["text"] })),
              sourceText(),
            ],
          },
          {
            name: "themes",
            label: "Thèmes et vocabulaire de la veille",
            file: DATA_FILES.themes,
            format: COMMENTED_YAML,
            fields: [listOf("Thèmes", "thème", "{{fields.label}}", fields(themeSchema, { multiline: ["description"] })), sourceText()],
          },
          {
            name: "sources",
            label: "Sources de la veille",
            file: DATA_FILES.sources,
            format: COMMENTED_YAML,
            fields: [listOf("Sources", "source", "{{fields.name}}", fields(sourceSchema)), sourceText()],
          },
        ],
      },
    ],
  };
}

function listOf(
  label: string,
  singular: string,
  summary: string,
  itemFields: DecapField[],
): DecapField & { label_singular: string; summary: string } {
  return { name: LIST_KEY, label, label_singular: singular, widget: "list", required: true, summary, fields: itemFields };
}

function sourceText(): DecapField {
  return { name: SOURCE_TEXT_KEY, label: "Texte lu", widget: "hidden", required: false };
}
