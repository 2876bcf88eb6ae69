import { readdir, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { startProxy, type RunningProcess } from "../../src/site/editor/proxy.ts";
import { resourceSchema, watchItemSchema } from "../../src/site/content/schemas.ts";
import { connectBrowser } from "../support/browser.ts";
import { prepareSite, runBuild } from "../support/site-build.ts";
import { serveStatic, type StaticServer } from "../support/static-server.ts";

/**
 * The editor through its real interface, against its real local backend (decap-server writing
 * the files of a temporary copy of the site), as a maintainer uses it with `npm run admin`.
 * The machine is shared: Decap's 5 MB bundle can take long to start, hence the generous waits.
 */

const WATCH_FILE = "content/veille/2026/2026-11-30-un-rapport-sur-la-laicite-a-l-ecole.md";
const SLOW = { timeout: 90_000 };

let root: string;
let proxy: RunningProcess;
let server: StaticServer;
let browser: Browser;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function frontMatter(text: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---/.exec(text);
  if (!match) throw new Error(`pas d'en-tête :\n${text}`);
  return parse(match[1]!) as Record<string, unknown>;
}

/** A page of the editor, signed in to the local backend; every request is recorded. */
async function openEditor(hash = ""): Promise<{ page: Page; context: BrowserContext; requests: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const requests: string[] = [];
  context.on("request", (request) => requests.push(request.url()));
  await context.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => route.abort());
  const page = await context.newPage();
  await page.goto(`${server.url}/admin/`, { waitUntil: "commit" });
  await page.getByRole("button", { name: "Se connecter" }).click(SLOW);
  await page.getByText("Ressources").first().waitFor(SLOW);
  if (hash) await page.goto(`${server.url}/admin/${hash}`, { waitUntil: "commit" });
  return { page, context, requests };
}

/** A field by its label; Decap adds « (optionnel) » to the labels of optional fields. */
function field(page: Page, label: string) {
  return page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}( \\(optionnel\\))?$`));
}

async function choose(page: Page, label: string, option: string): Promise<void> {
  const input = field(page, label);
  await input.click();
  await input.fill(option);
  await page.getByRole("option", { name: option, exact: true }).click();
}

async function publish(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Publier", exact: true }).click();
  await page.getByText("Publier maintenant").click();
}

beforeAll(async () => {
  const proxyPort = await freePort();
  root = await prepareSite({ content: { "veille/2026": "tests/fixtures/admin/veille/2026" } });
  // Every build of this file, the rebuilds included, points the editor at this test's backend.
  process.env.DECAP_PROXY_PORT = String(proxyPort);
  await runBuild(root);
  server = await serveStatic(join(root, "_site"));
  proxy = await startProxy(root, proxyPort, { siteOrigins: [server.url] });
  browser = await connectBrowser();
}, 300_000);

afterAll(async () => {
  delete process.env.DECAP_PROXY_PORT;
  await browser?.close();
  await server?.close();
  await proxy?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

describe("the editor at /admin/", () => {
  it("speaks French and makes no request outside the site and its local backend", async () => {
    const { page, context, requests } = await openEditor();
    await expect(page.getByRole("link", { name: "Ressources" }).first().isVisible()).resolves.toBe(true);
    await expect(page.locator("body").innerText()).resolves.toMatch(/Collections|Rechercher/);
    const outside = requests.filter(
      (url) => !url.startsWith(`${server.url}/`) && !url.startsWith(`http://127.0.0.1:${new URL(url).port}/api/v1`),
    );
    expect(outside).toEqual([]);
    expect(requests.some((url) => url.endsWith("/api/v1"))).toBe(true);
    await context.close();
  }, 180_000);

  it("writes a new resource with valid front matter, which the build publishes and indexes", async () => {
    const existing = await readdir(join(root, "content/ressources"));
    const { page, context } = await openEditor("#/collections/ressources/new");
    await page.getByLabel("Titre", { exact: true }).fill("Guide de l'accueil des publics", SLOW);
    await page.getByLabel("Organisme", { exact: true }).fill("Centre de ressources fictif");
    await page.getByLabel("Adresse web", { exact: true }).fill("https://www.exemple.fr/guide-accueil");
    await choose(page, "Type de ressource", "Guide ou boîte à outils");
    await choose(page, "Thèmes", "Laïcité et fait religieux");
    await choose(page, "Territoire", "Bretagne");
    await choose(page, "Publics", "Travail social");
    await page.getByLabel("Langue", { exact: true }).fill("fr");
    await page.getByLabel("Résumé", { exact: true }).fill("Un guide fictif sur l'accueil des publics, écrit pour les tests.");
    await page.getByLabel("Rédigée ou modifiée le", { exact: true }).fill("2026-12-01");
    await page.locator("[data-slate-editor]").click();
    await page.keyboard.type("Une présentation zanzibarienne du guide.");
    await publish(page);

    const folder = join(root, "content/ressources");
    const added = async () => (await readdir(folder)).filter((name) => !existing.includes(name));
    await expect.poll(added, { timeout: 60_000 }).toHaveLength(1);
    const [name] = await added();
    // The file name, made from the title without accents or apostrophes, is the page's address.
    expect(name).toMatch(/^guide-de-l-?accueil-des-publics\.md$/);
    const slug = name!.replace(/\.md$/, "");
    const text = await readFile(join(folder, name!), "utf8");
    const data = resourceSchema.parse(frontMatter(text));
    expect(data).toMatchObject({
      type: "guide",
      themes: ["laicite"],
      territory: "bretagne",
      audiences: ["travail-social"],
      language: "fr",
    });
    expect(String(data.updated)).toContain("2026-12-01");
    expect(text).toContain("zanzibarienne");
    await context.close();

    await runBuild(root);
    const reader = await browser.newContext();
    const resource = await reader.newPage();
    await resource.goto(`${server.url}/ressources/${slug}/`);
    // The page sets the apostrophe in French typography (’): compare what follows it.
    await expect(resource.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("accueil des publics");
    await resource.goto(`${server.url}/recherche/?q=zanzibarienne`);
    await resource.locator(".search-result a").first().waitFor(SLOW);
    const found = await resource.$$eval(".search-result a", (links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(found).toContain(`/ressources/${slug}/`);
    await reader.close();
  }, 300_000);

  it("changes a watch item's themes and keeps what the pipeline wrote", async () => {
    const before = frontMatter(await readFile(join(root, WATCH_FILE), "utf8"));
    const { page, context } = await openEditor("#/collections/veille-2026/entries/2026-11-30-un-rapport-sur-la-laicite-a-l-ecole");
    await page.getByLabel("Titre", { exact: true }).waitFor(SLOW);
    await choose(page, "Thèmes", "Discriminations et égalité");
    await field(page, "Sélection du groupe").click();
    await publish(page);

    await expect
      .poll(async () => frontMatter(await readFile(join(root, WATCH_FILE), "utf8")).themes, { timeout: 60_000 })
      .toEqual(["laicite", "discriminations"]);
    const after = watchItemSchema.parse(frontMatter(await readFile(join(root, WATCH_FILE), "utf8")));
    expect(after.selected).toBe(true);
    for (const key of ["title", "source", "url", "guid", "section", "territory", "summary"])
      expect(after[key as keyof typeof after]).toEqual(before[key]);
    expect(new Date(String(after.date)).getTime()).toBe(new Date(String(before.date)).getTime());
    await context.close();
  }, 180_000);

  it("refuses a resource with an empty required field or an invalid address, in French", async () => {
    const { page, context } = await openEditor("#/collections/ressources/new");
    await page.getByLabel("Titre", { exact: true }).fill("Une fiche incomplète", SLOW);
    await page.getByLabel("Adresse web", { exact: true }).fill("www.exemple.fr sans protocole");
    await publish(page);
    await expect(page.getByText("Le champ Organisme est requis.").waitFor(SLOW)).resolves.toBeUndefined();
    await expect(page.getByText("adresse web complète attendue, commençant par https://").first().isVisible()).resolves.toBe(true);
    await expect(readFile(join(root, "content/ressources/une-fiche-incomplete.md"), "utf8")).rejects.toThrow();
    await context.close();
  }, 180_000);
});
