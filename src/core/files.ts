/**
 * Atomic writes, for the ingest and the maintainer commands alike. Every write goes to a temporary file in the target folder
 * first and reaches its name in one atomic step, so a run killed at any instant (SIGKILL in CI)
 * leaves either the previous file or the new one, never half of one.
 */
import { randomUUID } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

const TEMP_NAME = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;

/**
 * Writes `text` to a fresh temporary file next to `file` (same file system, so rename and link are
 * atomic). The folder is made only when the write finds it missing, and the name's 32 random bits
 * come from randomUUID's pooled entropy: a cold bench fetch writes 15 000 files into a few
 * folders, and a mkdir and a random draw per file cost it 0.6 s.
 */
function writeTemp(file: string, text: string): string {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
  try {
    writeFileSync(temp, text, { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temp, text, { flag: "wx" });
  }
  return temp;
}

/** Removes a temporary file this process made; `rmSync` would stat it first. */
function removeTemp(temp: string): void {
  try {
    unlinkSync(temp);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

/** Writes `file` whole or not at all, replacing what was there. */
export function replaceFileAtomic(file: string, text: string): void {
  const temp = writeTemp(file, text);
  try {
    renameSync(temp, file);
  } catch (error) {
    removeTemp(temp);
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
    removeTemp(temp);
  }
}

/** Removes temporary files a killed run may have left behind in `dir` and below. */
export function removeStaleTemporaryFiles(dir: string): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && TEMP_NAME.test(entry.name)) rmSync(join(entry.parentPath, entry.name), { force: true });
  }
}
