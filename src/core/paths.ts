/**
 * Where the project keeps its files, relative to a site's root. The site, the ingest, the
 * maintainer commands and the bench all take their locations from here, so a file moved is moved
 * everywhere at once.
 */
import { join, resolve } from "node:path";

/** This checkout's root (the folder holding `package.json`). */
export const PROJECT_ROOT = resolve(import.meta.dirname, "../..");

/** Data files, relative to a site's root. */
export const DATA_FILES = {
  /** Identity, contact, navigation: written by maintainers. */
  site: "_data/site.yaml",
  /** The source registry (docs/architecture.md, data files). */
  sources: "_data/sources.yaml",
  /** Themes and their vocabulary. */
  themes: "_data/themeCatalog.yaml",
  /** Per-source state, written by each fetch run. */
  sourceState: "_data/sourceState.json",
  /** The weekly letter's introductions, written in the editor. */
  letterIntros: "_data/letterIntros.yaml",
  /** Link-check results, written by the nightly link check (absent until the first check). */
  linkState: "_data/linkState.json",
} as const;

/** Eleventy's input: every content type has its folder below it (src/site/content/content-types.ts). */
export const CONTENT_DIR = "content";

/** The watch folder: `<YYYY>/<YYYY-MM-DD>-<slug>.md` items below it. */
export const WATCH_DIR = `${CONTENT_DIR}/veille`;

/** Every item the pipeline ever wrote, kept in the watch folder (outside `_data/`, so Eleventy never loads it as data). */
export const LEDGER_NAME = "ledger.json";
export const LEDGER_FILE = `${WATCH_DIR}/${LEDGER_NAME}`;

export type DataFileName = keyof typeof DATA_FILES;

/** Absolute path of a data file of the site rooted at `root`. */
export function dataFile(root: string, name: DataFileName): string {
  return join(root, DATA_FILES[name]);
}
