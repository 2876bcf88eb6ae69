import type UserConfig from "@11ty/eleventy/UserConfig";
import { DateTime } from "luxon";
import type { StateFile } from "../../core/source-state.ts";
import type { Source } from "../../core/sources.ts";
import { ZONE } from "../../core/time.ts";
import { CONTENT_TYPES, importedPagesTemplate } from "../content/content-types.ts";
import type { Site } from "../content/schemas.ts";
import { legalChecklist, missingLegalFields } from "./legal.ts";
import { linkCheck, type LinkState } from "./link-state.ts";
import { licenceLookup } from "./reuse.ts";
import { countByKind, healthSummary, sourceHealth } from "./source-health.ts";
import { typesetHtml } from "./typography.ts";

const languageNames = new Intl.DisplayNames("fr", { type: "language" });

export interface EditorialOptions {
  site: Site;
  registry: readonly Source[];
  state: Readonly<StateFile>;
}

/**
 * What the pages say about the site itself: each source's health from the committed state
 * (`sourceHealth`, `sourceHealthCounts`, the `healthSummary` filter), the `linkCheck` filter over
 * the nightly link check's state, language names for readers (`languageName`), the site's icon at
 * /favicon.ico, French typography on every page, and the legal fields the group must still fill,
 * printed at the end of every build so nobody goes live without seeing them.
 */
export function editorialPlugin(eleventyConfig: UserConfig, { site, registry, state }: EditorialOptions): void {
  const health = sourceHealth(registry, state, DateTime.now().setZone(ZONE));
  eleventyConfig.addGlobalData("sourceHealth", health);
  eleventyConfig.addGlobalData("sourceHealthCounts", countByKind(health));
  eleventyConfig.addFilter("healthSummary", healthSummary);
  eleventyConfig.addFilter("linkCheck", (url: string, links: LinkState | undefined) => linkCheck(links, url));
  // The licence a reproduced watch item is published under, named on its page ("" when not stated).
  eleventyConfig.addFilter("sourceLicence", licenceLookup(registry));
  eleventyConfig.addFilter("languageName", (code: string) => languageNames.of(code) ?? code);
  // Browsers ask for /favicon.ico whatever the page links: answer it rather than log a 404.
  eleventyConfig.addPassthroughCopy({ "src/assets/icons/favicon.ico": "favicon.ico" });
  // French typography on every page's text, template text included (src/site/editorial/typography.ts). The
  // pages of imported items (three quarters of the pages, and of the pass's time) are typeset at
  // the source instead: their layouts are written in French typography and pass values through
  // `typo`; tests/site/imported-items.test.ts checks that the pass would change nothing there.
  const typesetAtSource = new Set(CONTENT_TYPES.filter((t) => t.origin === "import").map((t) => `./content/${importedPagesTemplate(t)}`));
  eleventyConfig.addTransform(
    "french-typography",
    function (this: { page: { inputPath: string; outputPath?: string | false } }, content: string) {
      const html = typeof this.page.outputPath === "string" && this.page.outputPath.endsWith(".html");
      return html && !typesetAtSource.has(this.page.inputPath) ? typesetHtml(content) : content;
    },
  );
  const checklist = legalChecklist(missingLegalFields(site));
  if (checklist) eleventyConfig.on("eleventy.after", () => console.log(checklist));
}
