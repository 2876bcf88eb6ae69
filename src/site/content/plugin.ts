import { basename } from "node:path";
import markdownIt from "markdown-it";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Theme } from "../../core/taxonomy.ts";
import { CONTENT_DIR, DATA_FILES, type DataFileName } from "../../core/paths.ts";
import { parseYamlText, validate } from "../../core/validation.ts";
import { CONTENT_TYPES, contentType, declarationProblems, folderGlob, importedPagesTemplate, type ContentType } from "./content-types.ts";
import type { Entry } from "./entries.ts";
import { createFrontMatterParser, refuseExecutableFrontMatter, skipMessage } from "./front-matter.ts";
import { readImportedEntries, type ImportedEntry } from "./imported-entries.ts";
import { dataSchemas } from "./schemas.ts";

export interface ContentTypesOptions {
  themes: readonly Theme[];
  types?: readonly ContentType[];
  /** Where the French lines about imported files left out go (stderr by default). */
  warn?: (line: string) => void;
}

/** The imported entries of this build, by type id: read on first use, again after each rebuild starts. */
export type ImportedContent = () => Readonly<Record<string, readonly ImportedEntry[]>>;

/**
 * Content files typed by their declaration (src/site/content/content-types.ts).
 *
 * A maintainer's file is an Eleventy template whose front matter is validated and completed as
 * Eleventy reads it. The files of imported types (the watch) are read by the site itself
 * (src/site/content/imported-entries.ts) and their pages made by paginating over their collection, with
 * the type's layout: one file that cannot be built is left out of every page, list, feed and the
 * search index, with a line on stderr naming it, and items the group hid (`hidden: true`) are
 * left out silently (the ledger still has them). The `card` filter names the partial that lists
 * an entry, as its type declares. Returns the imported entries, for the collections.
 */
export function contentTypesPlugin(eleventyConfig: UserConfig, { themes, types = CONTENT_TYPES, warn = console.error }: ContentTypesOptions): ImportedContent {
  const problems = declarationProblems(types);
  if (problems.length) throw new Error(`src/site/content/content-types.ts : ${problems.join(" ; ")}`);
  const frontMatter = { themeIds: new Set(themes.map((t) => t.id)), types, report: (file: string, message: string) => warn(skipMessage(file, message)) };
  eleventyConfig.setFrontMatterParsingOptions({
    engines: {
      yaml: createFrontMatterParser(frontMatter),
      js: refuseExecutableFrontMatter,
      javascript: refuseExecutableFrontMatter,
      jsLegacy: refuseExecutableFrontMatter,
    },
  });

  // One Markdown library for maintainers' pages and imported bodies, set up as Eleventy sets up its own.
  const markdown = markdownIt({ html: true }).disable("code");
  eleventyConfig.setLibrary("md", markdown);
  let imported: ReturnType<ImportedContent> | undefined;
  const parseFrontMatter = createFrontMatterParser(frontMatter);
  eleventyConfig.on("eleventy.before", () => {
    imported = undefined;
  });
  const importedContent: ImportedContent = () => (imported ??= readImportedEntries({ contentDir: CONTENT_DIR, parseFrontMatter, markdown, warn, types }));

  for (const type of types.filter((t) => t.origin === "import")) {
    // Only the type's own folders: a Markdown file elsewhere below content/veille/ still meets Eleventy, which names it.
    const files = `${folderGlob(type, CONTENT_DIR)}/*.md`;
    eleventyConfig.ignores.add(files);
    eleventyConfig.addWatchTarget(files);
    eleventyConfig.addTemplate(importedPagesTemplate(type), "", {
      layout: type.layout,
      contentType: type.id,
      eleventyExcludeFromCollections: true,
      pagination: { data: `collections.${type.collection!.name}`, size: 1, alias: "item" },
      // A function, not a Nunjucks string: Eleventy would compile a string again for every page. Title and
      // summary are read from `item` by the layouts, not computed data, which Eleventy resolves page by page.
      permalink: ({ item }: { item: Entry }) => item.url,
    });
  }

  eleventyConfig.addFilter("card", (entry: Entry) => {
    const { card, id } = contentType(String(entry.data.contentType), types);
    if (!card) throw new Error(`le type de contenu « ${id} » ne déclare pas de carte (${entry.inputPath})`);
    return card;
  });
  return importedContent;
}

/**
 * Eleventy deep-copies every global data object into the data of every page, unless it is frozen:
 * with a 20 000-item watch, `site` and `sourceState` were copied 20 000 times. Frozen, they are
 * shared; nothing in the build writes to data it has read.
 */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export interface DataValidationOptions {
  /** Data files the configuration has already read and validated: handed over as they are. */
  loaded: Partial<Record<DataFileName, unknown>>;
}

/** Eleventy hands a data file's path; the project names it by its DATA_FILES key. */
const DATA_FILE_NAMES = new Map(Object.entries(DATA_FILES).map(([name, path]) => [basename(path), name as DataFileName]));

/**
 * Every YAML data file is validated as Eleventy reads it, so a maintainer's mistake stops the
 * build with the file, the field and what was expected (front matter: contentTypesPlugin below).
 */
export function dataValidationPlugin(eleventyConfig: UserConfig, { loaded }: DataValidationOptions): void {
  eleventyConfig.addDataExtension("yaml", (contents: string, file: string) => {
    const name = DATA_FILE_NAMES.get(basename(file));
    if (name && name in loaded) return deepFreeze(loaded[name]);
    const data = parseYamlText(contents, file);
    const schema = name && dataSchemas[name];
    return deepFreeze(schema ? validate(schema, data, file) : data);
  });
  eleventyConfig.addDataExtension("json", (contents: string, file: string) => {
    const name = DATA_FILE_NAMES.get(basename(file));
    return deepFreeze(name && name in loaded ? loaded[name] : JSON.parse(contents));
  });
}
