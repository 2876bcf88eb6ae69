import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Theme } from "../../core/taxonomy.ts";
import type { ImportedContent } from "../content/plugin.ts";
import { siteCollections } from "./collections.ts";
import type { Letter } from "./digest.ts";

type Data<T> = T & { pagination: { pageNumber: number } };
type LetterData = Data<{ letter: Letter }>;
type ThemeData = Data<{ theme: Theme }>;

/**
 * Every list the templates read (`collections.<name>`, built once per build by
 * src/site/lists/collections.ts over Eleventy's pages and the imported entries), and the
 * paginated listings: the watch 30 items a page, one page per weekly letter (and its e-mail
 * version), one per theme. Each is a body-less template whose layout in src/layouts/ renders
 * the page. They are declared here rather than as files of content/ because their URLs and
 * titles are functions: Eleventy compiles a Nunjucks string (a `permalink` or `eleventyComputed`
 * of front matter, or the template's own body) again for every page of a pagination, some
 * 3 000 compilations for the letters of a 5 000-item watch, where a layout is compiled once.
 */
export function listingsPlugin(
  eleventyConfig: UserConfig,
  { themes, imported }: { themes: readonly Theme[]; imported: ImportedContent },
): void {
  for (const [name, build] of Object.entries(siteCollections(themes, imported))) eleventyConfig.addCollection(name, build);

  eleventyConfig.addTemplate("veille/index.njk", "", {
    title: "Veille",
    description:
      "Actualités, recherches et publications des partenaires sur les thèmes du groupe et les sujets voisins, mises à jour chaque nuit.",
    layout: "watch-list.njk",
    // With no watch item yet (a fresh clone), the listing still exists and shows its empty state.
    pagination: { data: "collections.watch", size: 30, alias: "items", generatePageOnEmptyData: true },
    permalink: ({ pagination }: Data<object>) => (pagination.pageNumber > 0 ? `/veille/page/${pagination.pageNumber + 1}/` : "/veille/"),
  });

  const weekly = { pagination: { data: "collections.letters", size: 1, alias: "letter" } };
  eleventyConfig.addTemplate("veille/lettre/lettre.njk", "", {
    ...weekly,
    layout: "letter.njk",
    permalink: ({ letter }: LetterData) => `/veille/lettre/${letter.id}/`,
    eleventyComputed: {
      title: ({ letter }: LetterData) => `Lettre de veille, semaine ${letter.week} de ${letter.weekYear}`,
      description: ({ letter }: LetterData) =>
        `Les informations de veille de la semaine ${letter.week} de ${letter.weekYear}, classées par thème.`,
    },
  });
  // The letter as one self-contained HTML file for a mailing tool: inline styles only, no script,
  // no stylesheet, no image, every link absolute.
  eleventyConfig.addTemplate("veille/lettre/courriel.njk", "", {
    ...weekly,
    layout: "letter-email.njk",
    eleventyExcludeFromCollections: true,
    permalink: ({ letter }: LetterData) => `/veille/lettre/${letter.id}/courriel.html`,
  });

  eleventyConfig.addTemplate("themes/theme.njk", "", {
    layout: "theme.njk",
    pagination: { data: "themeCatalog", size: 1, alias: "theme" },
    permalink: ({ theme }: ThemeData) => `/themes/${theme.id}/`,
    eleventyComputed: { title: ({ theme }: ThemeData) => theme.label, description: ({ theme }: ThemeData) => theme.description },
  });
}
