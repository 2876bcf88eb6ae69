import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Theme } from "../../core/taxonomy.ts";
import { CONTENT_TYPES, contentType, declarationProblems, type ContentType } from "../content-types.ts";
import type { Entry } from "../entries.ts";
import { BODY_DEPTH_MAX, htmlDepth } from "../html-depth.ts";
import { createFrontMatterParser, refuseExecutableFrontMatter, skipMessage, UNBUILDABLE } from "../front-matter.ts";

export interface ContentTypesOptions {
  themes: readonly Theme[];
  types?: readonly ContentType[];
  /** Where the French lines about imported files left out go (stderr by default). */
  warn?: (line: string) => void;
}

/**
 * Content files typed by their declaration (src/site/content-types.ts): their front matter is
 * validated and completed as Eleventy reads it, and an imported file that cannot be built is left
 * out of every page, list, feed and the search index, with a line on stderr naming it: front matter
 * that breaks its schema, or a body nested too deep for the HTML transforms. Items the
 * group hid (`hidden: true`) are left out in the same way, silently: the ledger still has them.
 * The `card` filter names the partial that lists an entry, as its type declares.
 */
export function contentTypesPlugin(eleventyConfig: UserConfig, { themes, types = CONTENT_TYPES, warn = console.error }: ContentTypesOptions): void {
  const problems = declarationProblems(types);
  if (problems.length) throw new Error(`src/site/content-types.ts : ${problems.join(" ; ")}`);
  const report = (file: string, message: string) => warn(skipMessage(file, message));
  eleventyConfig.setFrontMatterParsingOptions({
    engines: {
      yaml: createFrontMatterParser({ themeIds: new Set(themes.map((t) => t.id)), types, report }),
      js: refuseExecutableFrontMatter,
      javascript: refuseExecutableFrontMatter,
      jsLegacy: refuseExecutableFrontMatter,
    },
  });
  const imported = new Set(types.filter((t) => t.origin === "import").map((t) => t.id));
  eleventyConfig.addPreprocessor("unbuildable", "md", function (this: { inputPath: string }, data: Record<string, unknown>, body: string) {
    if (!imported.has(String(data.contentType))) return undefined;
    if (typeof data[UNBUILDABLE] === "string") {
      report(this.inputPath, `n'est pas publié : ${data[UNBUILDABLE]}`);
      return false;
    }
    if (data.hidden === true) return false;
    const depth = htmlDepth(body);
    if (depth > BODY_DEPTH_MAX) {
      report(this.inputPath, `n'est pas publié : son texte a ${depth} niveaux de balises imbriqués (${BODY_DEPTH_MAX} au plus)`);
      return false;
    }
    return undefined;
  });
  eleventyConfig.addFilter("card", (entry: Entry) => {
    const { card, id } = contentType(String(entry.data.contentType), types);
    if (!card) throw new Error(`le type de contenu « ${id} » ne déclare pas de carte (${entry.inputPath})`);
    return card;
  });
}
