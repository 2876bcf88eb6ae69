/**
 * One ingest run: registry → fetch (bounded, polite) → decode → parse → normalise → classify →
 * sanitise → store, then the ledger and the per-source state. Sources are fetched concurrently
 * but stored one after the other in registry order, so which of two duplicates wins never
 * depends on network timing. One source failing never touches another, nor earlier files.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DateTime } from "luxon";
import pLimit, { type LimitFunction } from "p-limit";
import { loadRegistry, loadThemes, MAX_ITEMS_DEFAULT, type Source } from "../core/sources.ts";
import { loadState } from "../core/source-state.ts";
import type { Theme } from "../core/taxonomy.ts";
import { toIso, ZONE } from "../core/time.ts";
import { DataError } from "../core/validation.ts";
import { buildVocabulary, classify, type Vocabulary } from "./classify.ts";
import { decodeBody } from "./decode.ts";
import { removeStaleTemporaryFiles } from "../core/files.ts";
import { createHttpClient, FetchError, type FetchResult, type HttpClient } from "./http.ts";
import { loadLedger, saveLedger } from "./ledger.ts";
import { acquireLock } from "./lock.ts";
import { normaliseItem } from "./normalise.ts";
import { parseFeedBounded, type Budget } from "./parse/bounded.ts";
import { FeedError } from "./parse/index.ts";
import type { BorderlineItem, RunReport, SourceReport } from "./report.ts";
import { curationFeedback } from "./relevance/curation.ts";
import { isFirstFetch, saveState, waitingReason } from "./state.ts";
import { settleSource, type Attempt } from "./step.ts";
import { storeAll, type Candidate } from "./store.ts";
import { userAgentFor } from "./user-agent.ts";

/** Names the site and where to reach it, as polite crawlers do. ASCII only: it is a header. */

export interface RunOptions {
  sourcesFile: string;
  themesFile: string;
  /** The watch folder, `content/veille`. */
  contentDir: string;
  stateFile: string;
  ledgerFile: string;
  only?: string[];
  dryRun?: boolean;
  allowHosts?: string[];
  concurrency?: number;
  perHost?: number;
  connectTimeoutMs?: number;
  totalTimeoutMs?: number;
  /** The whole run stops fetching after this. */
  deadlineMs?: number;
  /** One source's parse is abandoned after this (see parse/bounded.ts). */
  parseBudgetMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** A source's first fetch imports only items this recent. */
  firstFetchDays?: number;
  userAgent?: string;
  now?: () => DateTime;
  /** Conformance harness only: keep items without a link (see FeedContext.unlinkedRank). */
  keepUnlinked?: boolean;
}

export const DEFAULTS = {
  concurrency: 8,
  perHost: 2,
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 20_000,
  deadlineMs: 10 * 60_000,
  parseBudgetMs: 30_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  firstFetchDays: 90,
} as const;

export interface ProcessContext {
  parseBudget: Budget;
  vocabulary: Vocabulary;
  fetchedAt: DateTime;
  /** Items older than this are left out (first fetch of a source only). */
  notBefore?: DateTime;
  keepUnlinked?: boolean;
}

export interface Processed {
  candidates: Candidate[];
  format: string;
  encoding: string;
  filtered: number;
  /** Left out just below the relevance threshold, for the maintainers' report. */
  borderline: BorderlineItem[];
  tooOld: number;
  noLink: number;
}

/** Everything between the bytes and the store, pure but for the clock it is given. */
export async function processFeed(fetched: { body: Buffer; contentType?: string; url: string }, source: Source, context: ProcessContext): Promise<Processed> {
  const decoded = decodeBody(fetched.body, fetched.contentType);
  const feed = await parseFeedBounded(decoded.text, fetched.contentType, fetched.url, context.parseBudget);
  const processed: Processed = { candidates: [], format: feed.format, encoding: decoded.encoding, filtered: 0, borderline: [], tooOld: 0, noLink: 0 };
  for (const [rank, raw] of feed.items.entries()) {
    const item = normaliseItem(raw, { feedUrl: fetched.url, feed, fetchedAt: context.fetchedAt, ...(context.keepUnlinked ? { unlinkedRank: rank } : {}) });
    if ("rejected" in item) {
      processed.noLink++;
      continue;
    }
    // item.date is ISO 8601 with its offset, which Date.parse reads exactly, as the store does.
    if (context.notBefore && Date.parse(item.date) < context.notBefore.toMillis()) {
      processed.tooOld++;
      continue;
    }
    const verdict = classify(item, source, context.vocabulary);
    if (!verdict.keep) {
      processed.filtered++;
      if (verdict.borderline) processed.borderline.push({ title: item.title, url: item.url, score: verdict.score, reasons: verdict.reasons });
      continue;
    }
    processed.candidates.push({ item, themes: verdict.themes, score: verdict.score, reasons: verdict.reasons });
  }
  return processed;
}

/** A source's attempt before its items are stored: the store runs later, in registry order. */
type Fetched = Exclude<Attempt, { kind: "fetched" }> | (Omit<Attempt & { kind: "fetched" }, "stored" | "format" | "encoding" | "filtered" | "tooOld" | "noLink" | "borderline"> & { processed: Processed });

async function attempt(client: HttpClient, source: Source, validators: { etag?: string; lastModified?: string }, context: ProcessContext, deadline: AbortSignal): Promise<Fetched> {
  let fetch: FetchResult;
  try {
    fetch = await client.fetchFeed(source.feed, validators, deadline);
  } catch (error) {
    if (error instanceof FetchError) return { kind: "failed", code: error.code, error: error.message, ...(error.retryAfter ? { retryAfter: error.retryAfter } : {}) };
    throw error;
  }
  const answered = { redirects: fetch.redirects, ...(fetch.movedTo ? { movedTo: fetch.movedTo } : {}) };
  if (fetch.kind === "not-modified") return { kind: "not-modified", ...answered };
  try {
    return { kind: "fetched", ...answered, validators: fetch.validators, processed: await processFeed(fetch, source, context) };
  } catch (error) {
    if (error instanceof FeedError) return { kind: "unreadable", ...answered, error: error.message };
    throw error;
  }
}

function selectSources(sources: Source[], only: string[] | undefined, file: string): Source[] {
  if (!only?.length) return sources.filter((s) => s.enabled);
  const known = new Set(sources.map((s) => s.id));
  const unknown = only.filter((id) => !known.has(id));
  if (unknown.length) throw new DataError(file, unknown.map((id) => `--only : source « ${id} » absente du registre`));
  return sources.filter((s) => only.includes(s.id));
}

function hostOf(url: string): string {
  return new URL(url).hostname.toLowerCase();
}

/** The lock a run holds over a site, beside its ledger (src/ingest/lock.ts). */
export function lockFileOf(ledgerFile: string): string {
  return `${ledgerFile}.lock`;
}

/**
 * One run. The registry is validated before anything else (an invalid one stops the run before
 * the lock, a request or a write); then the run holds the site's lock until its ledger and state
 * are saved, and throws LockHeldError when another run holds it.
 */
export async function runIngest(options: RunOptions): Promise<RunReport> {
  const started = Date.now();
  const themes: Theme[] = loadThemes(options.themesFile);
  const sources = selectSources(loadRegistry(options.sourcesFile, themes), options.only, options.sourcesFile);
  // A dry run writes nothing, so it takes no lock and may run beside a real one.
  if (options.dryRun) return ingest(options, themes, sources, started);
  mkdirSync(dirname(options.ledgerFile), { recursive: true });
  const lock = acquireLock(lockFileOf(options.ledgerFile));
  try {
    return await ingest(options, themes, sources, started);
  } finally {
    lock.release();
  }
}

async function ingest(options: RunOptions, themes: Theme[], sources: Source[], started: number): Promise<RunReport> {
  const now = (options.now ?? (() => DateTime.now().setZone(ZONE)))();
  const state = loadState(options.stateFile);
  const ledger = loadLedger(options.ledgerFile);
  const vocabulary = buildVocabulary(themes);
  // Before this run writes anything: a ledger entry without its file is a maintainer's deletion.
  const curation = curationFeedback(ledger.list(), options.contentDir, vocabulary);
  const dryRun = options.dryRun ?? false;
  if (!dryRun) for (const dir of new Set([options.contentDir, dirname(options.stateFile), dirname(options.ledgerFile)])) removeStaleTemporaryFiles(dir);

  const client = createHttpClient({
    userAgent: options.userAgent ?? userAgentFor(),
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
    totalTimeoutMs: options.totalTimeoutMs ?? DEFAULTS.totalTimeoutMs,
    maxBytes: options.maxBytes ?? DEFAULTS.maxBytes,
    maxRedirects: options.maxRedirects ?? DEFAULTS.maxRedirects,
    allowHosts: options.allowHosts ?? [],
  });
  const deadline = AbortSignal.timeout(options.deadlineMs ?? DEFAULTS.deadlineMs);
  const global = pLimit(options.concurrency ?? DEFAULTS.concurrency);
  const perHost = new Map<string, LimitFunction>();
  const hostLimit = (host: string) => perHost.get(host) ?? perHost.set(host, pLimit(options.perHost ?? DEFAULTS.perHost)).get(host)!;
  const firstFetchDays = options.firstFetchDays ?? DEFAULTS.firstFetchDays;

  let attempts: Fetched[];
  try {
    attempts = await Promise.all(
      sources.map((source) => {
        const previous = state[source.id];
        const waiting = waitingReason(previous, source.feed, now);
        if (waiting) return { kind: "not-visited", reason: waiting } as const;
        const context: ProcessContext = { parseBudget: { budgetMs: options.parseBudgetMs ?? DEFAULTS.parseBudgetMs, signal: deadline }, vocabulary, fetchedAt: now, keepUnlinked: options.keepUnlinked ?? false, ...(isFirstFetch(previous, source.feed) ? { notBefore: now.minus({ days: firstFetchDays }) } : {}) };
        const validators = previous?.feed === source.feed ? { ...(previous.etag ? { etag: previous.etag } : {}), ...(previous.lastModified ? { lastModified: previous.lastModified } : {}) } : {};
        // The host slot is taken before the global one, so a busy host never holds global slots.
        return hostLimit(hostOf(source.feed))(() => global(() => attempt(client, source, validators, context, deadline)));
      }),
    );
  } finally {
    await client.close();
  }

  const fetched = toIso(now);
  const reports: SourceReport[] = sources.map((source, index) => {
    const result = attempts[index]!;
    const store = (processed: Processed) => storeAll(processed.candidates, source, { dir: options.contentDir, ledger, fetched, dryRun }, source.maxItems ?? MAX_ITEMS_DEFAULT);
    const settled: Attempt =
      result.kind === "fetched"
        ? { kind: "fetched", redirects: result.redirects, ...(result.movedTo ? { movedTo: result.movedTo } : {}), validators: result.validators, format: result.processed.format, encoding: result.processed.encoding,
            filtered: result.processed.filtered, tooOld: result.processed.tooOld, noLink: result.processed.noLink, borderline: result.processed.borderline, stored: store(result.processed) }
        : result;
    const { report, next } = settleSource(source, settled, state[source.id], now);
    if (next) state[source.id] = next;
    return report;
  });

  if (!dryRun) {
    saveLedger(options.ledgerFile, ledger);
    saveState(options.stateFile, state);
  }
  const everyFailed = sources.length > 0 && !reports.some((r) => r.status === "ok") && reports.some((r) => r.status === "failing" || r.status === "gone" || r.status === "throttled");
  return { startedAt: fetched, durationMs: Date.now() - started, dryRun, sources: reports, ...(curation.deleted ? { curation } : {}), exitCode: everyFailed ? 2 : 0 };
}
