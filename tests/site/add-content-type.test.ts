import { existsSync, readFileSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareSite, runBuild } from "../support/site-build.ts";

/**
 * Issue 12's "done when": a new content type and a new search facet are one declaration each,
 * plus the type's layout, card and listing. This copy of the site adds an events calendar with
 * a "Lieu" facet and builds it.
 */
const EVENT_TYPE = `
  {
    id: "event",
    folder: ["agenda"],
    origin: "maintainer",
    schema: eventSchema,
    layout: "event.njk",
    permalink: (file) => \`/agenda/\${file.slug}/\`,
    collection: { name: "events", order: "newest" },
    card: "partials/event-card.njk",
    feed: false,
    search: { label: "Événement", facets: { type: { value: "Événement" }, lieu: { field: "lieu" } }, date: { field: "date", meta: "date" } },
  },
`;
const FILES = {
  "src/site/content/event-schema.ts": `import { z } from "zod";\nexport const eventSchema = z.strictObject({ title: z.string().min(1), description: z.string().min(1), date: z.string(), lieu: z.string().min(1) });\n`,
  "src/layouts/event.njk": `---\nlayout: base.njk\n---\n<article data-pagefind-body>\n  <h1>{{ title }}</h1>\n  {% include "partials/search-meta.njk" %}\n  <p>{{ lieu }}</p>\n  {{ content | safe }}\n</article>\n`,
  "src/layouts/partials/event-card.njk": `<li class="card card--event"><h3 class="card__title"><a href="{{ entry.url }}">{{ entry.data.title }}</a></h3><p class="card__meta">{{ entry.data.lieu }}</p></li>\n`,
  "content/agenda/index.njk": `---\ntitle: Agenda\ndescription: Les rendez-vous du groupe.\nlayout: base.njk\npermalink: /agenda/\n---\n<h1>Agenda</h1>\n<ul class="cards">{%- for entry in collections.events %}{% include entry | card %}{% endfor %}</ul>\n`,
  "content/agenda/2026-12-05-forum-des-acteurs.md": `---\ntitle: Forum des acteurs de la prévention\ndescription: Une journée d'échanges entre professionnels.\ndate: 2026-12-05\nlieu: Brest\n---\nProgramme à venir.\n`,
};

let root: string;
let output: string;
const page = (url: string) => readFileSync(join(output, url, "index.html"), "utf8");

async function edit(path: string, before: string, insert: string): Promise<void> {
  const text = await readFile(join(root, path), "utf8");
  if (!text.includes(before)) throw new Error(`${path}: « ${before} » not found`);
  await writeFile(join(root, path), text.replace(before, `${insert}${before}`));
}

beforeAll(async () => {
  root = await prepareSite({ files: FILES });
  await edit("src/site/content/content-types.ts", "] as const satisfies readonly ContentType[];", EVENT_TYPE);
  await edit("src/site/content/content-types.ts", "import type { FacetId", `import { eventSchema } from "./event-schema.ts";\n`);
  await edit(
    "src/site/search/facets.ts",
    "] as const satisfies readonly Facet[];",
    `  { id: "lieu", label: "Lieu", vocabulary: "text" },\n`,
  );
  await runBuild(root);
  output = join(root, "_site");
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("a content type and a facet added by their declarations", () => {
  it("builds each file of the new folder at the declared URL, with its layout", () => {
    expect(page("/agenda/forum-des-acteurs/")).toContain("<h1>Forum des acteurs de la prévention</h1>");
  });

  it("lists them in the declared collection with the declared card", () => {
    expect(page("/agenda/")).toContain('<li class="card card--event"><h3 class="card__title"><a href="/agenda/forum-des-acteurs/">');
  });

  it("files them in the search under the type and the new facet", () => {
    const html = page("/agenda/forum-des-acteurs/");
    expect(html).toContain('data-pagefind-filter="lieu[data-value]" data-value="Brest"');
    expect(html).toContain('data-pagefind-filter="type[data-value]" data-value="Événement"');
    expect(existsSync(join(output, "pagefind/pagefind.js"))).toBe(true);
  });

  it("offers the new facet on the search page", () => {
    expect(page("/recherche/")).toContain('{"id":"lieu","label":"Lieu","vocabulary":"text"}');
  });
});
