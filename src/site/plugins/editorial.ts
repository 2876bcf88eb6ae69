import { legalChecklist, missingLegalFields } from "../legal.ts";
import { failingLinks, linkCheck, type LinkState } from "../link-state.ts";
import type { Site } from "../schemas.ts";
import { typesetHtml } from "../typography.ts";
import { CONTENT_TYPES, importedPagesTemplate } from "../content-types.ts";

const languageNames = new Intl.DisplayNames("fr", { type: "language" });

/**
 * What the pages say about the site itself: the fields the group must still fill (`legalMissing`,
 * also printed at the end of every build so nobody goes live without seeing it), the `linkCheck`
 * filter over the nightly link check's state, language names for readers (`languageName`), the
 * site's icon at /favicon.ico and French typography on every page.
 */
export function editorialPlugin(eleventyConfig: any, { site }: { site: Site }): void {
  const missing = missingLegalFields(site);
  eleventyConfig.addGlobalData("legalMissing", missing);
  // Pages and posts written for the group and not yet validated, for the maintainers' page.
  eleventyConfig.addCollection("propositions", (api: { getAll(): Array<{ data: Record<string, unknown>; url: string }> }) =>
    api
      .getAll()
      .filter((entry) => entry.data.status === "proposition")
      .sort((a, b) => a.url.localeCompare(b.url)),
  );
  eleventyConfig.addFilter("linkCheck", (url: string, state: LinkState | undefined) => linkCheck(state, url));
  eleventyConfig.addFilter("failingLinks", (resources: Array<{ data: { url: string } }>, state: LinkState | undefined) => failingLinks(resources, state));
  eleventyConfig.addFilter("languageName", (code: string) => languageNames.of(code) ?? code);
  // Browsers ask for /favicon.ico whatever the page links: answer it rather than log a 404.
  eleventyConfig.addPassthroughCopy({ "src/assets/icons/favicon.ico": "favicon.ico" });
  // French typography on every page's text, template text included (src/site/typography.ts). The
  // pages of imported items (three quarters of the pages, and of the pass's time) are typeset at
  // the source instead: their layouts are written in French typography and pass values through
  // `typo`; tests/site/imported-items.test.ts checks that the pass would change nothing there.
  const typesetAtSource = new Set(CONTENT_TYPES.filter((t) => t.origin === "import").map((t) => `./content/${importedPagesTemplate(t)}`));
  eleventyConfig.addTransform("french-typography", function (this: { page: { inputPath: string; outputPath?: string | false } }, content: string) {
    const html = typeof this.page.outputPath === "string" && this.page.outputPath.endsWith(".html");
    return html && !typesetAtSource.has(this.page.inputPath) ? typesetHtml(content) : content;
  });
  const checklist = legalChecklist(missing);
  if (checklist) eleventyConfig.on("eleventy.after", () => console.log(checklist));
}
