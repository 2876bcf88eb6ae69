import { DataError, parseYamlText, validate } from "../core/validation.ts";
import { schemaForInput } from "./schemas.ts";

interface EngineOptions {
  /** Eleventy 3 passes the template's path along to front-matter engines. */
  filePath?: string;
}

/**
 * YAML front-matter engine that validates each content file against the schema of its folder
 * and checks that every theme it names exists, so a typo fails the build with the file and field.
 */
export function createFrontMatterParser(themeIds: ReadonlySet<string>) {
  return (text: string, options?: EngineOptions): Record<string, unknown> => {
    const file = options?.filePath ?? "(fichier inconnu)";
    const data = (parseYamlText(text, file) ?? {}) as Record<string, unknown>;
    const schema = schemaForInput(file);
    if (!schema) return data;
    const parsed = validate(schema, data, file) as { themes?: string[] };
    const unknown = (parsed.themes ?? []).filter((id) => !themeIds.has(id));
    if (unknown.length > 0) {
      throw new DataError(file, [
        `champ « themes » : thème inconnu ${unknown.map((id) => `« ${id} »`).join(", ")} (thèmes possibles : ${[...themeIds].join(", ")})`,
      ]);
    }
    return data;
  };
}

/** Executable front matter (`---js`) would let a content file run code at build time. */
export function refuseExecutableFrontMatter(_text: string, options?: EngineOptions): never {
  throw new DataError(options?.filePath ?? "(fichier inconnu)", [
    "les en-têtes en JavaScript (---js) sont refusés : écrivez l'en-tête en YAML entre deux lignes ---",
  ]);
}
