import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkExternalLinks, checkLinks, checkUrls, type LinkReport } from "../../src/maintain/links.ts";
import { serve, startServer, type FeedServer } from "../ingest/support.ts";
import { scriptedIo } from "./support.ts";

let server: FeedServer;
let site: string;
let report: LinkReport;
const page = (links: string[]) =>
  `<!doctype html><html lang="fr"><head><title>p</title></head><body>${links.map((l) => `<a href="${l}">lien</a>`).join("")}</body></html>`;

/** A built site in miniature: pages and a resource link out, a watch item links to the press. */
async function writeSite(dir: string): Promise<void> {
  const files: Record<string, string[]> = {
    "index.html": ["/ressources/guide/", "/a-propos/", "/veille/2026/article/", "/veille/page/2/", "mailto:groupe@example.org"],
    "ressources/guide/index.html": [server.url("/ok"), server.url("/absent"), server.url("/deplace")],
    "a-propos/index.html": [server.url("/lent"), server.url("/ok")],
    "veille/2026/article/index.html": [server.url("/presse")],
    "veille/page/2/index.html": [server.url("/presse-page-2")],
  };
  for (const [path, links] of Object.entries(files)) {
    await mkdir(join(dir, path, ".."), { recursive: true });
    await writeFile(join(dir, path), page(links));
  }
}

beforeAll(async () => {
  server = await startServer();
  server.route("/ok", serve("<p>ok</p>", { "content-type": "text/html" }));
  server.route("/deplace", (_req, res) => res.writeHead(301, { location: "/ok" }).end());
  server.route("/lent", () => undefined);
  server.route("/vers-interne", (_req, res) => res.writeHead(302, { location: server.url("/ok").replace("127.0.0.1", "127.0.0.2") }).end());
  site = await mkdtemp(join(tmpdir(), "links-"));
  await writeSite(site);
  report = await checkExternalLinks(site, { timeoutMs: 1000, concurrency: 4, allowHosts: ["127.0.0.1"] });
}, 30_000);
afterAll(async () => {
  await server.close();
  await rm(site, { recursive: true, force: true });
});

describe("npm run check:links", () => {
  it("reports broken external links with their status and the page they are on", () => {
    expect(report.broken).toContainEqual({ url: server.url("/absent"), status: "réponse 404", page: "/ressources/guide/" });
  });

  it("reports a link whose server does not answer in time", () => {
    expect(report.broken).toContainEqual({
      url: server.url("/lent"),
      status: "pas de réponse (délai dépassé ou serveur injoignable)",
      page: "/a-propos/",
    });
  });

  it("reports redirected links with where they lead", () => {
    expect(report.redirected).toEqual([{ url: server.url("/deplace"), target: server.url("/ok"), page: "/ressources/guide/" }]);
  });

  it("checks the external links of pages and resources, never those of the watch", () => {
    expect(report.checked).toBe(4);
    const asked = server.requests.map((r) => r.path);
    expect(asked).not.toContain("/presse");
    expect(asked).not.toContain("/presse-page-2");
  });

  it("exits 1 with a French report when a link is broken", async () => {
    const io = scriptedIo();
    expect(await checkLinks(["--dir", site, "--timeout", "1", "--allow-host", "127.0.0.1"], io)).toBe(1);
    expect(io.output).toMatch(
      /Liens cassés \(2\) :\n {2}- http:\/\/127\.0\.0\.1:\d+\/absent : réponse 404, sur la page \/ressources\/guide\//,
    );
    expect(io.output).toMatch(
      /Liens redirigés \(1\), à mettre à jour si la nouvelle adresse est la bonne :\n {2}- .*\/deplace → .*\/ok, sur la page \/ressources\/guide\//,
    );
  }, 20_000);

  it("asks for a build first when there is no built site", async () => {
    await expect(checkLinks(["--dir", join(site, "absent")], scriptedIo())).rejects.toThrow(/lancez d'abord « npm run build »/);
  });
});

describe("the address guard of check:links", () => {
  it("refuses a link to a loopback or private address unless its host is allowed", async () => {
    const guarded = await checkUrls([server.url("/ok")], { timeoutMs: 1000, concurrency: 2, allowHosts: [] });
    expect(guarded.outcomes).toEqual([
      {
        url: server.url("/ok"),
        ok: false,
        status: null,
        error: expect.stringMatching(/^hôte « 127\.0\.0\.1 » refusé : il pointe vers une adresse interne/),
      },
    ]);
  });

  it("refuses a localhost address other than the site's own, whatever host is allowed", async () => {
    const before = server.requests.length;
    const url = server.url("/ok").replace("127.0.0.1", "localhost");
    const guarded = await checkUrls([url], { timeoutMs: 1000, concurrency: 2, allowHosts: ["127.0.0.1"] });
    expect(guarded.outcomes).toEqual([{ url, ok: false, status: null, error: expect.stringMatching(/^hôte « localhost » refusé/) }]);
    expect(server.requests.length).toBe(before);
  });

  it("refuses a redirect from an allowed host to an internal address", async () => {
    const before = server.requests.length;
    const guarded = await checkUrls([server.url("/vers-interne")], { timeoutMs: 1000, concurrency: 2, allowHosts: ["127.0.0.1"] });
    expect(guarded.outcomes[0]).toMatchObject({ ok: false, error: expect.stringMatching(/^hôte « 127\.0\.0\.2 » refusé/) });
    expect(new Set(server.requests.slice(before).map((r) => r.path))).toEqual(new Set(["/vers-interne"]));
  });
});
