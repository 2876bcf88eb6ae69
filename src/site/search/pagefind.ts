import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import * as pagefind from "pagefind";

/**
 * Output folders made only of listings, which carry no `data-pagefind-body`. Pagefind reads every
 * file it is given and its memory grows with each one: at 20 000 items these folders are 70 MB of
 * HTML, costing 0.4 GB and a third of the indexing time for not a single indexed page.
 */
export const LISTING_FOLDERS = ["veille/page", "veille/lettre", "themes", "pagefind"];

const globLiteral = (name: string) => name.replace(/[\\{}[\]*?,!]/g, "\\$&");

/** A Pagefind glob for every HTML file of `site` outside the listing folders. */
export async function indexableGlob(site: string, skip: readonly string[] = LISTING_FOLDERS): Promise<string> {
  const patterns: string[] = [];
  // `dir` is the folder's path, compared with `skip`; `glob` the same path escaped for Pagefind.
  const walk = async (dir: string, glob: string): Promise<void> => {
    patterns.push(`${glob}*.html`);
    for (const entry of await readdir(join(site, dir), { withFileTypes: true })) {
      const path = `${dir}${entry.name}`;
      if (!entry.isDirectory() || skip.includes(path)) continue;
      const pathGlob = `${glob}${globLiteral(entry.name)}`;
      if (skip.some((folder) => folder.startsWith(`${path}/`))) await walk(`${path}/`, `${pathGlob}/`);
      else patterns.push(`${pathGlob}/**/*.html`);
    }
  };
  await walk("", "");
  return `{${patterns.join(",")}}`;
}

/**
 * Indexes the built site in French and writes the bundle to `<site>/pagefind/`. Only elements
 * marked `data-pagefind-body` are indexed, so listings, navigation and footers never are.
 */
export async function writeSearchIndex(site: string): Promise<{ pages: number }> {
  const fail = (step: string, errors: string[]) => new Error(`Index de recherche (${step}) : ${errors.join(" ; ")}`);
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: "fr" });
    if (!index) throw fail("création", errors);
    const added = await index.addDirectory({ path: site, glob: await indexableGlob(site) });
    if (added.errors.length) throw fail("lecture des pages", added.errors);
    // Chunks are named by content hash: without a clean folder, every rebuild would leave the old ones behind.
    const bundle = join(site, "pagefind");
    await rm(bundle, { recursive: true, force: true });
    const written = await index.writeFiles({ outputPath: bundle });
    if (written.errors.length) throw fail("écriture", written.errors);
    return { pages: added.page_count };
  } finally {
    // The Pagefind service is a child process: left running, it would keep `npm run build` alive.
    await pagefind.close();
  }
}
