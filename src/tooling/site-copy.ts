/**
 * A temporary copy of the project, and its real build: for the tests that look at a built site
 * and for the bench, which builds synthetic sites the same way.
 */
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { parse, stringify } from "yaml";
import { CONTENT_DIR, DATA_FILES, PROJECT_ROOT } from "../core/paths.ts";

const run = promisify(execFile);
const PROJECT_PARTS = [CONTENT_DIR, "_data", "src", "scripts", "eleventy.config.ts", "package.json"];

export interface SiteBuildOptions {
  /** Deep changes to `_data/site.yaml` (e.g. a contact endpoint). */
  site?: Record<string, unknown>;
  /** Folders copied over the content folder (e.g. fixture watch items), keyed by their target below it. */
  content?: Record<string, string>;
  /** Files written into the copy, keyed by their path relative to the project root. */
  files?: Record<string, string>;
}

type Tree = { [key: string]: unknown };

const isTree = (value: unknown): value is Tree => typeof value === "object" && value !== null && !Array.isArray(value);

/** `base` with `patch` laid over it: nested objects are merged, anything else (lists included) is replaced. */
function deepMerge(base: Tree, patch: Tree): Tree {
  const out: Tree = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = base[key];
    out[key] = isTree(value) ? deepMerge(isTree(current) ? current : {}, value) : value;
  }
  return out;
}

/** Copies the project to a temporary folder, applies the changes and returns it unbuilt. */
export async function prepareSite(options: SiteBuildOptions = {}): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "site-"));
  for (const part of PROJECT_PARTS) await cp(join(PROJECT_ROOT, part), join(root, part), { recursive: true });
  await symlink(join(PROJECT_ROOT, "node_modules"), join(root, "node_modules"), "dir");
  if (options.site) {
    const file = join(root, DATA_FILES.site);
    const identity: unknown = parse(await readFile(file, "utf8"));
    if (!isTree(identity)) throw new Error(`${DATA_FILES.site} : un objet YAML est attendu pour y appliquer les changements du test`);
    await writeFile(file, stringify(deepMerge(identity, options.site)));
  }
  for (const [target, from] of Object.entries(options.content ?? {})) {
    await cp(resolve(PROJECT_ROOT, from), join(root, CONTENT_DIR, target), { recursive: true });
  }
  for (const [path, text] of Object.entries(options.files ?? {})) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

/**
 * Runs the project's real build (Eleventy then Pagefind) in `root`; rejects with its output on failure.
 * `args` go to Eleventy's command line (e.g. `--pathprefix=/depot/`).
 */
export async function runBuild(root: string, args: readonly string[] = []): Promise<string> {
  const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "scripts/build.ts", "--quiet", ...args], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout + stderr;
}
