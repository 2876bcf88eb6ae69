/**
 * One feed's processing, between the bytes fetched and the store: decode → parse (bounded) →
 * normalise → classify. Pure but for the clock it is given and the parse workers. The run
 * (run.ts) and the maintainer commands' probe (src/maintain/probe.ts) both go through here, so a
 * feed a maintainer tries is read exactly as the nightly run will read it.
 */
import { setImmediate as nextTurn } from "node:timers/promises";
import type { DateTime } from "luxon";
import type { Source } from "../core/sources.ts";
import { classify, type Classification, type Vocabulary } from "./classify.ts";
import { decodeBody } from "./decode.ts";
import { normaliseItem, type Item } from "./normalise.ts";
import { parseFeedBounded, type Budget } from "./parse/bounded.ts";
import { FeedError } from "./parse/index.ts";
import type { FeedFormat } from "./parse/raw.ts";
import type { BorderlineItem } from "./report.ts";
import type { Candidate } from "./store.ts";

export interface ProcessContext {
  parseBudget: Budget;
  vocabulary: Vocabulary;
  fetchedAt: DateTime;
  /** Items older than this are left out (first fetch of a source only). */
  notBefore?: DateTime;
  /** Conformance harness only: keep items without a link (see FeedContext.unlinkedRank). */
  keepUnlinked?: boolean;
  /** Keep every classified item with its verdict, kept or not (Processed.verdicts). */
  keepVerdicts?: boolean;
}

/** What reading a feed says about it, as the run reports it (SourceReport). */
export interface FeedReading {
  format: FeedFormat;
  encoding: string;
  filtered: number;
  /** Left out just below the relevance threshold, for the maintainers' report. */
  borderline: BorderlineItem[];
  tooOld: number;
  noLink: number;
}

export interface ClassifiedItem {
  item: Item;
  verdict: Classification;
}

export interface Processed {
  reading: FeedReading;
  /** The feed's own title and home page, as the publisher wrote them. */
  title?: string;
  link?: string;
  /** The items to store, in feed order. */
  candidates: Candidate[];
  /** With ProcessContext.keepVerdicts: every item classified, kept or left out, in feed order. */
  verdicts?: ClassifiedItem[];
}

type Classifiable = Pick<Source, "keep" | "themes" | "include" | "exclude">;

/**
 * How long the item loop runs between two turns of the event loop. It runs on the run's own
 * thread: it yields so the run's deadline (an AbortSignal timer) can fire, and stops there. Time
 * rather than a count of items: one item of long text takes milliseconds to classify.
 */
const TURN_MS = 50;

/** Throws FeedError when the answer is no feed the parser can read, or when the run's deadline fires while reading it. */
export async function processFeed(
  fetched: { body: Buffer; contentType?: string; url: string },
  source: Classifiable,
  context: ProcessContext,
): Promise<Processed> {
  const decoded = decodeBody(fetched.body, fetched.contentType);
  const feed = await parseFeedBounded(decoded.text, fetched.contentType, fetched.url, context.parseBudget);
  const reading: FeedReading = { format: feed.format, encoding: decoded.encoding, filtered: 0, borderline: [], tooOld: 0, noLink: 0 };
  const processed: Processed = {
    reading,
    ...(feed.title !== undefined ? { title: feed.title } : {}),
    ...(feed.link !== undefined ? { link: feed.link } : {}),
    candidates: [],
    ...(context.keepVerdicts ? { verdicts: [] } : {}),
  };
  const deadline = context.parseBudget.signal;
  let turnStarted = performance.now();
  for (const [rank, raw] of feed.items.entries()) {
    if (performance.now() - turnStarted > TURN_MS) {
      await nextTurn();
      turnStarted = performance.now();
      if (deadline?.aborted) throw new FeedError("too-long", `lecture du flux ${fetched.url} interrompue : la relève a atteint son délai`);
    }
    const item = normaliseItem(raw, {
      feedUrl: fetched.url,
      feed,
      fetchedAt: context.fetchedAt,
      ...(context.keepUnlinked ? { unlinkedRank: rank } : {}),
    });
    if ("rejected" in item) {
      reading.noLink++;
      continue;
    }
    // item.date is ISO 8601 with its offset, which Date.parse reads exactly, as the store does.
    if (context.notBefore && Date.parse(item.date) < context.notBefore.toMillis()) {
      reading.tooOld++;
      continue;
    }
    const verdict = classify(item, source, context.vocabulary);
    processed.verdicts?.push({ item, verdict });
    if (!verdict.keep) {
      reading.filtered++;
      if (verdict.borderline) reading.borderline.push({ title: item.title, url: item.url, score: verdict.score, reasons: verdict.reasons });
      continue;
    }
    processed.candidates.push({ item, themes: verdict.themes, score: verdict.score, reasons: verdict.reasons });
  }
  return processed;
}
