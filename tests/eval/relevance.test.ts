import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { articleKey, evaluateRelevance, score, type Judged } from "../../src/eval/relevance.ts";

const judged = (key: string, expected: string[] | false, kept: string[] | false): Judged => ({
  key,
  title: key,
  expected: { keep: expected !== false, themes: expected || [] },
  kept: kept !== false,
  themes: kept || [],
  reasons: [],
});

describe("relevance evaluation", () => {
  it("identifies an article by host and path, whatever its query or scheme", () => {
    expect(articleKey("https://www.journal.example/a/b/?xtor=RSS")).toBe(articleKey("http://journal.example/a/b"));
  });

  it("scores precision, recall and F1 over distinct articles", () => {
    const r = score(
      "jeu",
      [judged("a", ["laicite"], ["laicite"]), judged("b", ["laicite"], false), judged("c", false, ["laicite"]), judged("d", false, false)],
      ["laicite"],
    );
    expect(r).toMatchObject({ articles: 4, relevant: 2, kept: 2, truePositives: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(r.falsePositives.map((j) => j.key)).toEqual(["c"]);
    expect(r.falseNegatives.map((j) => j.key)).toEqual(["b"]);
  });

  it("counts theme agreement only on kept relevant articles, as exact sets", () => {
    const r = score(
      "jeu",
      [
        judged("a", ["jeunesse", "laicite"], ["laicite", "jeunesse"]),
        judged("b", ["laicite"], ["laicite", "jeunesse"]),
        judged("c", false, ["laicite"]),
      ],
      ["laicite", "jeunesse"],
    );
    expect(r.themeAgreement).toEqual({ agree: 1, of: 2, share: 0.5 });
    expect(r.themeMismatches.map((j) => j.key)).toEqual(["b"]);
  });

  it("scores each theme on the themes given to kept articles", () => {
    const r = score(
      "jeu",
      [judged("a", ["laicite"], ["laicite", "jeunesse"]), judged("b", ["jeunesse", "laicite"], ["laicite"])],
      ["laicite", "jeunesse"],
    );
    expect(r.themes.find((t) => t.id === "jeunesse")).toMatchObject({ expected: 1, predicted: 1, correct: 0, precision: 0, recall: 0 });
    expect(r.themes.find((t) => t.id === "laicite")).toMatchObject({ expected: 2, predicted: 2, correct: 2, f1: 1 });
  });
});

describe("npm run eval:relevance", () => {
  it("serves a labelled folder to the real pipeline and compares what it keeps with the labels", async () => {
    const dir = mkdtempSync(join(tmpdir(), "eval-test-"));
    try {
      const item = (n: number, title: string) =>
        `<item><title>${title}</title><link>https://journal.example/${n}</link><pubDate>Mon, 02 Mar 2026 09:00:00 +0100</pubDate></item>`;
      mkdirSync(join(dir, "feeds"));
      writeFileSync(
        join(dir, "feeds/journal-1.xml"),
        `<?xml version="1.0"?><rss version="2.0"><channel><title>J</title><link>https://journal.example/</link>${item(1, "La laïcité à l'école")}${item(2, "Une secte au salon")}${item(3, "Le marché de Noël")}</channel></rss>`,
      );
      const label = (n: number, title: string, keep: boolean, themes: string[]) => ({
        feed: "journal-1",
        link: `https://journal.example/${n}`,
        title,
        keep,
        themes,
        summary: "",
        categories: [],
      });
      writeFileSync(
        join(dir, "labels.json"),
        JSON.stringify([
          label(1, "La laïcité à l'école", true, ["laicite"]),
          label(2, "Une secte au salon", true, ["derives-sectaires"]),
          label(3, "Le marché de Noël", false, []),
        ]),
      );
      writeFileSync(
        join(dir, "themes.yaml"),
        "- {id: laicite, label: L, description: l, strong: [laïcité]}\n- {id: derives-sectaires, label: S, description: s, weak: [secte]}\n",
      );
      const r = await evaluateRelevance(dir, { themesFile: join(dir, "themes.yaml") });
      expect(r).toMatchObject({ articles: 3, relevant: 2, kept: 1, precision: 1, recall: 0.5 });
      expect(r.falseNegatives[0]).toMatchObject({ title: "Une secte au salon", verdict: { reason: "below-threshold", borderline: true } });
      expect(r.themeAgreement.share).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
