import { describe, expect, it } from "vitest";
import { buildVocabulary, classify } from "../../src/ingest/classify.ts";
import type { Theme } from "../../src/core/taxonomy.ts";
import { THEMES } from "./support.ts";

const vocabulary = buildVocabulary(THEMES.map((t) => ({ crossCutting: false, ignore: [], ...t })) as Theme[]);
const general: Parameters<typeof classify>[1] = { keep: "keywords", themes: [], include: [], exclude: [] };
const judge = (title: string, source = general) => classify({ title, summary: "", categories: [] }, source, vocabulary);

describe("classifier", () => {
  it("keeps a general-news item with a strong term, accents and case folded, and says why", () => {
    expect(judge("LA LAICITE EN DEBAT")).toEqual({ keep: true, themes: ["laicite"], score: 1, reasons: ["« laïcité »"] });
  });

  it("matches a declared prefix", () => {
    expect(judge("Les discriminations au travail").themes).toEqual(["discriminations"]);
  });

  it("matches whole words only: secte is not insecte, culte is not difficulté", () => {
    expect(judge("Invasion d'insectes et difficultés")).toMatchObject({ keep: false, score: 0, reason: "no-match" });
  });

  it("does not keep a weak term alone, and reports it as borderline", () => {
    expect(judge("Un culte ancien au musée")).toMatchObject({
      keep: false,
      score: 0.5,
      reason: "below-threshold",
      borderline: true,
      reasons: ["« culte » (indice)"],
    });
  });

  it("counts one word once, whatever forms of it the vocabulary lists", () => {
    expect(judge("Les cultes et leur culte").score).toBe(0.5);
  });

  it("keeps a weak term beside a local place name", () => {
    expect(judge("Une secte démantelée près de Brest")).toEqual({
      keep: true,
      themes: ["derives-sectaires"],
      score: 1,
      reasons: ["« secte » (indice)", "lieu : Brest"],
    });
  });

  it("keeps a weak term beside a strong one and gives both themes when the title names them", () => {
    expect(judge("Radicalisation et polarisation, l'emprise des réseaux").themes).toEqual(["derives-sectaires", "radicalisation"]);
  });

  it("matches multi-word and punctuated terms", () => {
    expect(judge("Rapport du Défenseur des droits").themes).toEqual(["discriminations"]);
    expect(judge("A P/CVE toolkit").themes).toEqual(["radicalisation"]);
  });

  it("keeps everything from a keep: all source, with the source's themes", () => {
    expect(judge("Météo du jour", { ...general, keep: "all", themes: ["laicite"] })).toMatchObject({
      keep: true,
      themes: ["laicite"],
      reasons: ["source spécialisée"],
    });
  });

  it("keeps an item matching a source's include term, and names the rule", () => {
    expect(judge("Conseil municipal de Plouzané", { ...general, include: ["conseil municipal"] })).toMatchObject({
      keep: true,
      score: 1,
      reasons: ["règle de la source « conseil municipal »"],
    });
  });

  it("drops an item matching a source's exclude term, even from a keep: all source", () => {
    expect(judge("Football : la radicalisation des supporters", { ...general, keep: "all", exclude: ["football"] })).toMatchObject({
      keep: false,
      themes: [],
      score: 0,
      reason: "excluded",
    });
  });
});
