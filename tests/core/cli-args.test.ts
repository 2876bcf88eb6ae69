import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import {
  commaList,
  parseCommandLine,
  positiveInteger,
  positiveNumber,
  runCli,
  USAGE_EXIT,
  type CommandLine,
} from "../../src/core/cli-args.ts";
import { PROJECT_ROOT } from "../support/site-build.ts";

const run = promisify(execFile);
const USAGE = "Usage : npm run essai -- <fichier> [options]";
const COMMAND = {
  usage: USAGE,
  options: { root: { type: "string" }, yes: { type: "boolean" }, host: { type: "string", multiple: true } },
  positionals: { min: 1, max: 1, name: "fichier" },
} satisfies CommandLine<{ root: { type: "string" }; yes: { type: "boolean" }; host: { type: "string"; multiple: true } }>;

/** What a command built on runCli prints and returns for `argv`. */
async function runEssai(argv: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(
    USAGE,
    async () => {
      parseCommandLine(argv, COMMAND);
      return 0;
    },
    { out: (t) => (out += t), err: (t) => (err += t) },
  );
  return { code, out, err };
}

describe("reading a command line", () => {
  it("gives the options' values and the arguments", () => {
    expect(parseCommandLine(["a.opml", "--root", "site", "--yes", "--host=x", "--host", "y"], COMMAND)).toEqual({
      values: { root: "site", yes: true, host: ["x", "y"] },
      positionals: ["a.opml"],
    });
  });

  it("answers an unknown option with a French message, the usage and the usage exit code", async () => {
    expect(await runEssai(["a", "--concurency", "4"])).toEqual({
      code: USAGE_EXIT,
      out: "",
      err: `Erreur : option inconnue : --concurency\n\n${USAGE}\n`,
    });
  });

  it("names an option given without its value", async () => {
    expect((await runEssai(["a", "--root"])).err).toMatch(/^Erreur : l'option --root attend une valeur\n/);
  });

  it("names a switch given a value", async () => {
    expect((await runEssai(["a", "--yes=non"])).err).toMatch(/^Erreur : l'option --yes ne prend pas de valeur\n/);
  });

  it("says when an argument is missing or one too many", async () => {
    expect((await runEssai([])).err).toMatch(/^Erreur : argument manquant : fichier\n/);
    expect((await runEssai(["a", "b"])).err).toMatch(/^Erreur : trop d'arguments : un seul fichier\n/);
  });

  it("refuses arguments where the command takes none", async () => {
    expect(() => parseCommandLine(["x"], { usage: USAGE, options: {} })).toThrow(
      "cette commande ne prend aucun argument en dehors des options",
    );
  });

  it("asks for the = spelling when a value starts with a dash", () => {
    expect(() => parseCommandLine(["a", "--root", "-x"], COMMAND)).toThrow(/écrire --option=valeur/);
    expect(parseCommandLine(["a", "--root=-x"], COMMAND).values.root).toBe("-x");
  });

  it("prints the usage on --help or -h and exits 0, whatever else is given", async () => {
    expect(await runEssai(["--help"])).toEqual({ code: 0, out: `${USAGE}\n`, err: "" });
    expect((await runEssai(["a", "b", "-h"])).code).toBe(0);
  });

  it("answers --help and mistakes of a command that keeps running, then exits before it starts", async () => {
    const start = (args: string[]) =>
      run(process.execPath, ["--import", "tsx", join(PROJECT_ROOT, "tests/fixtures/cli/long-running.ts"), ...args], {
        cwd: PROJECT_ROOT,
      }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
    expect(await start(["--port", "8080"])).toMatchObject({ code: 0, stdout: "démarré\n" });
    expect(await start(["--help"])).toMatchObject({ code: 0, stdout: "Usage : npm run serveur -- [--port N]\n" });
    expect(await start(["--prot", "8080"])).toMatchObject({
      code: USAGE_EXIT,
      stdout: "",
      stderr: "Erreur : option inconnue : --prot\n\nUsage : npm run serveur -- [--port N]\n",
    });
  }, 30_000);

  it("lets other errors through to the caller", async () => {
    await expect(
      runCli(USAGE, async () => {
        throw new TypeError("bogue");
      }),
    ).rejects.toThrow("bogue");
  });
});

describe("option values", () => {
  it("takes positive numbers and refuses the rest in French", () => {
    expect(positiveNumber("2.5", "--timeout")).toBe(2.5);
    expect(positiveNumber(undefined, "--timeout")).toBeUndefined();
    for (const bad of ["abc", "0", "-1", "", "Infinity"])
      expect(() => positiveNumber(bad, "--timeout")).toThrow(`--timeout : nombre positif attendu, reçu « ${bad} »`);
  });

  it("takes whole numbers where a count is expected", () => {
    expect(positiveInteger("4", "--concurrency")).toBe(4);
    expect(() => positiveInteger("1.5", "--concurrency")).toThrow("--concurrency : nombre entier positif attendu, reçu « 1.5 »");
  });

  it("reads lists written with commas or by repeating the option", () => {
    expect(commaList(["a, b", "c,,"])).toEqual(["a", "b", "c"]);
    expect(commaList("x")).toEqual(["x"]);
    expect(commaList(undefined)).toEqual([]);
  });
});

describe("every npm run command", () => {
  // Each script reads its options through src/core/cli-args.ts: one message and one exit code for all.
  const scripts = [
    "fetch",
    "build",
    "admin",
    "bench",
    "conformance",
    "eval-relevance",
    "sources-add",
    "sources-check",
    "sources-import",
    "check-links",
  ];
  const runScript = (script: string, args: string[]) =>
    run(process.execPath, ["--import", "tsx", join(PROJECT_ROOT, `scripts/${script}.ts`), ...args], { cwd: PROJECT_ROOT }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it.each(scripts)(
    "%s answers an unknown option with the French message and its usage, no stack trace",
    async (script) => {
      const { code, stderr } = await runScript(script, ["--nimporte-quoi"]);
      expect(code).toBe(USAGE_EXIT);
      expect(stderr).toMatch(/^Erreur : option inconnue : --nimporte-quoi\n\nUsage : npm run /);
      expect(stderr).not.toMatch(/\bat .*\.ts:\d+/);
    },
    30_000,
  );

  it("sources:check -- --concurrency abc says what is wrong in French", async () => {
    const { code, stderr } = await runScript("sources-check", ["--concurrency", "abc"]);
    expect(code).toBe(USAGE_EXIT);
    expect(stderr).toMatch(/^Erreur : --concurrency : nombre entier positif attendu, reçu « abc »\n\nUsage : npm run sources:check/);
  }, 30_000);
});
