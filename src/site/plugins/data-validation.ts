import { basename } from "node:path";
import type { Theme } from "../../core/taxonomy.ts";
import { parseYamlText, validate } from "../../core/validation.ts";
import { validateRegistry } from "../../ingest/registry.ts";
import { createFrontMatterParser, refuseExecutableFrontMatter } from "../front-matter.ts";
import { dataSchemas } from "../schemas.ts";

/**
 * Every YAML data file and every content front matter is validated as Eleventy reads it,
 * so a maintainer's mistake stops the build with the file, the field and what was expected.
 */
export function dataValidationPlugin(eleventyConfig: any, { themes }: { themes: readonly Theme[] }): void {
  eleventyConfig.addDataExtension("yaml", (contents: string, file: string) => {
    const data = parseYamlText(contents, file);
    const name = basename(file);
    // The registry is the ingest pipeline's contract: the site checks it with the same rules.
    if (name === "sources.yaml") return validateRegistry(data, file, themes);
    const schema = dataSchemas[name];
    return schema ? validate(schema, data, file) : data;
  });
  eleventyConfig.setFrontMatterParsingOptions({
    engines: {
      yaml: createFrontMatterParser(new Set(themes.map((t) => t.id))),
      js: refuseExecutableFrontMatter,
      javascript: refuseExecutableFrontMatter,
      jsLegacy: refuseExecutableFrontMatter,
    },
  });
}
