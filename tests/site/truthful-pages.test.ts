import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { resourceSchema } from "../../src/site/content/schemas.ts";
import { sharedSite, PROJECT_ROOT, type SiteBuild } from "../support/site-build.ts";
import { childText as text, children, parseXml } from "../support/xml.ts";

/**
 * The site claims nothing that has not happened: a text written for the group says so wherever
 * it is shown, a reproduced article says under which licence, and what the group has not said
 * (the site's own address, a licence nobody has read) stays empty and is handled as such.
 * One build of the committed content, with no site address, plus fixtures (tests/fixtures/truthful/).
 */
const FIXTURES = "tests/fixtures/truthful";
const fixture = (name: string) => readFileSync(join(PROJECT_ROOT, FIXTURES, name), "utf8");
const NNBSP = "\u202F";

let site: SiteBuild;
const read = (url: string) => readFileSync(join(site.output, url, url.endsWith("/") ? "index.html" : ""), "utf8");
/** A page's text with its tags removed and its spaces made plain, to read sentences. */
const words = (url: string) =>
  read(url)
    .replace(/<[^>]+>/g, " ")
    .replace(/[\u00A0\u202F\s]+/g, " ");
const atomEntry = (title: string) =>
  children(parseXml(read("/feed.xml")).documentElement!, "entry").find((e) => text(e, "title").includes(title))!;
const jsonItem = (title: string) => JSON.parse(read("/feed.json")).items.find((i: { title: string }) => i.title.includes(title));

beforeAll(async () => {
  site = await sharedSite({
    content: { veille: `${FIXTURES}/veille` },
    files: {
      "_data/sources.yaml": fixture("sources.yaml"),
      "content/ressources/fiche-relue.md": fixture("fiche-relue.md"),
      "content/blog/2026-11-27-billet-valide.md": fixture("billet-valide.md"),
    },
  });
});

describe("resource fiches", () => {
  it("say when a fiche was written, and claim no review, until the group has reviewed it", () => {
    const page = words("/ressources/ccmm/");
    expect(page).toContain("Fiche rédigée le 1er décembre 2026");
    expect(page).toContain("Texte proposé, en attente de validation par le groupe.");
    expect(page).not.toMatch(/relecture|relue/);
  });

  it("give the group's review date once a fiche is validated", () => {
    const page = words("/ressources/fiche-relue/");
    expect(page).toContain("Fiche relue par le groupe le 1er décembre 2026");
    expect(page).not.toContain("Texte proposé");
  });

  it("refuse a review date on a proposition, and a validated fiche without one", () => {
    const fiche = {
      title: "T",
      organisation: "O",
      url: "https://example.org/",
      type: "guide",
      themes: ["laicite"],
      territory: "national",
      audiences: ["education"],
      language: "fr",
      summary: "S",
      updated: "2026-11-20",
    };
    expect(resourceSchema.safeParse({ ...fiche, status: "proposition", reviewed: "2026-12-01" }).success).toBe(false);
    expect(resourceSchema.safeParse({ ...fiche, status: "valide" }).success).toBe(false);
    expect(resourceSchema.parse(fiche).status).toBe("proposition");
  });

  it("are not presented as a directory the group chose", () => {
    expect(words("/ressources/")).not.toContain("choisi par le groupe");
    expect(words("/ressources/")).toContain("Annuaire proposé, en attente de validation par le groupe.");
  });
});

describe("posts written for the group", () => {
  it("carry no byline while they are propositions", () => {
    const page = words("/blog/comment-solliciter-le-groupe/");
    expect(page).toContain("Publié le 23 novembre 2026");
    expect(page).not.toMatch(/Publié le 23 novembre 2026 par/);
  });

  it("name their author once the group has validated them", () => {
    expect(words("/blog/billet-valide/")).toContain("Publié le 27 novembre 2026 par Groupe d’appui");
  });

  it("carry the proposition mark on the cards of the home page, and a validated one does not", () => {
    const card = (title: string) =>
      read("/")
        .split('<li class="card card--post">')
        .find((c) => c.includes(title))!;
    expect(card("Comment solliciter le groupe")).toContain("Proposition, en attente de validation par le groupe");
    expect(card("Un billet validé par le groupe")).not.toContain("Proposition");
  });

  it("are marked in the Atom feed's title, author and content, never signed by the group", () => {
    const entry = atomEntry("Comment solliciter le groupe");
    expect(text(entry, "title")).toBe(`Proposition${NNBSP}: Comment solliciter le groupe d’appui${NNBSP}?`);
    expect(text(children(entry, "author")[0]!, "name")).toBe("Texte proposé au groupe, en attente de sa validation");
    expect(text(entry, "content").startsWith("<p><strong>Texte proposé, en attente de validation par le groupe")).toBe(true);
    expect(text(entry, "summary").startsWith("Texte proposé, en attente de validation par le groupe")).toBe(true);
  });

  it("are marked in the JSON feed the same way", () => {
    const item = jsonItem("Comment solliciter le groupe");
    expect(item.title.startsWith(`Proposition${NNBSP}: `)).toBe(true);
    expect(item.authors).toEqual([{ name: "Texte proposé au groupe, en attente de sa validation" }]);
    expect(item.content_html.startsWith("<p><strong>Texte proposé, en attente de validation par le groupe")).toBe(true);
  });

  it("are marked in the theme feeds too", () => {
    const entries = children(parseXml(read("/themes/laicite/feed.xml")).documentElement!, "entry");
    const post = entries.find((e) => text(e, "title").includes("Comment solliciter le groupe"))!;
    expect(text(post, "title").startsWith("Proposition")).toBe(true);
  });
});

describe("reproduced watch items", () => {
  it("say on their page what is reproduced and under which licence", () => {
    const page = words("/veille/2026/2026-11-24-texte-sous-licence/");
    expect(page).toContain("Le site reproduit le titre, le résumé, le texte et la date de cet article");
    expect(page).toContain("Licence : CC BY 4.0.");
    expect(page).not.toContain("ne reproduit que");
  });

  it("say on their page that the licence is not stated when nobody has read it", () => {
    const page = words("/veille/2026/2026-11-25-texte-sans-licence/");
    expect(page).toContain("La licence de réutilisation n’est pas encore indiquée sur ce site");
    expect(page).not.toContain("ne reproduit que");
  });

  it("keep the excerpt notice when only the excerpt is shown", () => {
    expect(words("/veille/2026/2026-11-26-extrait/")).toContain(
      "Le site ne reproduit que le titre, le résumé diffusé par la source, la date et le lien",
    );
  });

  it("carry their licence in the Atom feed", () => {
    const entry = atomEntry("Texte repris sous licence");
    expect(text(entry, "rights")).toBe(`Texte reproduit avec l’autorisation de la source, sous licence${NNBSP}: CC BY 4.0.`);
    expect(text(entry, "content")).toContain("CC BY 4.0");
    expect(children(atomEntry("Article en extrait"), "rights")).toEqual([]);
  });

  it("carry their licence, or its absence, in the JSON feed", () => {
    expect(jsonItem("Texte repris sous licence").content_html).toContain("sous licence\u202F: CC BY 4.0.");
    expect(jsonItem("Texte repris sans licence relevée").content_html).toContain("licence non indiquée sur ce site");
  });

  it("have their source's licence in the OPML", () => {
    const outlines = [...parseXml(read("/sources.opml")).getElementsByTagName("outline")];
    const of = (name: string) => outlines.find((o) => o.getAttribute("text") === name)?.getAttribute("description") ?? null;
    expect(of("Source sous licence")).toContain("CC BY 4.0");
    expect(of("Source sans licence relevée")).toContain("licence non indiquée");
    expect(of("Source en extrait")).toBeNull();
  });
});

describe("a site whose address is not chosen yet", () => {
  it("gives no canonical link rather than a wrong one", () => {
    expect(read("/")).not.toContain('rel="canonical"');
  });

  it("gives the Atom feeds and their entries stable URN ids", () => {
    const feed = parseXml(read("/feed.xml")).documentElement!;
    expect(text(feed, "id")).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    for (const entry of children(feed, "entry")) expect(text(entry, "id")).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
  });

  it("leaves the JSON feed's addresses out rather than relative", () => {
    const feed = JSON.parse(read("/feed.json"));
    expect(feed).not.toHaveProperty("feed_url");
    expect(feed).not.toHaveProperty("home_page_url");
    for (const item of feed.items) expect(item.id).toMatch(/^urn:uuid:/);
  });

  it("sends no e-mail letter reader to a relative link", () => {
    const mail = read("/veille/lettre/2026-S48/courriel.html");
    for (const [, href] of mail.matchAll(/href="([^"]+)"/g)) expect(href).toMatch(/^https?:\/\//);
  });
});

describe("the contact page", () => {
  it("sends professionals to the form on the group's blog, and keeps the urgent help", () => {
    const page = read("/contact/");
    expect(page).toContain('href="https://laicite-brest.net/"');
    expect(words("/contact/")).toContain("formulaire de contact sur son blog");
    expect(page).toContain('id="aide-urgente-encadre"');
  });
});

describe("what the pages say", () => {
  it("dials the number each help link shows", () => {
    for (const [, tel, label] of read("/contact/").matchAll(/<a href="tel:(\d+)">([^<]+)<\/a>/g)) {
      expect(label!.replace(/\D/g, "")).toBe(tel);
    }
  });

  it("call the themes the watch's, not the group's", () => {
    expect(words("/themes/")).not.toContain("suivis par le groupe");
    expect(read("/themes/")).toContain("Les thèmes de la veille");
  });

  it("give the same RGAA version in the footer as in the statement", () => {
    expect(words("/")).toContain("au RGAA 4.1.2.");
    expect(words("/accessibilite/")).toContain("RGAA 4.1.2");
  });

  it("say in the privacy notice where data may go outside the EU and that no decision is automated", () => {
    const page = words("/confidentialite/");
    expect(page).toContain("Transferts hors de l’Union européenne");
    expect(page).toContain("États-Unis");
    expect(page).toContain("Décision automatisée");
  });

  it("typeset the head: descriptions and feed link titles have no straight apostrophe", () => {
    for (const url of ["/", "/blog/", "/ressources/", "/contact/", "/themes/"]) {
      const head = read(url).split("</head>")[0]!;
      expect(head).not.toMatch(/content="[^"]*(?:'|&#39;)[^"]*"/);
      expect(head).not.toMatch(/title="[^"]*(?:'|&#39;)[^"]*"/);
    }
  });
});
