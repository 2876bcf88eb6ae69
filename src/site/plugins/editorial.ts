import { legalChecklist, missingLegalFields } from "../legal.ts";
import { failingLinks, linkCheck, type LinkState } from "../link-state.ts";
import type { Site } from "../schemas.ts";
import { typesetHtml } from "../typography.ts";

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
  // French typography on every page's text, template text included (src/site/typography.ts).
  eleventyConfig.addTransform("french-typography", function (this: { page: { outputPath?: string | false } }, content: string) {
    return typeof this.page.outputPath === "string" && this.page.outputPath.endsWith(".html") ? typesetHtml(content) : content;
  });
  const checklist = legalChecklist(missing);
  if (checklist) eleventyConfig.on("eleventy.after", () => console.log(checklist));
}
