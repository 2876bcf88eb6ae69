import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FETCH_EXIT, main } from "../../src/ingest/cli.ts";
import { acquireLock } from "../../src/ingest/lock.ts";
import { lockFileOf } from "../../src/ingest/run.ts";
import { fixture, serve, siteMaker, source, startServer, type FeedServer, type Site } from "./support.ts";

let server: FeedServer;
const site = siteMaker();

beforeAll(async () => {
  server = await startServer();
  server.route("/three", serve(fixture("rss2-three-items.xml")));
  // Answers after a while, so that a second run starts while the first one holds the lock.
  server.route("/slow", (_req, res) => setTimeout(() => serve(fixture("rss2-three-items.xml"))(_req, res), 400));
});
afterAll(() => server.close());

function cli(s: Site, ...extra: string[]): { code: Promise<number>; out: () => string; err: () => string } {
  let out = "";
  let err = "";
  const code = main(
    ["--root", s.root, "--allow-host", "127.0.0.1", ...extra],
    (t) => (out += t),
    (t) => (err += t),
  );
  return { code, out: () => out, err: () => err };
}

function writeLock(s: Site, holder: Record<string, unknown> | string): string {
  const file = lockFileOf(s.ledgerFile);
  mkdirSync(s.contentDir, { recursive: true });
  writeFileSync(file, typeof holder === "string" ? holder : JSON.stringify(holder));
  return file;
}

describe("one run at a time", () => {
  it("refuses a second run while the first holds the lock: exit 4, a French message, nothing read or written", async () => {
    const s = site([source("lente", server.url("/slow"))]);
    const first = cli(s);
    await new Promise((r) => setTimeout(r, 100));
    const before = server.requests.length;
    const second = cli(s);
    expect(await second.code).toBe(FETCH_EXIT.locked);
    expect(second.err()).toMatch(
      /^Collecte non lancée, rien n'a été lu ni écrit : une autre collecte est en cours \(processus \d+ sur .+, depuis le .+\) ; si aucune ne tourne, supprimer .+ledger\.json\.lock\.\n$/,
    );
    expect(server.requests.length).toBe(before);
    expect(await first.code).toBe(FETCH_EXIT.done);
    // The first run's ledger is whole: the second one never wrote its own copy over it.
    expect(readFileSync(s.ledgerFile, "utf8").match(/\.md"/g)).toHaveLength(3);
    expect(existsSync(lockFileOf(s.ledgerFile))).toBe(false);
  });

  it("takes over the lock of a process of this machine that no longer exists", async () => {
    const s = site([source("essai", server.url("/three"))]);
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
    writeLock(s, { pid: dead, host: hostname(), since: new Date().toISOString(), token: "mort" });
    expect(await cli(s).code).toBe(FETCH_EXIT.done);
    expect(s.itemFiles()).toHaveLength(3);
  });

  it("takes over a lock older than an hour, whoever holds it", async () => {
    const s = site([source("essai", server.url("/three"))]);
    writeLock(s, { pid: 1, host: "une-autre-machine", since: new Date(Date.now() - 2 * 3600_000).toISOString(), token: "vieux" });
    expect(await cli(s).code).toBe(FETCH_EXIT.done);
  });

  it("takes over a lock file a crash left unreadable", async () => {
    const s = site([source("essai", server.url("/three"))]);
    writeLock(s, '{"pid": 12');
    expect(await cli(s).code).toBe(FETCH_EXIT.done);
  });

  it("keeps a recent lock of another machine, which it cannot check", async () => {
    const s = site([source("essai", server.url("/three"))]);
    writeLock(s, { pid: 1, host: "une-autre-machine", since: new Date().toISOString(), token: "recent" });
    expect(await cli(s).code).toBe(FETCH_EXIT.locked);
  });

  it("releases only its own lock", () => {
    const s = site();
    mkdirSync(s.contentDir, { recursive: true });
    const file = lockFileOf(s.ledgerFile);
    const lock = acquireLock(file);
    writeFileSync(file, JSON.stringify({ pid: 1, host: "ailleurs", since: new Date().toISOString(), token: "autre" }));
    lock.release();
    expect(existsSync(file)).toBe(true);
  });

  it("takes no lock for a dry run, which writes nothing", async () => {
    const s = site([source("essai", server.url("/three"))]);
    writeLock(s, { pid: process.pid, host: hostname(), since: new Date().toISOString(), token: "en-cours" });
    expect(await cli(s, "--dry-run").code).toBe(FETCH_EXIT.done);
  });
});

describe("exit codes", () => {
  it("exits 3 on an unexpected error, saying the registry is not the cause, and frees the lock", async () => {
    const s = site([source("essai", server.url("/three"))]);
    // Saving the state fails at the end of the run (its folder is a file), as a full disk would.
    const run = cli(s, "--state", join(s.sourcesFile, "etat.json"));
    expect(await run.code).toBe(FETCH_EXIT.crash);
    expect(run.err()).toContain(
      "Collecte interrompue par une erreur inattendue (à signaler aux développeurs ; le registre des sources n'est pas en cause)",
    );
    expect(existsSync(lockFileOf(s.ledgerFile))).toBe(false);
  });

  it("exits 3 from the command itself when an error escapes, never 1", () => {
    const s = site([source("essai", server.url("/three"))]);
    const result = spawnSync(
      process.execPath,
      ["--import", "tsx", "scripts/fetch.ts", "--root", s.root, "--allow-host", "127.0.0.1", "--state", join(s.sourcesFile, "etat.json")],
      { cwd: join(import.meta.dirname, "../.."), encoding: "utf8" },
    );
    expect(result.status).toBe(FETCH_EXIT.crash);
  });

  it("answers a bad option in French with the usage, not as an invalid registry", async () => {
    const s = site([source("essai", server.url("/three"))]);
    const run = cli(s, "--concurrency", "abc");
    expect(await run.code).toBe(64);
    expect(run.err()).toContain("--concurrency : nombre entier positif attendu, reçu « abc »");
    expect(run.err()).toContain("Usage : npm run fetch");
  });
});
