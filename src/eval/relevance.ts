/**
 * Relevance evaluation (`npm run eval:relevance -- FOLDER`): what the watch keeps from a folder of
 * real, hand-labelled news feeds (shape of `../shared/corpus/realfeeds-dev`: `feeds/*.xml` and
 * `labels.json`). Every feed is served by a real HTTP server on 127.0.0.1 and goes through the
 * real ingest run (fetch → parse → normalise → classify → store) into a throw-away site root, as
 * a `keep: keywords` general-news source; the files written are then compared with the labels.
 *
 * An article present in several feeds is counted once (the labels' rule: host + path of its link).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { validate } from "../core/validation.ts";
import { buildVocabulary, classify, type Classification } from "../ingest/classify.ts";
import { loadThemes, MAX_ITEMS_CEILING } from "../core/sources.ts";
import { runIngest } from "../ingest/run.ts";
import { readFrontMatter } from "../ingest/store.ts";
import { createScratchSite, listenLoopback } from "../tooling/feed-server.ts";

const labelSchema = z.object({
  feed: z.string().min(1),
  link: z.string().min(1),
  title: z.string(),
  keep: z.boolean(),
  themes: z.array(z.string()),
  summary: z.string().default(""),
  categories: z.array(z.string()).default([]),
});
export type Label = z.infer<typeof labelSchema>;

/** One distinct article: what the editor decided and what the watch did. */
export interface Judged {
  key: string;
  title: string;
  expected: { keep: boolean; themes: string[] };
  kept: boolean;
  themes: string[];
  score?: number;
  reasons: string[];
  /** Why a dropped article was dropped, from the classifier run on the labelled text. */
  verdict?: Classification;
}

export interface ThemeScore {
  id: string;
  expected: number;
  predicted: number;
  correct: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface RelevanceReport {
  folder: string;
  articles: number;
  relevant: number;
  kept: number;
  truePositives: number;
  precision: number;
  recall: number;
  f1: number;
  /** Kept relevant articles whose theme set is exactly the editor's. */
  themeAgreement: { agree: number; of: number; share: number };
  themes: ThemeScore[];
  falsePositives: Judged[];
  falseNegatives: Judged[];
  /** Kept relevant articles whose themes differ from the editor's. */
  themeMismatches: Judged[];
}

/** The labels' identity of an article: host and path of its link. */
export function articleKey(url: string): string {
  const u = new URL(url);
  return `${u.hostname.toLowerCase().replace(/^www\./, "")}${u.pathname.replace(/\/+$/, "")}`;
}

function loadLabels(folder: string): Label[] {
  const file = join(folder, "labels.json");
  return validate(z.array(labelSchema), JSON.parse(readFileSync(file, "utf8")), file);
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
const harmonic = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x) => b.includes(x));

/** Scores judged articles against their labels (pure, so tests can check the arithmetic). */
export function score(folder: string, judged: Judged[], themeIds: readonly string[]): RelevanceReport {
  const relevant = judged.filter((j) => j.expected.keep);
  const kept = judged.filter((j) => j.kept);
  const truePositives = kept.filter((j) => j.expected.keep);
  const precision = ratio(truePositives.length, kept.length);
  const recall = ratio(truePositives.length, relevant.length);
  const agree = truePositives.filter((j) => sameSet(j.themes, j.expected.themes));
  const themes = themeIds.map((id) => {
    const expected = relevant.filter((j) => j.expected.themes.includes(id)).length;
    const predictedItems = kept.filter((j) => j.themes.includes(id));
    const correct = predictedItems.filter((j) => j.expected.keep && j.expected.themes.includes(id)).length;
    const p = ratio(correct, predictedItems.length);
    const r = ratio(correct, expected);
    return { id, expected, predicted: predictedItems.length, correct, precision: p, recall: r, f1: harmonic(p, r) };
  });
  return {
    folder,
    articles: judged.length,
    relevant: relevant.length,
    kept: kept.length,
    truePositives: truePositives.length,
    precision,
    recall,
    f1: harmonic(precision, recall),
    themeAgreement: { agree: agree.length, of: truePositives.length, share: ratio(agree.length, truePositives.length) },
    themes,
    falsePositives: kept.filter((j) => !j.expected.keep),
    falseNegatives: relevant.filter((j) => !j.kept),
    themeMismatches: truePositives.filter((j) => !sameSet(j.themes, j.expected.themes)),
  };
}

export interface EvalOptions {
  /** The theme vocabulary to evaluate; the repository's `_data/themeCatalog.yaml` by default. */
  themesFile: string;
}

export async function evaluateRelevance(folder: string, options: EvalOptions): Promise<RelevanceReport> {
  const labels = loadLabels(folder);
  const feedsDir = join(folder, "feeds");
  const feeds = readdirSync(feedsDir)
    .filter((f) => f.endsWith(".xml"))
    .sort();
  const server = await listenLoopback((req, res) => {
    const name = decodeURIComponent((req.url ?? "").replace(/^\//, ""));
    if (!feeds.includes(name)) res.writeHead(404).end();
    else res.writeHead(200, { "content-type": "application/rss+xml" }).end(readFileSync(join(feedsDir, name)));
  });
  const site = createScratchSite("eval-relevance-");
  try {
    const sourceId = (feed: string) =>
      feed
        .replace(/\.xml$/, "")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "");
    site.writeSources(
      feeds.map((f) => ({
        id: sourceId(f),
        name: f,
        feed: `${server.base}/${encodeURIComponent(f)}`,
        section: "actualites",
        territory: "national",
        keep: "keywords",
        maxItems: MAX_ITEMS_CEILING,
      })),
    );
    const { contentDir } = site;
    // Archived feeds: every item counts, however old.
    const report = await runIngest(site.runOptions({ themesFile: options.themesFile, firstFetchDays: 365 * 100 }));
    const failed = report.sources.filter((s) => s.status !== "ok");
    if (failed.length) throw new Error(`flux non lus : ${failed.map((s) => `${s.id} (${s.error ?? s.status})`).join(", ")}`);

    const written = new Map<string, Record<string, unknown>>();
    for (const path of report.sources.flatMap((s) => s.added)) {
      const fm = readFrontMatter(readFileSync(join(contentDir, path), "utf8"));
      if (fm && typeof fm.url === "string") written.set(articleKey(fm.url), fm);
    }

    const themes = loadThemes(options.themesFile);
    const vocabulary = buildVocabulary(themes);
    const general = { keep: "keywords" as const, themes: [], include: [], exclude: [] };
    const judged = new Map<string, Judged>();
    for (const label of labels) {
      const key = articleKey(label.link);
      if (judged.has(key)) continue;
      const fm = written.get(key);
      const entry: Judged = {
        key,
        title: label.title,
        expected: { keep: label.keep, themes: [...label.themes].sort() },
        kept: !!fm,
        themes: Array.isArray(fm?.themes) ? (fm.themes as string[]).slice().sort() : [],
        reasons: Array.isArray(fm?.reasons) ? (fm.reasons as string[]) : [],
      };
      if (typeof fm?.score === "number") entry.score = fm.score;
      if (!fm) entry.verdict = classify({ title: label.title, summary: label.summary, categories: label.categories }, general, vocabulary);
      judged.set(key, entry);
    }
    return score(
      folder,
      [...judged.values()],
      themes.map((t) => t.id),
    );
  } finally {
    await server.close();
    site.cleanup();
  }
}

const num = (n: number): string => n.toFixed(2).replace(".", ",");
const pct = (n: number): string => `${Math.round(n * 100)} %`;

function why(j: Judged): string {
  if (j.kept)
    return j.reasons.length
      ? `retenu pour : ${j.reasons.join(", ")}${j.score !== undefined ? ` (score ${num(j.score)})` : ""}`
      : `thèmes ${j.themes.join(", ") || "aucun"}`;
  const v = j.verdict as (Classification & { score?: number; reasons?: string[] }) | undefined;
  if (!v) return "écarté";
  if (v.keep) return "écarté par la chaîne (date, lien ou doublon), pas par le tri";
  const detail = v.reasons?.length ? ` ; indices : ${v.reasons.join(", ")}` : "";
  return `écarté (${v.reason ?? "aucun terme"}${v.score !== undefined ? `, score ${num(v.score)}` : ""}${detail})`;
}

export function formatRelevance(r: RelevanceReport): string {
  const lines = [
    `Pertinence de la veille sur ${r.folder}`,
    `${r.articles} articles distincts, ${r.relevant} pertinents selon l'éditeur ; ${r.kept} gardés, dont ${r.truePositives} pertinents.`,
    "",
    `Précision ${num(r.precision)} · rappel ${num(r.recall)} · F1 ${num(r.f1)} · accord sur les thèmes ${pct(r.themeAgreement.share)} (${r.themeAgreement.agree}/${r.themeAgreement.of})`,
    "",
    "Par thème (attendus / donnés / justes) : précision, rappel, F1",
    ...r.themes.map(
      (t) =>
        `  ${t.id.padEnd(24)} ${String(t.expected).padStart(3)} / ${String(t.predicted).padStart(3)} / ${String(t.correct).padStart(3)}   ${num(t.precision)}  ${num(t.recall)}  ${num(t.f1)}`,
    ),
    "",
    `Faux positifs (${r.falsePositives.length}) : gardés, hors sujet pour l'éditeur`,
    ...r.falsePositives.map((j) => `  - ${j.title}\n      ${why(j)}`),
    "",
    `Faux négatifs (${r.falseNegatives.length}) : pertinents, écartés (thèmes attendus)`,
    ...r.falseNegatives.map((j) => `  - ${j.title} [${j.expected.themes.join(", ")}]\n      ${why(j)}`),
    "",
    `Thèmes différents de ceux de l'éditeur (${r.themeMismatches.length}) : donnés → attendus`,
    ...r.themeMismatches.map(
      (j) =>
        `  - ${j.title}\n      ${j.themes.join(", ") || "aucun"} → ${j.expected.themes.join(", ")}${j.reasons.length ? ` (${j.reasons.join(", ")})` : ""}`,
    ),
  ];
  return `${lines.join("\n")}\n`;
}
