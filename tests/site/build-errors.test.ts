import { rm } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { prepareSite, runBuild, type SiteBuildOptions } from "../support/site-build.ts";

/** The build's error output for a copy of the site with the given change; fails if it builds. */
async function buildError(change: SiteBuildOptions): Promise<string> {
  const root = await prepareSite(change);
  try {
    await runBuild(root);
  } catch (error) {
    return String((error as { stderr?: string }).stderr ?? error);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  throw new Error("the build succeeded");
}

describe("a build with a maintainer's mistake", () => {
  it("stops on a resource with a wrong field and names the file and the field", async () => {
    const output = await buildError({
      files: {
        "content/ressources/fiche-erronee.md":
          "---\ntitle: Fiche\norganisation: O\nurl: https://example.org/\ntype: brochure\nthemes: [laicite]\nterritory: national\naudiences: [education]\nlanguage: fr\nsummary: S\nupdated: 2026-11-23\n---\n",
      },
    });
    expect(output).toContain("content/ressources/fiche-erronee.md");
    expect(output).toMatch(/champ « type » : Option invalide/);
  });

  it("stops on a registry entry with a wrong key and names the source", async () => {
    const output = await buildError({
      files: {
        "_data/sources.yaml": "- id: essai\n  name: Essai\n  feed: https://example.org/feed\n  section: actus\n  territory: national\n",
      },
    });
    expect(output).toMatch(/_data\/sources\.yaml :\s+.*source « essai », clé « section »/);
  });

  it("stops on malformed YAML in the site identity with its line", async () => {
    const output = await buildError({ files: { "_data/site.yaml": "name: [Groupe\nurl: x\n" } });
    expect(output).toMatch(/_data\/site\.yaml :\s+.*YAML invalide, ligne \d+/);
  });

  it("stops on a Markdown file in a folder of the watch that is not a year, and names it", async () => {
    const output = await buildError({ files: { "content/veille/notes/brouillon.md": "---\ntitle: Brouillon\n---\n" } });
    expect(output).toContain("content/veille/notes/brouillon.md");
    expect(output).toMatch(/aucun type de contenu n'est déclaré pour ce dossier/);
  });

  it("refuses JavaScript front matter instead of running it", async () => {
    const output = await buildError({
      files: { "content/piege.md": "---js\n{ title: require('node:child_process').execSync('touch /tmp/pwned-by-front-matter') }\n---\n" },
    });
    expect(output).toContain("content/piege.md");
    expect(output).toMatch(/---js\) sont refusés/);
  });
});
