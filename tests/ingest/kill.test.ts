import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DateTime } from "luxon";
import { afterAll, beforeAll, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { watchItemSchema } from "../../src/core/watch-item.ts";
import { createSite, serve, source, startServer, type FeedServer } from "./support.ts";

const ITEMS = 800;
let server: FeedServer;

/** A large feed dated around the real clock: the CLI runs with the real time. */
function bigFeed(): string {
  const now = DateTime.now();
  const items = Array.from(
    { length: ITEMS },
    (_, i) =>
      `<item><title>Laïcité, article n° ${i}</title><link>https://gros.exemple.fr/${i}</link><guid>g-${i}</guid><pubDate>${now.minus({ minutes: i }).toRFC2822()}</pubDate><description>${"Texte assez long. ".repeat(20)}</description></item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Gros</title><link>https://gros.exemple.fr/</link>${items.join("")}</channel></rss>`;
}

beforeAll(async () => {
  server = await startServer();
  server.route("/big", serve(bigFeed()));
});
afterAll(() => server.close());

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".md"));
}

it("leaves only whole, parseable files when killed with SIGKILL while writing, and the next run completes without duplicates", async () => {
  const site = createSite([source("gros", server.url("/big"), { maxItems: ITEMS })]);
  try {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/fetch.ts", "--root", site.root, "--allow-host", "127.0.0.1"], {
      cwd: join(import.meta.dirname, "../.."),
      stdio: "ignore",
    });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    const started = Date.now();
    while (markdownFiles(site.contentDir).length < 20 && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 5));
    child.kill("SIGKILL");
    await exited;

    const written = markdownFiles(site.contentDir);
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(ITEMS);
    for (const file of written) {
      const text = readFileSync(join(site.contentDir, file), "utf8");
      expect(text.startsWith("---\n")).toBe(true);
      watchItemSchema.parse(parseYaml(text.slice(4, text.indexOf("\n---\n", 3))));
    }
    for (const file of [site.stateFile, site.ledgerFile]) if (existsSync(file)) JSON.parse(readFileSync(file, "utf8"));

    const report = await site.run({ now: () => DateTime.now().setZone("Europe/Paris") });
    expect(report.sources[0]!.status).toBe("ok");
    expect(markdownFiles(site.contentDir)).toHaveLength(ITEMS);
    expect(readdirSync(site.contentDir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  } finally {
    site.cleanup();
  }
}, 120_000);
