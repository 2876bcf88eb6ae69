/**
 * One ingest run: registry → fetch (bounded, polite) → one feed's processing (process.ts: decode →
 * parse → normalise → classify) → sanitise → store, then the ledger and the per-source state. Sources are fetched concurrently
 * but stored one after the other in registry order, so which of two duplicates wins never
 * depends on network timing. One source failing never touches another, nor earlier files.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DateTime } from "luxon";
import pLimit, { type LimitFunction } from "p-limit";
import { removeStaleTemporaryFiles } from "../core/files.ts";
import { loadRegistry, loadThemes, MAX_ITEMS_DEFAULT, type Source } from "../core/sources.ts";
import { loadState } from "../core/source-state.ts";
import type { Theme } from "../core/taxonomy.ts";
import { toIso, ZONE } from "../core/time.ts";
import { DataError } from "../core/validation.ts";
import { buildVocabulary } from "./classify.ts";
import { createHttpClient, FetchError, type FetchResult, type HttpClient } from "./http.ts";
import { loadLedger, saveLedger } from "./ledger.ts";
import { acquireLock } from "./lock.ts";
import { FeedError, MAX_FEED_ITEMS } from "./parse/index.ts";
import { processFeed, type ProcessContext } from "./process.ts";
import type { RunReport, SourceReport } from "./report.ts";
import { curationFeedback } from "./relevance/curation.ts";
import { isFirstFetch, saveState, waitingReason } from "./state.ts";
import { settleSource, type Attempt } from "./step.ts";
import { storeAll, type Candidate } from "./store.ts";
import { userAgentFor } from "./user-agent.ts";

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
  /** Items one feed may hold; a feed of more fails (see MAX_FEED_ITEMS in parse/raw.ts). */
  maxFeedItems?: number;
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
  maxFeedItems: MAX_FEED_ITEMS,
  maxRedirects: 5,
  firstFetchDays: 90,
} as const;

/** A source's attempt before its items are stored: the store runs later, in registry order. */
type Unstored =
  Exclude<Attempt, { kind: "fetched" }> | (Omit<Extract<Attempt, { kind: "fetched" }>, "stored"> & { candidates: Candidate[] });

async function attempt(
  client: HttpClient,
  source: Source,
  validators: { etag?: string; lastModified?: string },
  context: ProcessContext,
  deadline: AbortSignal,
): Promise<Unstored> {
  let fetch: FetchResult;
  try {
    fetch = await client.fetchFeed(source.feed, validators, deadline);
  } catch (error) {
    if (error instanceof FetchError)
      return { kind: "failed", code: error.code, error: error.message, ...(error.retryAfter ? { retryAfter: error.retryAfter } : {}) };
    throw error;
  }
  const answered = { redirects: fetch.redirects, ...(fetch.movedTo ? { movedTo: fetch.movedTo } : {}) };
  if (fetch.kind === "not-modified") return { kind: "not-modified", ...answered };
  try {
    const { reading, candidates } = await processFeed(fetch, source, context);
    return { kind: "fetched", ...answered, validators: fetch.validators, reading, candidates };
  } catch (error) {
    // Stopped by the run's deadline (in the parse or after it): nothing was learnt about the source.
    if (error instanceof FeedError && deadline.aborted) return { kind: "failed", code: "deadline", error: error.message };
    // A feed stopped for its size is named with its source: the message may reach a summary of its own.
    if (error instanceof FeedError)
      return {
        kind: "unreadable",
        ...answered,
        error: SIZE_CODES.has(error.code) ? `source « ${source.id} » : ${error.message}` : error.message,
      };
    throw error;
  }
}

/** Feed errors that say a feed is too big for the run, rather than unreadable. */
const SIZE_CODES = new Set<FeedError["code"]>(["too-many-items", "parse-crashed"]);

function selectSources(sources: Source[], only: string[] | undefined, file: string): Source[] {
  if (!only?.length) return sources.filter((s) => s.enabled);
  const known = new Set(sources.map((s) => s.id));
  const unknown = only.filter((id) => !known.has(id));
  if (unknown.length)
    throw new DataError(
      file,
      unknown.map((id) => `--only : source « ${id} » absente du registre`),
    );
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
  if (!dryRun)
    for (const dir of new Set([options.contentDir, dirname(options.stateFile), dirname(options.ledgerFile)]))
      removeStaleTemporaryFiles(dir);

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

  let attempts: Unstored[];
  try {
    attempts = await Promise.all(
      sources.map((source) => {
        const previous = state[source.id];
        const waiting = waitingReason(previous, source.feed, now);
        if (waiting) return { kind: "not-visited", reason: waiting } as const;
        const context: ProcessContext = {
          parseBudget: {
            budgetMs: options.parseBudgetMs ?? DEFAULTS.parseBudgetMs,
            signal: deadline,
            maxItems: options.maxFeedItems ?? DEFAULTS.maxFeedItems,
          },
          vocabulary,
          fetchedAt: now,
          keepUnlinked: options.keepUnlinked ?? false,
          ...(isFirstFetch(previous, source.feed) ? { notBefore: now.minus({ days: firstFetchDays }) } : {}),
        };
        const validators =
          previous?.feed === source.feed
            ? {
                ...(previous.etag ? { etag: previous.etag } : {}),
                ...(previous.lastModified ? { lastModified: previous.lastModified } : {}),
              }
            : {};
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
    const store = (candidates: Candidate[]) =>
      storeAll(candidates, source, { dir: options.contentDir, ledger, fetched, dryRun }, source.maxItems ?? MAX_ITEMS_DEFAULT);
    let settled: Attempt;
    if (result.kind === "fetched") {
      const { candidates, ...read } = result;
      settled = { ...read, stored: store(candidates) };
    } else settled = result;
    const { report, next } = settleSource(source, settled, state[source.id], now);
    if (next) state[source.id] = next;
    return report;
  });

  if (!dryRun) {
    saveLedger(options.ledgerFile, ledger);
    saveState(options.stateFile, state);
  }
  const allFailed =
    sources.length > 0 &&
    !reports.some((r) => r.status === "ok") &&
    reports.some((r) => r.status === "failing" || r.status === "gone" || r.status === "throttled");
  return {
    startedAt: fetched,
    durationMs: Date.now() - started,
    dryRun,
    sources: reports,
    ...(curation.deleted ? { curation } : {}),
    allFailed,
  };
}
