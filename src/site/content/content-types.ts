/**
 * Every kind of content file, declared once: where its files live, what their front matter must
 * hold, how it is laid out, listed, indexed and syndicated. The front-matter engine
 * (src/site/content/front-matter.ts), the collections (src/site/lists/collections.ts), the search index
 * (src/site/search/tags.ts) and the CMS configuration read these declarations; nothing else
 * knows a content folder's name. This module does not depend on Eleventy, so a script can read it.
 *
 * To add a type: one entry below, its layout in src/layouts/ and its card in
 * src/layouts/partials/ (tests/site/add-content-type.test.ts does exactly that).
 */
import type { z } from "zod";
import { readdirSync } from "node:fs";
import { CONTENT_DIR, WATCH_DIR } from "../../core/paths.ts";
import { watchItemSchema } from "../../core/watch-item.ts";
import type { FacetId, Vocabulary } from "../search/facets.ts";
import { pageSchema, postSchema, resourceSchema } from "./schemas.ts";

/** Where a content file sits: its folders below `content/` and its name without `.md`. */
export interface ContentFile {
  folders: readonly string[];
  /** `2026-11-23-un-titre` */
  stem: string;
  /** The stem without a leading date, as Eleventy's `fileSlug`: `un-titre`. */
  slug: string;
}

/** A facet's value for one content type: read from a front-matter field, or the same for every page. */
export type FacetSource = { field: string; vocabulary?: Vocabulary } | { value: string };

export interface ContentType {
  /** Stable id, in page data as `contentType`. */
  id: string;
  /**
   * Folders below `content/` holding one file per item, `*` standing for any four-digit year:
   * `["veille", "*"]` is `content/veille/2026/`. A Markdown file belongs to the type whose folder
   * it sits in, exactly: no two types share a folder, and a file in no type's folder stops the build.
   */
  folder: readonly string[];
  /**
   * `maintainer`: written by hand, a mistake stops the build with the file and field.
   * `import`: written by the ingest from feeds, a file that cannot be built is skipped and reported.
   */
  origin: "maintainer" | "import";
  schema: z.ZodObject;
  /** Layout in src/layouts/, unless the front matter names another (a page may: `legal-notice.njk`). */
  layout: string;
  /** Output URL of a file, unless the front matter gives one (pages may). */
  permalink(file: ContentFile): string;
  /** Collection name and order (`collections.<name>`), when the type is listed. */
  collection?: { name: string; order: "newest" | "title" };
  /** Card partial listing one entry (`entry` in the partial). */
  card?: string;
  /** Whether its entries go into the site's feeds and the theme feeds. */
  feed: boolean;
  search: {
    /** Readers' name of the type, first word of a result's type line (« Ressource · Guide »). */
    label: string;
    /** Facet whose value completes the type line: « Veille · Recherche ». */
    detail?: FacetId;
    /** The facets this type fills, and from which field (theme, territory, … see search-facets.ts). */
    facets: Partial<Record<FacetId, FacetSource>>;
    /** Sort date and year facet: which field dates the page, and the result line's word for it. */
    date?: { field: string; meta: "date" | "verifie" };
    /** Result metadata listing an array field's labels (« publics : Éducation, Santé »). */
    lists?: Record<string, { field: string; vocabulary: Vocabulary }>;
  };
}

const slugUrl = (base: string) => (file: ContentFile) => `${base}${file.slug}/`;

export const CONTENT_TYPES = [
  {
    id: "page",
    folder: [],
    origin: "maintainer",
    schema: pageSchema,
    layout: "page.njk",
    permalink: slugUrl("/"),
    feed: false,
    search: { label: "Page", facets: { type: { value: "Page" } } },
  },
  {
    id: "resource",
    folder: ["ressources"],
    origin: "maintainer",
    schema: resourceSchema,
    layout: "resource.njk",
    permalink: slugUrl("/ressources/"),
    collection: { name: "resources", order: "title" },
    card: "partials/resource-card.njk",
    feed: false,
    search: {
      label: "Ressource",
      detail: "ressource",
      facets: {
        theme: { field: "themes" },
        type: { value: "Ressource" },
        ressource: { field: "type" },
        public: { field: "audiences" },
        territoire: { field: "territory" },
        source: { field: "organisation" },
      },
      date: { field: "updated", meta: "verifie" },
      lists: { publics: { field: "audiences", vocabulary: "audience" } },
    },
  },
  {
    id: "post",
    folder: ["blog"],
    origin: "maintainer",
    schema: postSchema,
    layout: "post.njk",
    permalink: slugUrl("/blog/"),
    collection: { name: "posts", order: "newest" },
    card: "partials/post-card.njk",
    feed: true,
    search: {
      label: "Billet",
      facets: { theme: { field: "themes" }, type: { value: "Billet" }, source: { field: "author" } },
      date: { field: "date", meta: "date" },
    },
  },
  {
    id: "watch",
    // `content/veille/<YYYY>/`: the ingest's folder (src/core/paths.ts).
    folder: [...WATCH_DIR.split("/").slice(1), "*"],
    origin: "import",
    schema: watchItemSchema,
    layout: "watch-item.njk",
    // The year folder and the whole file stem, date included: a file name
    // is unique in its folder, so two items of one title on two days, or two long titles cut to
    // the same slug, still get two URLs.
    permalink: (file) => `/veille/${file.folders.at(-1)}/${file.stem}/`,
    collection: { name: "watch", order: "newest" },
    card: "partials/watch-card.njk",
    feed: true,
    search: {
      label: "Veille",
      detail: "type",
      facets: {
        theme: { field: "themes" },
        type: { field: "section", vocabulary: "section" },
        territoire: { field: "territory" },
        source: { field: "source", vocabulary: "source" },
      },
      date: { field: "date", meta: "date" },
    },
  },
] as const satisfies readonly ContentType[];

export type ContentTypeId = (typeof CONTENT_TYPES)[number]["id"];

const byId = new Map<string, ContentType>(CONTENT_TYPES.map((t) => [t.id, t]));

export function contentType(id: string, types: readonly ContentType[] = CONTENT_TYPES): ContentType {
  const type = types === CONTENT_TYPES ? byId.get(id) : types.find((t) => t.id === id);
  if (!type) throw new Error(`type de contenu inconnu : « ${id} » (types : ${types.map((t) => t.id).join(", ")})`);
  return type;
}

const YEAR = /^\d{4}$/;
/** The same four digits as a glob. */
const YEAR_GLOB = "[0-9][0-9][0-9][0-9]";

/** The type's folder below `contentDir`, with `year` in place of its `*`: `content/veille/2026`. */
export function folderPath(type: ContentType, year: string, contentDir = CONTENT_DIR): string {
  return [contentDir, ...type.folder.map((part) => (part === "*" ? year : part))].join("/");
}

/** The type's folder as a glob below `contentDir`, `*` read as a year like everywhere here: `content/veille/[0-9][0-9][0-9][0-9]`. */
export function folderGlob(type: ContentType, contentDir = CONTENT_DIR): string {
  return folderPath(type, YEAR_GLOB, contentDir);
}

/** The years that have a folder of a yearly type (`content/veille/<YYYY>/`), any order; none for other types. */
export function yearFolders(type: ContentType, contentDir = CONTENT_DIR): string[] {
  const at = type.folder.indexOf("*");
  if (at === -1) return [];
  try {
    return readdirSync([contentDir, ...type.folder.slice(0, at)].join("/"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && YEAR.test(entry.name))
      .map((entry) => entry.name);
  } catch {
    return [];
  }
}

function folderMatches(pattern: readonly string[], folders: readonly string[]): boolean {
  return pattern.length === folders.length && pattern.every((part, i) => (part === "*" ? YEAR.test(folders[i]!) : part === folders[i]));
}

/**
 * The content file a path names, or undefined for a file outside `content/` or not Markdown
 * (layouts, listing templates). `inputPath` is as Eleventy gives it: `./content/blog/x.md`.
 */
export function contentFileOf(inputPath: string, contentDir = CONTENT_DIR): ContentFile | undefined {
  const parts = inputPath.replace(/\\/g, "/").split("/").filter((p) => p !== "." && p !== "");
  const start = parts.lastIndexOf(contentDir);
  const name = parts.at(-1);
  if (start === -1 || !name?.endsWith(".md")) return undefined;
  const stem = name.slice(0, -".md".length);
  return { folders: parts.slice(start + 1, -1), stem, slug: stem.replace(/^\d{4}-\d{2}-\d{2}-/, "") || stem };
}

/**
 * The template, relative to `content/`, that makes an imported type's pages by paginating over its
 * collection (src/site/content/plugin.ts); Eleventy gives its pages this input path.
 */
export function importedPagesTemplate(type: ContentType): string {
  return `${type.folder[0]}/${type.id}-pages.njk`;
}

/** The one type whose folder holds `file`; undefined when none does. */
export function typeOfFile(file: ContentFile, types: readonly ContentType[] = CONTENT_TYPES): ContentType | undefined {
  return types.find((type) => folderMatches(type.folder, file.folders));
}

/** Problems of a set of declarations: two types in one folder, or two ids or collections alike. */
export function declarationProblems(types: readonly ContentType[]): string[] {
  const problems: string[] = [];
  const seen = (what: string, values: readonly (string | undefined)[]) => {
    const all = values.filter((v): v is string => v !== undefined);
    for (const v of new Set(all)) if (all.indexOf(v) !== all.lastIndexOf(v)) problems.push(`${what} « ${v} » déclaré deux fois`);
  };
  seen("type", types.map((t) => t.id));
  seen("dossier", types.map((t) => `${folderPath(t, "*")}/`));
  seen("collection", types.map((t) => t.collection?.name));
  // An imported type's pages are made by paginating over its collection (content/plugin.ts).
  for (const t of types) if (t.origin === "import" && !t.collection) problems.push(`le type importé « ${t.id} » doit déclarer une collection`);
  return problems;
}
