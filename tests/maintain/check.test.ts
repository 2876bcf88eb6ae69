import { execFile } from "node:child_process";
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { checkSources } from "../../src/maintain/check.ts";
import { serve, startServer, type FeedServer } from "../ingest/support.ts";
import { PROJECT_ROOT } from "../support/site-build.ts";
import { fixtureText, scriptedIo, tempRoot, type TempRoot } from "./support.ts";

const run = promisify(execFile);
let server: FeedServer;
let temp: TempRoot;
const source = (id: string, path: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: id,
  feed: server.url(path),
  section: "actualites",
  territory: "brest",
  ...extra,
});
const writeRegistry = (entries: unknown[]) => writeFile(temp.registryFile, stringify(entries));
const check = async () => {
  const io = scriptedIo();
  const code = await checkSources(["--root", temp.root, "--allow-host", "127.0.0.1", "--timeout", "2"], io);
  return { code, output: io.output, row: (id: string) => io.output.split("\n").find((l) => l.startsWith(`${id} `)) ?? "" };
};

beforeAll(async () => {
  server = await startServer();
  server.route("/bon.xml", serve(await fixtureText("feed-laicite-football-radicalisation.xml")));
  server.route("/deplace.xml", (_req, res) => res.writeHead(308, { location: "/bon.xml" }).end());
  server.route(
    "/page/",
    serve('<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/bon.xml"></head></html>', {
      "content-type": "text/html",
    }),
  );
});
afterAll(() => server.close());
beforeEach(async () => {
  temp = await tempRoot();
});
afterEach(() => temp.cleanup());

describe("npm run sources:check", () => {
  it("tries every source once and prints a table of their statuses", async () => {
    await writeRegistry([
      source("bon", "/bon.xml"),
      source("introuvable", "/absent.xml"),
      source("deplace", "/deplace.xml"),
      source("page", "/page/"),
      source("en-pause", "/bon.xml", { enabled: false, keep: "all" }),
    ]);
    const { code, output, row } = await check();
    expect(output).toMatch(/^Source\s+État\s+Articles\s+Gardés\s+Remarque$/m);
    expect(row("bon")).toMatch(/^bon\s+répond\s+3\s+2$/);
    expect(row("introuvable")).toMatch(/en erreur\s+le serveur a répondu 404 \(adresse introuvable\)/);
    expect(row("deplace")).toMatch(/à corriger\s+3\s+2\s+redirection permanente : mettre « feed » à http:\/\/127\.0\.0\.1:\d+\/bon\.xml$/);
    expect(row("page")).toMatch(/page web, pas un flux\s+flux annoncés : http:\/\/127\.0\.0\.1:\d+\/bon\.xml$/);
    expect(row("en-pause")).toMatch(/répond \(désactivée\)\s+3\s+3/);
    expect(output).toContain("3 source(s) à regarder sur 5.");
    expect(code).toBe(2);
  });

  it("exits 0 when every source answers with a feed", async () => {
    await writeRegistry([source("bon", "/bon.xml")]);
    const { code, output } = await check();
    expect(code).toBe(0);
    expect(output).toContain("Les 1 source(s) répondent.");
  });

  it("writes no item and no state", async () => {
    await writeRegistry([source("bon", "/bon.xml")]);
    await check();
    expect((await readdir(temp.root, { recursive: true })).sort()).toEqual(["_data", "_data/sources.yaml", "_data/themeCatalog.yaml"]);
  });

  it("stops before any request on an invalid registry, naming each source and key, with exit code 1", async () => {
    await writeRegistry([
      source("bon", "/bon.xml", { section: "presse" }),
      { id: "Mauvais id", name: "x", feed: "ftp://x", section: "recherche", territory: "brest" },
    ]);
    const before = server.requests.length;
    const script = run(process.execPath, ["--import", "tsx", join(PROJECT_ROOT, "scripts/sources-check.ts"), "--root", temp.root], {
      cwd: PROJECT_ROOT,
    });
    const failure = await script.then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain("source « bon », clé « section »");
    expect(failure?.stderr).toContain("source « Mauvais id », clé « id »");
    expect(failure?.stderr).toContain("clé « feed »");
    expect(server.requests.length).toBe(before);
  });
});
