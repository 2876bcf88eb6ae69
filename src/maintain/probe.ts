import { DateTime } from "luxon";
import pLimit from "p-limit";
import type { Source } from "../core/sources.ts";
import { ZONE } from "../core/time.ts";
import type { Vocabulary } from "../ingest/classify.ts";
import { createHttpClient, FetchError, type HttpClient } from "../ingest/http.ts";
import { FeedError, type FeedFormat } from "../ingest/parse/index.ts";
import { processFeed, type Processed } from "../ingest/process.ts";
import { DEFAULTS } from "../ingest/run.ts";
import { userAgentFor } from "../ingest/user-agent.ts";
import { safeText, safeUrl } from "./safe-text.ts";

/** One item as the watch would see it: its themes and whether it would be kept. */
export interface ProbedItem {
  title: string;
  date: string;
  url: string;
  themes: string[];
  keep: boolean;
}

export type Probe =
  | { kind: "feed"; url: string; movedTo?: string; format: FeedFormat; title?: string; link?: string; items: ProbedItem[] }
  | { kind: "page"; url: string; advertised: string[] }
  | { kind: "error"; url: string; error: string };

export type Sorting = Pick<Source, "keep" | "themes" | "include" | "exclude">;

/** Feed paths that sites commonly serve without announcing them. */
export const USUAL_FEED_PATHS = ["/feed", "/feed/", "/rss", "/rss.xml", "/feed.xml", "/atom.xml", "/index.xml", "/feed.json"];

export function createProbeClient(
  allowHosts: readonly string[],
  totalTimeoutMs: number = DEFAULTS.totalTimeoutMs,
  userAgent: string = userAgentFor(),
): HttpClient {
  return createHttpClient({
    userAgent,
    connectTimeoutMs: Math.min(DEFAULTS.connectTimeoutMs, totalTimeoutMs),
    totalTimeoutMs,
    maxBytes: DEFAULTS.maxBytes,
    maxRedirects: DEFAULTS.maxRedirects,
    allowHosts,
  });
}

/**
 * Fetches a URL once with the pipeline's own fetcher, decoder, parser, normaliser and classifier,
 * and says what it is: a feed (with its items as the watch would sort them), a web page (with
 * the feeds it advertises), or an error in words. Writes nothing.
 */
export async function probe(client: HttpClient, url: string, sorting: Sorting, vocabulary: Vocabulary): Promise<Probe> {
  let fetched;
  try {
    fetched = await client.fetchFeed(url, {});
  } catch (error) {
    if (error instanceof FetchError) return { kind: "error", url, error: safeText(error.message) };
    throw error;
  }
  if (fetched.kind !== "fetched") return { kind: "error", url, error: "réponse 304 inattendue" };
  let feed: Processed;
  try {
    feed = await processFeed(fetched, sorting, {
      parseBudget: { budgetMs: DEFAULTS.parseBudgetMs },
      vocabulary,
      fetchedAt: DateTime.now().setZone(ZONE),
      keepVerdicts: true,
    });
  } catch (error) {
    if (error instanceof FeedError && error.code === "html")
      return { kind: "page", url: fetched.url, advertised: error.advertised.map(safeUrl) };
    if (error instanceof FeedError) return { kind: "error", url, error: `ce n'est pas un flux lisible : ${safeText(error.message)}` };
    throw error;
  }
  // Feed text is shown on the terminal and may become a source's name: see safe-text.ts.
  const items: ProbedItem[] = feed.verdicts!.map(({ item, verdict }) => ({
    title: safeText(item.title),
    date: item.date,
    url: safeUrl(item.url),
    themes: verdict.themes,
    keep: verdict.keep,
  }));
  items.sort((a, b) => (a.date < b.date ? 1 : -1));
  return {
    kind: "feed",
    url: fetched.url,
    ...(fetched.movedTo ? { movedTo: fetched.movedTo } : {}),
    format: feed.reading.format,
    ...(feed.title && safeText(feed.title) ? { title: safeText(feed.title) } : {}),
    ...(feed.link ? { link: safeUrl(feed.link) } : {}),
    items,
  };
}

/** A feed found for a web page: announced by the page or at one of the usual paths. */
export interface FoundFeed {
  url: string;
  title?: string;
  format: FeedFormat;
}

/** The feeds of a web page: those it advertises, then the usual paths of its site that answer with a feed. */
export async function discoverFeeds(
  client: HttpClient,
  page: Extract<Probe, { kind: "page" }>,
  sorting: Sorting,
  vocabulary: Vocabulary,
): Promise<FoundFeed[]> {
  const origin = new URL(page.url).origin;
  const candidates = [...new Set([...page.advertised, ...USUAL_FEED_PATHS.map((path) => origin + path)])];
  const limit = pLimit(4);
  const probes = await Promise.all(candidates.map((url) => limit(() => probe(client, url, sorting, vocabulary))));
  const found: FoundFeed[] = [];
  for (const result of probes) {
    if (result.kind !== "feed" || found.some((f) => f.url === result.url)) continue;
    found.push({ url: result.url, format: result.format, ...(result.title ? { title: result.title } : {}) });
  }
  return found;
}
