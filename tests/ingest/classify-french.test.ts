/**
 * The classifier reads French: each test names one linguistic case, with sentences written for
 * these tests and a small vocabulary of our own.
 */
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { buildVocabulary, classify, THRESHOLD } from "../../src/ingest/classify.ts";
import { themesFileSchema } from "../../src/core/taxonomy.ts";
import { loadThemes } from "../../src/core/sources.ts";

const vocabulary = buildVocabulary(
  themesFileSchema.parse([
    {
      id: "discriminations",
      label: "D",
      description: "d",
      strong: ["racisme", "Défenseur des droits", "égalité femmes-hommes"],
      weak: ["préjugé", "SOS Racisme"],
    },
    {
      id: "laicite",
      label: "L",
      description: "l",
      strong: ["laïque", "fermeture + mosquée"],
      weak: ["islam", "musulman", "culte"],
      ignore: ["film culte"],
    },
    {
      id: "radicalisation",
      label: "R",
      description: "r",
      strong: ["terroriste", "extrémisme", "ultradroite", "néonazi"],
      weak: ["groupuscule"],
      ignore: ["in extremis", "parti radical"],
    },
    { id: "complotisme", label: "C", description: "c", strong: ["antivax", "complot*"] },
    { id: "derives-sectaires", label: "S", description: "s", strong: ["dérive sectaire"], weak: ["emprise"], ignore: ["emprise au sol"] },
    {
      id: "jeunesse",
      label: "J",
      description: "j",
      crossCutting: true,
      strong: ["lycéen", "jeunes"],
      weak: ["école"],
      ignore: ["jeune femme"],
    },
  ]),
);
const general = { keep: "keywords" as const, themes: [], include: [], exclude: [] };
const judge = (title: string, summary = "", categories: string[] = []) => classify({ title, summary, categories }, general, vocabulary);

describe("French morphology", () => {
  it("meets a word in its plural", () => {
    expect(judge("Des écoles laïques en débat").themes).toContain("laicite");
  });

  it("meets a noun in its feminine form: la Défenseure des droits", () => {
    expect(judge("La Défenseure des droits publie son rapport annuel").themes).toEqual(["discriminations"]);
  });

  it("meets an adjective in its feminine plural", () => {
    expect(judge("Des associations musulmanes reçues à la préfecture, l'islam au menu").score).toBe(THRESHOLD);
  });

  it("reads anti- compounds joined, hyphenated or apart as one word", () => {
    for (const title of ["Un collectif antivax dissous", "Un collectif anti-vax dissous", "Un collectif anti vax dissous"])
      expect(judge(title).themes).toEqual(["complotisme"]);
  });

  it("counts an anti- compound as its base word: antiterroriste is about terrorism", () => {
    expect(judge("Le parquet antiterroriste saisi après l'incendie").themes).toEqual(["radicalisation"]);
  });

  it("reads ultra- and néo- compounds in every spelling", () => {
    for (const title of [
      "Un groupe d'ultra-droite interpellé",
      "Un groupe d'ultra droite interpellé",
      "Des néo-nazis jugés",
      "Des néonazis jugés",
    ])
      expect(judge(title).keep).toBe(true);
  });

  it("reads hyphenated and unhyphenated spellings of an expression alike", () => {
    expect(judge("Où en est l'égalité femmes hommes au travail ?").themes).toEqual(["discriminations"]);
  });

  it("drops elided articles, with straight or curly apostrophes: l'islam, d'extrémisme", () => {
    expect(judge("Accusé d’extrémisme, il conteste").themes).toEqual(["radicalisation"]);
    expect(judge("Conférence sur l'islam et les musulmans d'Europe").keep).toBe(true);
  });

  it("lets a prefix catch the family of a word", () => {
    expect(judge("Les complotistes et leurs théories").themes).toEqual(["complotisme"]);
  });
});

describe("words in context", () => {
  it("matches a multi-word expression whatever its little words and number", () => {
    expect(judge("Les dérives sectaires dans le bien-être").themes).toEqual(["derives-sectaires"]);
  });

  it("keeps two words meant together when they are close", () => {
    expect(judge("La préfecture ordonne pour six mois la fermeture d'une mosquée").themes).toEqual(["laicite"]);
  });

  it("does not join words that are far apart", () => {
    expect(
      judge(
        "Fermeture de la piscine municipale pour de longs travaux de rénovation pendant tout l'été : les nageurs et les familles du quartier situé près de la grande mosquée patienteront",
      ).keep,
    ).toBe(false);
  });

  it("does not join a word of the title with a word of the summary", () => {
    expect(judge("Fermeture estivale", "La mosquée reste ouverte").keep).toBe(false);
  });

  it("ignores a Latin phrase that looks like a theme word: in extremis", () => {
    expect(judge("Qualifiés in extremis, les basketteurs filent en finale")).toMatchObject({
      keep: false,
      score: 0,
      ignored: ["in extremis"],
    });
  });

  it("ignores fixed expressions: film culte, parti radical, emprise au sol", () => {
    expect(judge("Un film culte ressort en salles").score).toBe(0);
    expect(judge("Le parti radical choisit son candidat").score).toBe(0);
    expect(judge("L'emprise au sol du projet immobilier contestée").score).toBe(0);
  });

  it("still reads the theme word outside the fixed expression", () => {
    expect(judge("In extremis, le tribunal condamne l'extrémisme d'un groupuscule").keep).toBe(true);
  });

  it("treats an organisation named after a theme word as a clue, not as the word", () => {
    expect(judge("SOS Racisme organise un concert")).toMatchObject({ keep: false, reasons: ["« SOS Racisme » (indice)"] });
    expect(judge("SOS Racisme dénonce le racisme dans le sport").keep).toBe(true);
  });
});

describe("scores and evidence", () => {
  it("keeps two clues of one theme", () => {
    expect(judge("L'islam et les musulmans dans l'histoire")).toMatchObject({ keep: true, score: 1 });
  });

  it("counts clues of different themes for half and reports the item as borderline", () => {
    expect(judge("Un groupuscule et son emprise")).toMatchObject({ keep: false, score: 0.75, borderline: true });
  });

  it("uses the publisher's category as evidence, not proof", () => {
    expect(judge("Un procès s'ouvre à Paris", "", ["Terroriste"])).toMatchObject({ keep: false, score: 0.5, borderline: true });
    expect(judge("Un groupuscule jugé à Paris", "", ["Terroriste"])).toMatchObject({
      keep: true,
      reasons: ["catégorie de l'éditeur « terroriste »", "« groupuscule » (indice)"],
    });
  });

  it("gives a local place weight only beside some evidence", () => {
    expect(judge("Brest : la fête de la musique").keep).toBe(false);
  });
});

describe("the cross-cutting jeunesse theme", () => {
  it("is added when young people are the subject of a kept item", () => {
    expect(judge("Des lycéens sensibilisés au racisme").themes).toEqual(["discriminations", "jeunesse"]);
  });

  it("never keeps an item on its own", () => {
    expect(judge("Les lycéens rentrent en classe").keep).toBe(false);
  });

  it("is not given by a passing mention in the summary", () => {
    expect(judge("Un militant néonazi condamné", "Il recrutait parmi les jeunes du club de sport.").themes).toEqual(["radicalisation"]);
  });

  it("is not given by « jeune femme »", () => {
    expect(judge("Une jeune femme victime de racisme").themes).toEqual(["discriminations"]);
  });
});

describe("the shipped vocabulary (_data/themeCatalog.yaml)", () => {
  const shipped = buildVocabulary(loadThemes(join(import.meta.dirname, "../../_data/themeCatalog.yaml")));
  const keeps = (title: string) => classify({ title, summary: "", categories: [] }, general, shipped).keep;

  it("validates, and every term has words once folded", () => {
    expect(shipped.entries.every((e) => e.term.parts.length > 0 && e.term.parts.every((p) => p.length > 0))).toBe(true);
  });

  it("does not take a sports score or a cult film for the field", () => {
    expect(keeps("Basket : victoire in extremis des Bretonnes")).toBe(false);
    expect(keeps("Le film culte de notre enfance ressort en salles")).toBe(false);
  });
});
