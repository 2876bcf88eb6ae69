import { DataError, displayPath, formatIssues, parseYamlText } from "../../core/validation.ts";
import { CONTENT_TYPES, contentFileOf, folderPath, typeOfFile, type ContentType } from "./content-types.ts";

interface EngineOptions {
  /** Eleventy 3 passes the template's path along to front-matter engines. */
  filePath?: string;
}

/** Data key of an imported file that cannot be built: why. src/site/content/imported-entries.ts leaves the file out and names it. */
export const UNBUILDABLE = "unbuildable";

/** Told, in French, what was left out of an imported file or why the whole file was. */
export type SkipReporter = (file: string, message: string) => void;

export interface FrontMatterOptions {
  themeIds: ReadonlySet<string>;
  types?: readonly ContentType[];
  report: SkipReporter;
}

/**
 * YAML front-matter engine. Each Markdown file below `content/` is validated against the schema
 * of its content type (src/site/content/content-types.ts) and receives zod's output (defaults filled in)
 * with its `contentType`, and its layout and URL unless it names its own. A maintainer's file with
 * a mistake, or in a folder no type declares, stops the build with the file and the field; an
 * imported file with one is marked `unbuildable` and reported instead, so feeds can never stop
 * the build. Other templates (layouts, listings) keep their front matter as written.
 */
export function createFrontMatterParser({ themeIds, types = CONTENT_TYPES, report }: FrontMatterOptions) {
  return (text: string, options?: EngineOptions): Record<string, unknown> => {
    const path = options?.filePath ?? "(fichier inconnu)";
    const file = contentFileOf(path);
    if (!file) return (parseYamlText(text, path) ?? {}) as Record<string, unknown>;
    const type = typeOfFile(file, types);
    if (!type) {
      const folders = types.map((t) => `${folderPath(t, "AAAA")}/`);
      throw new DataError(path, [`aucun type de contenu n'est déclaré pour ce dossier (dossiers possibles : ${folders.join(", ")}) : voir src/site/content/content-types.ts`]);
    }
    try {
      const raw = parseYamlText(text, path) ?? {};
      const result = type.schema.safeParse(raw);
      if (!result.success) throw new DataError(path, formatIssues(result.error.issues));
      const data: Record<string, unknown> = { ...result.data };
      const themes = data.themes as string[] | undefined;
      const unknown = (themes ?? []).filter((id) => !themeIds.has(id));
      if (unknown.length > 0) {
        const problem = `champ « themes » : thème inconnu ${unknown.map((id) => `« ${id} »`).join(", ")} (thèmes possibles : ${[...themeIds].join(", ")})`;
        if (type.origin === "maintainer") throw new DataError(path, [problem]);
        // A theme withdrawn from the catalogue leaves the imported item, under its other themes.
        report(path, `est publié sans ce thème : ${problem}`);
        data.themes = themes!.filter((id) => themeIds.has(id));
      }
      return { layout: type.layout, permalink: type.permalink(file), ...data, contentType: type.id };
    } catch (error) {
      if (type.origin === "maintainer" || !(error instanceof DataError)) throw error;
      return { contentType: type.id, [UNBUILDABLE]: error.problems.join(" ; ") };
    }
  };
}

/** Executable front matter (`---js`) would let a content file run code at build time. */
export function refuseExecutableFrontMatter(_text: string, options?: EngineOptions): never {
  throw new DataError(options?.filePath ?? "(fichier inconnu)", [
    "les en-têtes en JavaScript (---js) sont refusés : écrivez l'en-tête en YAML entre deux lignes ---",
  ]);
}

/** The French line a maintainer reads on stderr about an imported file: « Veille : <fichier> <message> ». */
export function skipMessage(file: string, message: string): string {
  return `Veille : ${displayPath(file)} ${message}`;
}
