import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { dump } from "js-yaml";
import type { Theme } from "../../core/taxonomy.ts";
import { contentType, yearFolders } from "../content/content-types.ts";
import { cmsConfig } from "./cms-config.ts";
import type { Site } from "../content/schemas.ts";

export interface EditorOptions {
  themes: readonly Theme[];
  sources: readonly { id: string; name: string }[];
  site: Site;
}

/** Port of `decap-server` that the editor looks for on localhost (`npm run admin` sets it). */
export const DEFAULT_PROXY_PORT = 8081;

/**
 * The editor at /admin/: Decap CMS copied from node_modules (no CDN), the page that starts it
 * (content/admin/), and its configuration generated from the schemas after each build, so it
 * always lists the year folders and the themes the build has just seen.
 */
export function editorPlugin(eleventyConfig: UserConfig, { themes, sources, site }: EditorOptions): void {
  // The bundle and the chunks it loads next to itself; not its source maps (58 MB).
  eleventyConfig.addPassthroughCopy({ "node_modules/decap-cms/dist/*decap-cms.js": "admin" });
  eleventyConfig.addPassthroughCopy({ "node_modules/decap-cms/dist/*.wasm": "admin" });
  // The YAML library for the comment-keeping format, in its browser build (ES modules).
  eleventyConfig.addPassthroughCopy({ "node_modules/yaml/browser/dist": "admin/yaml" });
  eleventyConfig.addPassthroughCopy({ "src/site/editor/*.js": "admin" });

  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { input: string; output: string } }) => {
    const config = cmsConfig({
      themes,
      sources,
      // One editor collection per year folder of the watch.
      watchYears: yearFolders(contentType("watch"), directories.input),
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
