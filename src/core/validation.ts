import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";
import { CORE_SCHEMA, load as loadYaml } from "js-yaml";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { z } from "zod";

// Maintainers read these messages: zod speaks French everywhere in the project.
z.config(z.locales.fr());

/** A data or front-matter problem, with the file it comes from, ready to show a maintainer. */
export class DataError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${displayPath(file)} :\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "DataError";
  }
}

export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith("..") ? file : rel;
}

/** "themes[2].label" from zod's path array. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === "number") return `${acc}[${key}]`;
    const name = String(key);
    return acc ? `${acc}.${name}` : name;
  }, "");
}

export function formatIssues(issues: readonly z.core.$ZodIssue[], label: (path: readonly PropertyKey[]) => string = formatPath): string[] {
  return issues.map((issue) => {
    const where = label(issue.path);
    return where ? `champ « ${where} » : ${issue.message}` : issue.message;
  });
}

/** Validates `value` against `schema`, throwing a DataError that names `file` and each field. */
export function validate<S extends z.ZodType>(schema: S, value: unknown, file: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new DataError(file, formatIssues(result.error.issues));
  return result.data;
}

/**
 * Parses YAML text, turning syntax errors into a DataError with line and column.
 *
 * Every watch item's front matter goes through here: js-yaml reads it about 15 times faster than
 * `yaml`, and its core schema resolves values as `yaml` does (dates stay strings). Only text that
 * js-yaml refuses goes to `yaml`, whose messages point at the mistake more clearly.
 */
export function parseYamlText(text: string, file: string): unknown {
  try {
    return loadYaml(text, { schema: CORE_SCHEMA, filename: file }) ?? null;
  } catch {
    // Reported below, in `yaml`'s words.
  }
  try {
    return parseYaml(text, { prettyErrors: true });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const pos = error.linePos?.[0];
      const where = pos ? `ligne ${pos.line}, colonne ${pos.col} : ` : "";
      throw new DataError(file, [`YAML invalide, ${where}${error.message.split("\n")[0]}`]);
    }
    throw error;
  }
}

/** A file maintainers keep, as text; a DataError naming it when it is missing or unreadable. */
export function readDataText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    throw new DataError(file, ["fichier introuvable ou illisible"]);
  }
}

export function loadYamlFile<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  return validate(schema, parseYamlText(readDataText(file), file), file);
}

/** Reads a JSON file a program wrote; undefined when absent, a DataError when damaged. */
export function readJsonFile<S extends z.ZodType>(file: string, schema: S): z.output<S> | undefined {
  if (!existsSync(file)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new DataError(file, [`JSON invalide : ${(error as Error).message}`]);
  }
  return validate(schema, value, file);
}
