/**
 * What a reader downloads for a first search: Chromium opens `/recherche/?q=…` on the built site
 * (fresh profile, empty cache) and every response is counted, headers included, until the
 * results are shown and the network is idle. The test server does no HTTP compression, so the
 * figures are bytes as stored (Pagefind's index chunks are already gzipped on disk).
 */
import { join } from "node:path";
import { launchBrowser } from "../tooling/browser.ts";
import { serveStatic } from "../tooling/static-server.ts";
import { folderBytes } from "./build.ts";

export interface SearchFigures {
  query: string;
  indexBytes: number;
  requests: number;
  /** Bytes downloaded for the first query, by kind; the last four are Pagefind's index. */
  bytes: Record<Kind | "total", number>;
  results: string;
}

type Kind = "page" | "ui" | "meta" | "filters" | "words" | "fragments";

/** Pagefind's scripts, styles and WebAssembly count as the search UI; its data files as the index. */
function kindOf(path: string): Kind {
  if (path.endsWith(".pf_meta")) return "meta";
  if (path.endsWith(".pf_filter")) return "filters";
  if (path.endsWith(".pf_index")) return "words";
  if (path.endsWith(".pf_fragment")) return "fragments";
  return path.startsWith("/pagefind/") || /search\.(js|css)$/.test(path) ? "ui" : "page";
}

export async function benchSearch(site: string, query: string): Promise<SearchFigures> {
  const server = await serveStatic(site);
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    const bytes = { page: 0, ui: 0, meta: 0, filters: 0, words: 0, fragments: 0, total: 0 };
    let requests = 0;
    const pending: Promise<void>[] = [];
    context.on("requestfinished", (request) => {
      pending.push(
        request.sizes().then((sizes) => {
          const size = sizes.responseBodySize + sizes.responseHeadersSize;
          bytes[kindOf(new URL(request.url()).pathname)] += size;
          bytes.total += size;
          requests++;
        }),
      );
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/recherche/?q=${encodeURIComponent(query)}`);
    await page.locator("[data-search-list] li").first().waitFor({ timeout: 60_000 });
    await page.waitForLoadState("networkidle");
    const results = (await page.locator("[data-search-status]").textContent())?.trim() ?? "";
    await Promise.all(pending);
    return { query, indexBytes: await folderBytes(join(site, "pagefind")), requests, bytes, results };
  } finally {
    await browser.close();
    await server.close();
  }
}
