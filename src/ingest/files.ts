/**
 * File-system edge of the pipeline. Every write goes to a temporary file in the target folder
 * first and reaches its name in one atomic step, so a run killed at any instant (SIGKILL in CI)
 * leaves either the previous file or the new one, never half of one.
 */
import { randomBytes } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

const TEMP_NAME = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;

/** Writes `text` to a fresh temporary file next to `file` (same file system, so rename and link are atomic). */
function writeTemp(file: string, text: string): string {
  mkdirSync(dirname(file), { recursive: true });
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  writeFileSync(temp, text, { flag: "wx" });
  return temp;
}

/** Writes `file` whole or not at all, replacing what was there. */
export function replaceFileAtomic(file: string, text: string): void {
  const temp = writeTemp(file, text);
  try {
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Replaces `file` only when its text differs, so a quiet run leaves the tree untouched. */
export function replaceFileIfChanged(file: string, text: string): boolean {
  if (existsSync(file) && readFileSync(file, "utf8") === text) return false;
  replaceFileAtomic(file, text);
  return true;
}

/**
 * Writes `file` whole or not at all, and never over an existing file (a hard link fails
 * atomically when the name is taken). Returns false when the name was already taken.
 */
export function createFileAtomic(file: string, text: string): boolean {
  const temp = writeTemp(file, text);
  try {
    linkSync(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    rmSync(temp, { force: true });
  }
}

/** Removes temporary files a killed run may have left behind in `dir` and below. */
export function removeStaleTemporaryFiles(dir: string): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && TEMP_NAME.test(entry.name)) rmSync(join(entry.parentPath, entry.name), { force: true });
  }
}
