import { readdirSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { dump } from "js-yaml";
import type { Theme } from "../../core/taxonomy.ts";
import { cmsConfig, collectionName } from "../admin/cms-config.ts";
import { contentFileOf, typeOfFile } from "../content-types.ts";
import type { HealthKind, SourceHealth } from "../source-health.ts";
import type { Site } from "../schemas.ts";

export interface AdminOptions {
  themes: readonly Theme[];
  sources: readonly { id: string; name: string }[];
  site: Site;
}

/** Port of `decap-server` that the editor looks for on localhost (`npm run admin` sets it). */
export const DEFAULT_PROXY_PORT = 8081;

/** The editor's page for a content file (`./content/ressources/x.md`), or undefined outside every type. */
export function editorUrl(inputPath: string): string | undefined {
  const file = contentFileOf(inputPath);
  const type = file && typeOfFile(file);
  if (!file || !type) return undefined;
  const year = type.folder.includes("*") ? file.folders.at(-1) : undefined;
  return `/admin/#/collections/${collectionName(type, year)}/entries/${file.stem}`;
}

/** The editor's page for a data file the editor edits as a whole (`site`, `sources`, `themes`, `lettres`). */
export function editorDataUrl(name: string): string {
  return `/admin/#/collections/donnees/entries/${name}`;
}

/** Sources a maintainer should look at: failing, gone, moved (permanent redirect) or paused by the site. */
export function troubledSources<T extends Pick<SourceHealth, "kind">>(rows: readonly T[]): T[] {
  const kinds: readonly HealthKind[] = ["failing", "gone", "moved", "throttled"];
  return rows.filter((row) => kinds.includes(row.kind));
}

interface Fetched {
  data: { fetched?: string | Date; hidden?: boolean };
}

/** Watch items the collecte kept in the `days` days before `now`, as they are listed (newest first). */
export function keptSince<T extends Fetched>(items: readonly T[], days: number, now: Date = new Date()): T[] {
  const since = now.getTime() - days * 24 * 60 * 60 * 1000;
  return items.filter((item) => item.data.fetched !== undefined && new Date(item.data.fetched).getTime() >= since);
}

/** Year folders of the watch (`content/veille/<YYYY>/`): one editor collection each. */
export function watchYears(input: string): string[] {
  try {
    return readdirSync(join(input, "veille"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && /^\d{4}$/.test(entry.name))
      .map((entry) => entry.name);
  } catch {
    return [];
  }
}

/**
 * The editor at /admin/: Decap CMS copied from node_modules (no CDN), the page that starts it
 * (content/admin/), and its configuration generated from the schemas after each build, so it
 * always lists the year folders and the themes the build has just seen.
 */
export function adminPlugin(eleventyConfig: any, { themes, sources, site }: AdminOptions): void {
  // The bundle and the chunks it loads next to itself; not its source maps (58 MB).
  eleventyConfig.addPassthroughCopy({ "node_modules/decap-cms/dist/*decap-cms.js": "admin" });
  eleventyConfig.addPassthroughCopy({ "node_modules/decap-cms/dist/*.wasm": "admin" });
  // The YAML library for the comment-keeping format, in its browser build (ES modules).
  eleventyConfig.addPassthroughCopy({ "node_modules/yaml/browser/dist": "admin/yaml" });
  eleventyConfig.addPassthroughCopy({ "src/site/admin/*.js": "admin" });

  // The maintainers' dashboard (/admin/tableau-de-bord/) links each line to the editor.
  eleventyConfig.addFilter("editorUrl", editorUrl);
  eleventyConfig.addFilter("editorDataUrl", editorDataUrl);
  eleventyConfig.addFilter("troubledSources", troubledSources);
  eleventyConfig.addFilter("keptSince", (items: Fetched[], days: number) => keptSince(items, days));

  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { input: string; output: string } }) => {
    const config = cmsConfig({
      themes,
      sources,
      watchYears: watchYears(directories.input),
      // In the nightly workflow, GitHub names the repository it runs in.
      repo: site.editor?.repo || process.env.GITHUB_REPOSITORY || "",
      branch: site.editor?.branch ?? "main",
      authUrl: site.editor?.authUrl ?? "",
      localPort: Number(process.env.DECAP_PROXY_PORT) || DEFAULT_PROXY_PORT,
    });
    await mkdir(join(directories.output, "admin"), { recursive: true });
    // js-yaml's emitter: the `yaml` library's document model took 0.15–0.3 s on every build for these 30 kB.
    await writeFile(join(directories.output, "admin/config.yml"), dump(config, { lineWidth: -1, noRefs: true, skipInvalid: true }));
  });
}
