/** The build reads `_data/linkState.json` through its schema: a damaged entry names the file and the field. */
import { rm } from "node:fs/promises";
import { expect, it } from "vitest";
import { prepareSite, runBuild } from "../support/site-build.ts";

it("stops a build on a link state with a date that is no date, naming the file and the field", async () => {
  const state = {
    "https://exemple.fr/": {
      checked: "2026-12-02T02:30:00.000Z",
      lastSuccess: null,
      firstFailure: "pas une date",
      status: 404,
      error: "réponse 404",
    },
  };
  const root = await prepareSite({ files: { "_data/linkState.json": JSON.stringify(state) } });
  let output = "";
  try {
    await runBuild(root);
  } catch (error) {
    output = String((error as { stderr?: string }).stderr ?? error);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  expect(output).toMatch(/_data\/linkState\.json :\s+(\[11ty\]\s+)?- champ « https:\/\/exemple\.fr\/\.firstFailure » : /);
  expect(output).not.toContain("tableau-de-bord.njk");
}, 180_000);
