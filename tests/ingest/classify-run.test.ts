/**
 * The classifier's part of a real run: borderline items and the maintainers' deletions reach the
 * run report (`--report` JSON and the French summary). Feed written for these tests.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DATA_FILES, PROJECT_ROOT } from "../../src/core/paths.ts";
import { loadThemes } from "../../src/core/sources.ts";
import { buildVocabulary } from "../../src/ingest/classify.ts";
import { curationFeedback } from "../../src/ingest/relevance/curation.ts";
import { formatReport } from "../../src/ingest/report.ts";
import { createSite, serve, source, startServer, type FeedServer, type Site } from "./support.ts";

const item = (n: number, title: string) =>
  `<item><title>${title}</title><link>https://journal.example/${n}</link><guid>https://journal.example/${n}</guid><pubDate>Sat, 21 Nov 2026 09:00:00 +0100</pubDate></item>`;
const FEED = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Journal</title><link>https://journal.example/</link>
${item(1, "Une secte présente au salon du bien-être")}
${item(2, "Les cultes et la laïcité à l'hôpital")}
${item(3, "Le marché de Noël ouvre ses portes")}
</channel></rss>`;

let server: FeedServer;
const sites: Site[] = [];
beforeAll(async () => {
  server = await startServer();
  server.route("/journal", serve(FEED));
});
afterAll(() => server.close());
afterEach(() => {
  for (const s of sites.splice(0)) s.cleanup();
});
const site = () => {
  const s = createSite([source("journal", server.url("/journal"), { keep: "keywords" })]);
  sites.push(s);
  return s;
};

describe("the run report", () => {
  it("lists items just below the threshold with their score and evidence", async () => {
    const report = await site().run();
    expect(report.sources[0]!.borderline).toEqual([
      { title: "Une secte présente au salon du bien-être", url: "https://journal.example/1", score: 0.5, reasons: ["« secte » (indice)"] },
    ]);
    const summary = formatReport(report);
    expect(summary).toContain("? à la limite (score 0,5) : « Une secte présente au salon du bien-être » — « secte » (indice)");
    expect(summary).toContain("ajouter un terme dans _data/themeCatalog.yaml ou une règle « include » à sa source");
  });

  it("does not list an item without any evidence", async () => {
    const report = await site().run();
    expect(report.sources[0]!.borderline!.map((b) => b.title)).not.toContain("Le marché de Noël ouvre ses portes");
  });

  it("counts items a maintainer deleted and the terms that had kept them", async () => {
    const s = site();
    const first = await s.run();
    expect(first.curation).toBeUndefined();
    rmSync(join(s.contentDir, first.sources[0]!.added[0]!));
    const second = await s.run();
    expect(second.curation).toEqual({
      deleted: 1,
      terms: [
        { reason: "« culte » (indice)", count: 1 },
        { reason: "« laïcité »", count: 1 },
      ],
      sources: [{ id: "journal", count: 1 }],
    });
    expect(formatReport(second)).toContain("Curation : 1 article gardé puis supprimé par les mainteneurs");
  });
});

describe("deleted items", () => {
  it("counts a ledger entry deleted when its file is gone, whatever its path or a link in its place", () => {
    const dir = mkdtempSync(join(tmpdir(), "curation-"));
    try {
      mkdirSync(join(dir, "2026"));
      for (const name of ["gardee.md", "cible.md"]) writeFileSync(join(dir, "2026", name), "---\n");
      symlinkSync(join(dir, "2026", "cible.md"), join(dir, "2026", "lien.md"));
      symlinkSync(join(dir, "2026", "absente.md"), join(dir, "2026", "lien-casse.md"));
      writeFileSync(join(dir, "hors.md"), "---\n");
      const paths = [
        "2026/gardee.md",
        "2026/supprimee.md",
        "2026/lien.md",
        "2026/lien-casse.md",
        "2024/x.md",
        "2026/../hors.md",
        "hors.md",
        "2026/./gardee.md",
      ];
      const vocabulary = buildVocabulary(loadThemes(join(PROJECT_ROOT, DATA_FILES.themes)));
      const feedback = curationFeedback(
        paths.map((path) => ({ path, source: path, keys: [] })),
        dir,
        vocabulary,
      );
      const expected = paths.filter((path) => !existsSync(join(dir, path)));
      expect(expected).toEqual(["2026/supprimee.md", "2026/lien-casse.md", "2024/x.md"]);
      expect(feedback.sources.map((s) => s.id).sort()).toEqual(expected.sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
