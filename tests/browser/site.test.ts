import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectBrowser, openPage, seriousAxeViolations } from "../support/browser.ts";
import { sharedSite, type SiteBuild } from "../support/site-build.ts";
import { serveStatic, type StaticServer } from "../support/static-server.ts";

const FORM_ENDPOINT = "https://formulaire.example.org/envoi";

const PAGE_TYPES: Record<string, string> = {
  accueil: "/",
  "page du groupe": "/a-propos/",
  charte: "/charte/",
  contact: "/contact/",
  "mentions légales": "/mentions-legales/",
  "déclaration d'accessibilité": "/accessibilite/",
  "politique de confidentialité": "/confidentialite/",
  "tableau de bord du site": "/admin/tableau-de-bord/",
  "annuaire des ressources": "/ressources/",
  ressource: "/ressources/defenseur-des-droits/",
  blog: "/blog/",
  billet: "/blog/comment-solliciter-le-groupe/",
  veille: "/veille/",
  "information de veille": "/veille/2026/2026-11-20-essai/",
  "page introuvable": "/404.html",
};

let withForm: SiteBuild;
let withoutForm: SiteBuild;
let server: StaticServer;
let fallbackServer: StaticServer;
let browser: Browser;

beforeAll(async () => {
  const fixtures = { veille: "tests/fixtures/site/veille" };
  [withForm, withoutForm, browser] = await Promise.all([
    sharedSite({ content: fixtures, site: { contact: { endpoint: FORM_ENDPOINT } } }),
    sharedSite({ content: fixtures }),
    connectBrowser(),
  ]);
  [server, fallbackServer] = await Promise.all([serveStatic(withForm.output), serveStatic(withoutForm.output)]);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([server?.close(), fallbackServer?.close()]);
});

const open = (path: string, base = server.url): Promise<Page> => openPage(browser, base + path);

describe.each(Object.entries(PAGE_TYPES))("the %s page", (_type, path) => {
  it("renders in French with its heading", async () => {
    const p = await open(path);
    expect(await p.getAttribute("html", "lang")).toBe("fr");
    await expect(p.locator("h1").first().isVisible()).resolves.toBe(true);
    await p.context().close();
  });

  it("has no serious or critical axe-core violation", async () => {
    const p = await open(path);
    expect(await seriousAxeViolations(p)).toEqual([]);
    await p.context().close();
  });
});

describe("keyboard navigation", () => {
  it("offers a skip link first, which moves focus to the content", async () => {
    const p = await open("/");
    await p.keyboard.press("Tab");
    expect(await p.evaluate(() => document.activeElement?.textContent)).toBe("Aller au contenu");
    await p.keyboard.press("Enter");
    expect(await p.evaluate(() => document.activeElement?.id)).toBe("contenu");
    await p.context().close();
  });

  it("reaches a menu entry with Tab and follows it with Enter", async () => {
    const p = await open("/");
    for (let i = 0; i < 20; i++) {
      await p.keyboard.press("Tab");
      if ((await p.evaluate(() => document.activeElement?.textContent)) === "Ressources") break;
    }
    await Promise.all([p.waitForURL(`${server.url}/ressources/`), p.keyboard.press("Enter")]);
    expect(await p.locator("h1").textContent()).toBe("Ressources");
    await p.context().close();
  });

  it("shows where the focus is", async () => {
    const p = await open("/");
    await p.keyboard.press("Tab");
    await p.keyboard.press("Tab");
    const outline = await p.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe("none");
    await p.context().close();
  });
});

describe("the contact form", () => {
  it("lists every missing field in a summary that takes focus", async () => {
    const p = await open("/contact/");
    await p.getByRole("button", { name: "Envoyer ma demande" }).click();
    const summary = p.locator("#erreurs-formulaire");
    await expect(summary.isVisible()).resolves.toBe(true);
    expect(await p.evaluate(() => document.activeElement?.id)).toBe("erreurs-formulaire");
    expect(await summary.locator("li").count()).toBe(6);
    await p.context().close();
  });

  it("ties each message to its field for screen readers", async () => {
    const p = await open("/contact/");
    await p.getByLabel("Adresse électronique professionnelle").fill("pas-une-adresse");
    await p.getByRole("button", { name: "Envoyer ma demande" }).click();
    const email = p.getByLabel("Adresse électronique professionnelle");
    expect(await email.getAttribute("aria-invalid")).toBe("true");
    expect(await email.getAttribute("aria-describedby")).toBe("courriel-aide courriel-erreur");
    expect(await p.locator("#courriel-erreur").textContent()).toMatch(/prenom\.nom@structure\.fr/);
    await p.context().close();
  });

  it("clears a message once the field is corrected", async () => {
    const p = await open("/contact/");
    await p.getByRole("button", { name: "Envoyer ma demande" }).click();
    await p.getByLabel("Fonction").fill("Éducatrice spécialisée");
    await p.getByLabel("Fonction").blur();
    expect(await p.locator("#fonction-erreur").isHidden()).toBe(true);
    expect(await p.getByLabel("Fonction").getAttribute("aria-invalid")).toBe("false");
    await p.context().close();
  });

  it("posts a complete request to the configured endpoint", async () => {
    const p = await open("/contact/");
    await p.route(FORM_ENDPOINT, (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<p>Merci</p>" }));
    await p.getByLabel("Nom et prénom").fill("Camille Martin");
    await p.getByLabel("Structure ou service").fill("Centre social");
    await p.getByLabel("Fonction").fill("Animatrice");
    await p.getByLabel("Adresse électronique professionnelle").fill("camille.martin@centre-social.fr");
    await p.getByLabel("Votre message").fill("Une situation de tension autour du port de signes religieux dans un atelier.");
    await p.getByLabel(/pris connaissance/).check();
    const [request] = await Promise.all([p.waitForRequest(FORM_ENDPOINT), p.getByRole("button", { name: "Envoyer ma demande" }).click()]);
    expect(request.method()).toBe("POST");
    expect(new URLSearchParams(request.postData() ?? "").get("courriel")).toBe("camille.martin@centre-social.fr");
    await p.context().close();
  });

  it("sends professionals to the blog's contact form and points to the urgent-help box while the site has none", async () => {
    const p = await open("/contact/", fallbackServer.url);
    expect(await p.locator("form.contact-form").count()).toBe(0);
    await expect(p.getByRole("link", { name: /Aller sur le blog du groupe/ }).getAttribute("href")).resolves.toBe(
      "https://laicite-brest.net/",
    );
    await expect(p.getByRole("link", { name: "numéros d’aide urgente" }).getAttribute("href")).resolves.toBe("#aide-urgente-encadre");
    await p.context().close();
  });
});
