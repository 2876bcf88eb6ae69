import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { titleKey } from "../../src/ingest/dedupe.ts";
import { serve, siteMaker, source, startServer, type FeedServer } from "./support.ts";

let server: FeedServer;
const site = siteMaker();

/** An RSS feed whose items all came out the same morning, each with its own link and GUID. */
function feed(host: string, titles: string[]): string {
  const items = titles.map(
    (title, i) =>
      `<item><title>${title}</title><link>https://${host}/${i}</link><guid>${host}-${i}</guid><pubDate>Sat, 21 Nov 2026 ${String(8 + i).padStart(2, "0")}:00:00 +0100</pubDate></item>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${host}</title>${items.join("")}</channel></rss>`;
}

const CASES = {
  symbols: [
    ["★★★", "!!!"],
    ["★★★", "— … —"],
  ],
  scripts: [
    ["مسجد في باريس", "Суд в Москве", "清真寺关闭"],
    ["محكمة في ليون", "Мечеть в Казани", "法院开庭"],
  ],
  generic: [
    ["Communiqué de presse", "Agenda", "Édito"],
    ["Communiqué de presse", "Agenda", "Édito"],
  ],
  same: [
    ["Laïcité à l'école : un guide pour les équipes éducatives", "Суд над лидером секты открылся в Москве сегодня"],
    ["Laïcité à l'école : un guide pour les équipes éducatives", "Суд над лидером секты открылся в Москве сегодня"],
  ],
} as const;

beforeAll(async () => {
  server = await startServer();
  for (const [name, [a, b]] of Object.entries(CASES)) {
    server.route(`/${name}/a`, serve(feed("a.exemple.fr", [...a])));
    server.route(`/${name}/b`, serve(feed("b.exemple.fr", [...b])));
  }
});
afterAll(() => server.close());

async function runCase(name: keyof typeof CASES) {
  const s = site([source("a", server.url(`/${name}/a`)), source("b", server.url(`/${name}/b`))]);
  const report = await s.run();
  return { added: report.sources.flatMap((r) => r.added), duplicates: report.sources.reduce((n, r) => n + r.duplicates, 0) };
}

/** A file stem the site can serve at /veille/<YYYY>/<stem>/: date, then a lowercase ASCII slug. */
const VALID_PATH = /^2026\/2026-11-21-[a-z0-9]+(-[a-z0-9]+)*\.md$/;

describe("no false duplicates", () => {
  it("keeps two items whose titles are only punctuation or symbols, even the same symbols, with valid distinct file names", async () => {
    const { added, duplicates } = await runCase("symbols");
    expect(duplicates).toBe(0);
    expect(added).toHaveLength(4);
    for (const path of added) expect(path).toMatch(VALID_PATH);
    expect(new Set(added).size).toBe(4);
  });

  it("keeps different titles in Arabic, Cyrillic and Chinese the same day, with valid distinct file names", async () => {
    const { added, duplicates } = await runCase("scripts");
    expect(duplicates).toBe(0);
    expect(added).toHaveLength(6);
    for (const path of added) expect(path).toMatch(VALID_PATH);
    expect(new Set(added).size).toBe(6);
    expect(added).toContain("2026/2026-11-21-sud-v-moskve.md");
  });

  it("keeps generic titles (« Communiqué de presse », « Agenda », « Édito ») of two sources the same day", async () => {
    const { added, duplicates } = await runCase("generic");
    expect(duplicates).toBe(0);
    expect(added).toHaveLength(6);
    expect(new Set(added).size).toBe(6);
  });

  it("still takes a distinctive title of two sources the same day for one article, in any script", async () => {
    const { added, duplicates } = await runCase("same");
    expect(added).toHaveLength(2);
    expect(duplicates).toBe(2);
  });
});

describe("titleKey", () => {
  it.each(["★★★", "!!! ???", "Communiqué de presse", "Agenda du 21 novembre 2026", "Édito", "Revue de presse : laïcité", "清真寺关闭"])(
    "gives no key to « %s »",
    (title) => {
      expect(titleKey(title)).toBeUndefined();
    },
  );

  it("keeps the words of every script, folding only case and Latin accents", () => {
    expect(titleKey("Суд над лидером секты в Москве")).toBe("суд над лидером секты в москве");
    expect(titleKey("إغلاق مسجد في مرسيليا بقرار من المحافظ")).toBe("إغلاق مسجد في مرسيليا بقرار من المحافظ");
    expect(titleKey("法院审理邪教领袖案件今日开庭")).toBe("法院审理邪教领袖案件今日开庭");
    expect(titleKey("Prévenir les discriminations à l'embauche")).toBe("prevenir les discriminations a l embauche");
  });
});
