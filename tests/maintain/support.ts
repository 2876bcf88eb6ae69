import { cp, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Io } from "../../src/maintain/io.ts";
import { PROJECT_ROOT } from "../support/site-build.ts";

export const FIXTURES = join(import.meta.dirname, "../fixtures/maintain");
export const fixtureText = (name: string) => readFile(join(FIXTURES, name), "utf8");

export interface TempRoot {
  root: string;
  registryFile: string;
  registry(): Promise<string>;
  cleanup(): Promise<void>;
}

/** A throw-away site root with a copy of a fixture registry and the project's theme catalogue. */
export async function tempRoot(registry = "sources-with-comments.yaml"): Promise<TempRoot> {
  const root = await mkdtemp(join(tmpdir(), "maintain-"));
  await mkdir(join(root, "_data"));
  await cp(join(PROJECT_ROOT, "_data/themeCatalog.yaml"), join(root, "_data/themeCatalog.yaml"));
  const registryFile = join(root, "_data/sources.yaml");
  await cp(join(FIXTURES, registry), registryFile);
  return { root, registryFile, registry: () => readFile(registryFile, "utf8"), cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** The maintainer at the keyboard: answers given in order, questions and output recorded. */
export function scriptedIo(answers: readonly string[] = []): Io & { output: string; questions: string[] } {
  const queue = [...answers];
  const io = {
    output: "",
    questions: [] as string[],
    out(text: string) {
      io.output += text;
    },
    async ask(question: string) {
      io.questions.push(question);
      return queue.shift();
    },
  };
  return io;
}
