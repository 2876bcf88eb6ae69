import { readdirSync, readFileSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runIngest } from "../../src/ingest/run.ts";
import { fixture, NOW, serve, startServer, type FeedServer } from "../ingest/support.ts";
import { prepareSite, runBuild } from "../support/site-build.ts";

// From the feed to the page a reader sees: a feed that tries every trick in every field goes
// through the real pipeline into a copy of the real site, which is then really built.
let root: string;
let server: FeedServer;
let pages: string[];

function builtItemPages(output: string): string[] {
  const years = readdirSync(join(output, "veille")).filter((name) => /^\d{4}$/.test(name));
  return years.flatMap((year) =>
    readdirSync(join(output, "veille", year)).map((slug) => readFileSync(join(output, "veille", year, slug, "index.html"), "utf8")),
  );
}

/** The part of the page that comes from the feed: the article, without the site's own chrome. */
const article = (page: string) => page.slice(page.indexOf("<article"), page.indexOf("</article>"));

beforeAll(async () => {
  server = await startServer();
  server.route("/attaques.xml", serve(fixture("payloads-in-every-field.xml")));
  root = await prepareSite();
  const sourcesFile = join(root, "_data/sources.yaml");
  await writeFile(
    sourcesFile,
    stringify([
      {
        id: "attaques",
        name: "Source piégée",
        feed: server.url("/attaques.xml"),
        section: "actualites",
        territory: "national",
        keep: "all",
        reuse: "full",
      },
    ]),
  );
  await runIngest({
    sourcesFile,
    themesFile: join(root, "_data/themeCatalog.yaml"),
    contentDir: join(root, "content/veille"),
    stateFile: join(root, "_data/sourceState.json"),
    ledgerFile: join(root, "content/veille/ledger.json"),
    allowHosts: ["127.0.0.1"],
    now: () => NOW,
  });
  await runBuild(root);
  pages = builtItemPages(join(root, "_site"));
});

afterAll(async () => {
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe("a hostile feed, fetched then built", () => {
  it("produces item pages", () => {
    expect(pages.length).toBeGreaterThan(0);
  });

  it("runs no script on the item page", () => {
    for (const page of pages) {
      expect(article(page)).not.toMatch(/<script/i);
      expect(article(page)).not.toMatch(/<[^>]+\son\w+\s*=/i);
    }
  });

  it("links nowhere but to http(s) addresses", () => {
    for (const page of pages) {
      const targets = [...article(page).matchAll(/\s(?:href|src|action)="([^"]*)"/gi)].map((m) => m[1]);
      for (const target of targets) expect(target).toMatch(/^(https?:|mailto:|\/|#)/);
    }
  });

  it("embeds no frame, object, form or style from the feed", () => {
    for (const page of pages) expect(article(page)).not.toMatch(/<(iframe|object|embed|form|meta|link|base|style|svg)\b/i);
  });

  it("shows template syntax as text instead of running it", () => {
    const all = pages.map(article).join("\n");
    expect(all).toContain("{{ site.secret }}");
    expect(all).toContain("{% include &quot;x&quot; %}");
    expect(all).not.toContain(">49<");
  });

  it("never evaluates ---js found in a field", () => {
    const all = pages.join("\n");
    expect(all).not.toMatch(/uid=\d+/);
    expect(all).not.toContain("pwned&quot;: true }\n---");
  });
});
