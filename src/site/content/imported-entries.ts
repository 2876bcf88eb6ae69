import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, sep } from "node:path";
import matter from "gray-matter";
import type MarkdownIt from "markdown-it";
import { DataError } from "../../core/validation.ts";
import { CONTENT_TYPES, contentFileOf, typeOfFile, type ContentType } from "./content-types.ts";
import type { ContentData, Entry, TemplateData } from "./entries.ts";
import { refuseExecutableFrontMatter, skipMessage, UNBUILDABLE } from "./front-matter.ts";
import { BODY_DEPTH_MAX, htmlDepth } from "./html-depth.ts";

/** An imported file as the site lists and renders it: its validated data, URL, date and HTML body. */
export interface ImportedEntry extends Entry {
  /** The body rendered from Markdown, as Eleventy's `templateContent` would be. */
  content: string;
}

export interface ImportOptions {
  /** The project's content folder (`content`), whose files are read. */
  contentDir: string;
  /** Front matter of one file: validated data, or `unbuildable` with the reason (src/site/content/front-matter.ts). */
  parseFrontMatter: (text: string, options: { filePath: string }) => Record<string, unknown>;
  markdown: MarkdownIt;
  /** Where the French line about each file left out goes. */
  warn: (line: string) => void;
  types?: readonly ContentType[];
}

/**
 * Every Markdown file of an import type's folder (`content/veille/<YYYY>/`), as `./content/…`
 * paths, found as the rest of the site finds a file's type (content-types.ts).
 */
function importedFiles(contentDir: string, type: ContentType, types: readonly ContentType[]): string[] {
  const top = type.folder[0]!;
  if (!existsSync(join(contentDir, top))) return [];
  return readdirSync(join(contentDir, top), { recursive: true, encoding: "utf8" })
    .map((path) => `./${contentDir}/${top}/${path.split(sep).join("/")}`)
    .filter((path) => {
      const file = contentFileOf(path, contentDir);
      return file !== undefined && typeOfFile(file, types) === type;
    })
    .sort();
}

/** Why an imported file stays off the site, or undefined when it is published; `hidden` is not reported. */
function leftOut(data: TemplateData & { [UNBUILDABLE]?: unknown }, body: string): string | "hidden" | undefined {
  if (typeof data[UNBUILDABLE] === "string") return data[UNBUILDABLE] as string;
  if (data.hidden === true) return "hidden";
  const depth = htmlDepth(body);
  if (depth > BODY_DEPTH_MAX) return `son texte a ${depth} niveaux de balises imbriqués (${BODY_DEPTH_MAX} au plus)`;
  return undefined;
}

/** One imported file read, validated and rendered; undefined when it is left out (and reported). */
function readEntry(inputPath: string, { parseFrontMatter, markdown, warn }: ImportOptions): ImportedEntry | undefined {
  const yaml = (text: string) => parseFrontMatter(text, { filePath: inputPath });
  const refuse = (text: string) => refuseExecutableFrontMatter(text, { filePath: inputPath });
  let reason: string | undefined;
  try {
    // JSON front matter is YAML too, so it meets the same schema; any other language is refused.
    const parsed = matter(readFileSync(inputPath, "utf8"), { engines: { yaml, json: yaml, js: refuse, javascript: refuse } } as object);
    const data = parsed.data as TemplateData;
    const why = leftOut(data, parsed.content);
    if (why === "hidden") return undefined;
    if (why === undefined) {
      const url = String(data.permalink);
      const date = new Date(data.date as string | Date);
      // Not left out: the front-matter engine validated the data against the type's schema.
      return { inputPath, url, date, data: { ...(data as ContentData), page: { url, inputPath, date } }, content: markdown.render(parsed.content) };
    }
    reason = why;
  } catch (error) {
    // Whatever an imported file holds, the rest of the site is built: the file is named and left out.
    reason = error instanceof DataError ? error.problems.join(" ; ") : String((error as Error).message ?? error);
  }
  warn(skipMessage(inputPath, `n'est pas publié : ${reason}`));
  return undefined;
}

/**
 * The files of the content types fed by the ingest (`origin: "import"`), read by the site itself
 * rather than as Eleventy templates, by type id. Eleventy's work per input file grows with the
 * number of files (linear searches of its template map for each one): 20 000 Markdown files took
 * 18.3 s to build with no layout, the same pages made by paginating over data 5.7 s. Each file
 * gets the checks it had as a template: its front matter validated by its type's schema, and the
 * file left out, with a French line naming it, when that fails or its body nests too deep.
 */
export function readImportedEntries(options: ImportOptions): Record<string, ImportedEntry[]> {
  const types = options.types ?? CONTENT_TYPES;
  return Object.fromEntries(
    types
      .filter((t) => t.origin === "import")
      .map((type) => [type.id, importedFiles(options.contentDir, type, types).flatMap((path) => readEntry(path, options) ?? [])]),
  );
}
