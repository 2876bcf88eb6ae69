import { existsSync } from "node:fs";
import { mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startProxy, type RunningProcess } from "../../src/site/editor/proxy.ts";
import { persistEntry, postToBackend } from "../support/editor-backend.ts";
import { prepareSite } from "../support/site-build.ts";

/**
 * The editor's local backend as `npm run admin` starts it: the guard in front of the real
 * decap-server, writing into a temporary copy of the site. Requests are real HTTP on 127.0.0.1,
 * shaped as the editor sends them (decap-server's fs API: a JSON `action` and its `params`).
 */

const SITE = "http://localhost:18000";
let root: string;
let port: number;
let proxy: RunningProcess & { backendPort: number };

const post = (body: unknown, headers: Record<string, string> = {}, { to = port, method = "POST" } = {}) =>
  postToBackend(to, body, { origin: SITE, ...headers }, method);

const persist = (path: string, raw = "---\ntitle: Essai\n---\n") => post(persistEntry(path, raw));

beforeAll(async () => {
  root = await prepareSite();
  await mkdir(join(root, ".git"), { recursive: true });
  await writeFile(join(root, ".git/config"), "[core]\n");
  port = await freePort();
  proxy = await startProxy(root, port, { siteOrigins: [SITE] });
}, 120_000);

afterAll(async () => {
  await proxy?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

describe("the editor's local backend behind its guard", () => {
  it("writes a content file, a data file and a media file the editor edits", async () => {
    const written = await persist("content/ressources/essai-garde.md");
    expect(written.status).toBe(200);
    expect(written.headers["access-control-allow-origin"]).toBe(SITE);
    await expect(readFile(join(root, "content/ressources/essai-garde.md"), "utf8")).resolves.toContain("title: Essai");

    const site = await readFile(join(root, "_data/site.yaml"), "utf8");
    expect((await persist("_data/site.yaml", site)).status).toBe(200);

    const media = await post({
      action: "persistMedia",
      params: {
        branch: "main",
        asset: { path: "src/assets/medias/essai.png", content: "iVBORw0KGgo=", encoding: "base64" },
        options: { commitMessage: "essai" },
      },
    });
    expect(media.status).toBe(200);
    expect(existsSync(join(root, "src/assets/medias/essai.png"))).toBe(true);

    const listed = await post({
      action: "entriesByFolder",
      params: { branch: "main", folder: "content/ressources", extension: "md", depth: 1 },
    });
    expect(listed.status).toBe(200);
    expect(listed.body.map((entry: { file: { path: string } }) => entry.file.path)).toContain("content/ressources/essai-garde.md");
  });

  it.each([
    ".git/x",
    ".git/hooks/pre-commit",
    ".github/workflows/x.yml",
    "node_modules/x",
    "_data/x.cjs",
    "_data/x.json",
    "_data/sourceState.json",
    "../outside",
    "content/../../outside.md",
    "content/%2e%2e/%2e%2e/outside.md",
    "content\\..\\..\\outside.md",
    "/tmp/outside.md",
    "content/x.11ty.js",
    "content/veille/ledger.json",
    "eleventy.config.ts",
    "src/assets/medias/page.html",
    "src/assets/medias/image.svg",
  ])("refuses to write %s, with a French message", async (path) => {
    const answer = await persist(path);
    expect(answer.status).toBe(403);
    expect(answer.body.error).toMatch(/refusé/);
    expect(existsSync(join(root, path)) ? await readFile(join(root, path), "utf8") : undefined).not.toBe("---\ntitle: Essai\n---\n");
  });

  it("refuses a media upload or a deletion outside the editor's files", async () => {
    const upload = await post({
      action: "persistMedia",
      params: { asset: { path: ".github/workflows/x.yml", content: "eA==", encoding: "base64" }, options: {} },
    });
    expect(upload.status).toBe(403);
    const hidden = await post({
      action: "persistEntry",
      params: {
        dataFiles: [{ slug: "x", path: "content/ressources/ok.md", raw: "x" }],
        assets: [{ path: "_data/x.cjs", content: "eA==", encoding: "base64" }],
        options: {},
      },
    });
    expect(hidden.status).toBe(403);
    expect(existsSync(join(root, "content/ressources/ok.md"))).toBe(false);
    const removal = await post({ action: "deleteFile", params: { path: "package.json", options: {} } });
    expect(removal.status).toBe(403);
    expect(existsSync(join(root, "package.json"))).toBe(true);
  });

  it("refuses to read files outside the editor's, or to list other folders", async () => {
    expect((await post({ action: "getEntry", params: { path: ".git/config" } })).status).toBe(403);
    expect((await post({ action: "getMediaFile", params: { path: "/etc/hostname" } })).status).toBe(403);
    expect((await post({ action: "entriesByFolder", params: { folder: ".git", extension: "", depth: 1 } })).status).toBe(403);
    expect((await post({ action: "getMedia", params: { mediaFolder: "." } })).status).toBe(403);
    expect((await post({ action: "unpublishedEntries", params: {} })).status).toBe(403);
  });

  it("refuses a content path that leaves through a symbolic link", async () => {
    await mkdir(dirname(join(root, "content/ressources/lien.md")), { recursive: true });
    await symlink(join(root, ".git/config"), join(root, "content/ressources/lien.md"));
    const read = await post({ action: "getEntry", params: { path: "content/ressources/lien.md" } });
    expect(read.status).toBe(403);
    expect(read.body.error).toMatch(/lien symbolique/);
    expect((await persist("content/ressources/lien.md", "[core]\n\tfsmonitor = evil\n")).status).toBe(403);
    await expect(readFile(join(root, ".git/config"), "utf8")).resolves.toBe("[core]\n");
  });

  it("refuses a foreign Host (DNS rebinding) and a foreign Origin (another local page)", async () => {
    const rebound = await post({ action: "info" }, { host: `rebind.evil.example:${port}` });
    expect(rebound.status).toBe(403);
    expect(rebound.body.error).toMatch(/adresse refusée/);
    for (const origin of ["http://localhost:9999", "http://127.0.0.1:18098", "null", "http://evil.example"]) {
      const answer = await post(
        {
          action: "persistEntry",
          params: { dataFiles: [{ slug: "b", path: "content/ressources/b.md", raw: "x" }], assets: [], options: {} },
        },
        { origin },
      );
      expect(answer.status, origin).toBe(403);
      expect(answer.body.error).toMatch(/page refusée/);
    }
    expect(existsSync(join(root, "content/ressources/b.md"))).toBe(false);
    expect((await post({ action: "info" }, { host: `localhost:${port}` })).status).toBe(200);
  });

  it("lets no other page use decap-server's own port, behind the guard", async () => {
    const preflight = {
      origin: "http://localhost:9999",
      "access-control-request-method": "POST",
      "access-control-request-headers": "content-type",
    };
    const direct = await post(undefined, preflight, { to: proxy.backendPort, method: "OPTIONS" });
    expect(direct.headers["access-control-allow-origin"]).not.toBe("http://localhost:9999");
    const guarded = await post(undefined, { ...preflight, origin: SITE }, { method: "OPTIONS" });
    expect(guarded.headers["access-control-allow-origin"]).toBe(SITE);
  });
});
