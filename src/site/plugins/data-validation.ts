import { basename } from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { parseYamlText, validate } from "../../core/validation.ts";
import { dataSchemas } from "../schemas.ts";

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
  /** Data files the configuration has already read and validated, by file name: handed over as they are. */
  loaded: Record<string, unknown>;
}

/**
 * Every YAML data file is validated as Eleventy reads it, so a maintainer's mistake stops the
 * build with the file, the field and what was expected (front matter: plugins/content-types.ts).
 */
export function dataValidationPlugin(eleventyConfig: UserConfig, { loaded }: DataValidationOptions): void {
  eleventyConfig.addDataExtension("yaml", (contents: string, file: string) => {
    const name = basename(file);
    if (name in loaded) return deepFreeze(loaded[name]);
    const data = parseYamlText(contents, file);
    const schema = dataSchemas[name];
    return deepFreeze(schema ? validate(schema, data, file) : data);
  });
  eleventyConfig.addDataExtension("json", (contents: string, file: string) => {
    const name = basename(file);
    return deepFreeze(name in loaded ? loaded[name] : JSON.parse(contents));
  });
}
