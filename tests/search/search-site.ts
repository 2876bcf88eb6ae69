/**
 * The search tests' fixture site, built once per run for all of them (tests/support/site-build.ts):
 * the search fixture's watch items, and one word each that only the navigation and the footer show.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { PROJECT_ROOT, sharedSite, type SiteBuild } from "../support/site-build.ts";

/** Words the fixture site shows only in its navigation and its footer. */
export const NAV_ONLY_WORD = "Glossaire";
export const FOOTER_ONLY_WORD = "Colophon";

export async function searchSite(): Promise<SiteBuild> {
  const identity = parse(await readFile(join(PROJECT_ROOT, "_data/site.yaml"), "utf8"));
  return sharedSite({
    content: { veille: "tests/fixtures/search/veille" },
    site: {
      navigation: [...identity.navigation, { label: NAV_ONLY_WORD, url: "/a-propos/" }],
      footerLinks: [...identity.footerLinks, { label: FOOTER_ONLY_WORD, url: "/accessibilite/" }],
    },
  });
}
