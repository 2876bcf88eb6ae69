/**
 * One source's step of a run, once the network, the parser and the store have done their part:
 * what the run reports about the source and the state it leaves for the next run. Pure: the
 * clock is given, nothing is read or written, so every case is tested without HTTP
 * (tests/ingest/step.test.ts). Its statuses are the project's one vocabulary (src/core/source-state.ts).
 */
import type { DateTime } from "luxon";
import type { Source } from "../core/sources.ts";
import type { SourceState } from "../core/source-state.ts";
import type { FetchErrorCode, Redirect, Validators } from "./http.ts";
import type { FeedReading } from "./process.ts";
import type { SourceReport } from "./report.ts";
import { nextState, type Outcome } from "./state.ts";
import type { Stored } from "./store.ts";

/** Where the answer came from: the redirects followed, and a permanent one to report. */
interface Answered {
  redirects: Redirect[];
  movedTo?: string;
}

/** What happened to a source this run, as plain data. */
export type Attempt =
  /** Not visited: the state says the feed is gone, or asked to wait. */
  | { kind: "not-visited"; reason: "gone" | "waiting" }
  /** No usable answer; `code` says why (src/ingest/http.ts). */
  | { kind: "failed"; code: FetchErrorCode; error: string; retryAfter?: Date }
  | (Answered & { kind: "not-modified" })
  /** An answer that is no feed the parser can read. */
  | (Answered & { kind: "unreadable"; error: string })
  /** A feed read (src/ingest/process.ts), and what the store made of the items it kept. */
  | (Answered & { kind: "fetched"; validators: Validators; reading: FeedReading; stored: Stored });

export interface Step {
  report: SourceReport;
  /** The source's state after this run; undefined when the run leaves it as it was. */
  next?: SourceState;
}

function emptyReport(source: Source): SourceReport {
  return {
    id: source.id,
    name: source.name,
    status: "ok",
    added: [],
    duplicates: 0,
    capped: 0,
    filtered: 0,
    tooOld: 0,
    noLink: 0,
    invalid: [],
    flaggedDates: [],
    redirects: [],
  };
}

function outcomeOf(attempt: Exclude<Attempt, { kind: "not-visited" }>): Outcome | undefined {
  const moved = "movedTo" in attempt && attempt.movedTo ? { movedTo: attempt.movedTo } : {};
  switch (attempt.kind) {
    case "failed":
      // Out of run time: nothing was learnt about the source, its state stays as it was.
      if (attempt.code === "deadline") return undefined;
      if (attempt.code === "gone") return { kind: "gone", error: attempt.error };
      if (attempt.code === "throttled" && attempt.retryAfter)
        return { kind: "throttled", error: attempt.error, retryAfter: attempt.retryAfter };
      return { kind: "failing", error: attempt.error };
    case "unreadable":
      return { kind: "failing", error: attempt.error };
    case "not-modified":
      return { kind: "not-modified", ...moved };
    case "fetched":
      return { kind: "fetched", added: attempt.stored.added.length, validators: attempt.validators, ...moved };
  }
}

/** The report and next state of one source after this run's attempt. */
export function settleSource(source: Source, attempt: Attempt, previous: SourceState | undefined, now: DateTime): Step {
  const report = emptyReport(source);
  if (attempt.kind === "not-visited") {
    report.status = attempt.reason;
    if (previous?.lastError) report.error = previous.lastError;
    if (previous?.retryAfter) report.retryAfter = previous.retryAfter;
    return { report };
  }
  if (attempt.kind === "failed" || attempt.kind === "unreadable") report.error = attempt.error;
  if (attempt.kind !== "failed") {
    report.redirects = attempt.redirects;
    if (attempt.movedTo) report.movedTo = attempt.movedTo;
  }
  if (attempt.kind === "not-modified") report.notModified = true;
  if (attempt.kind === "fetched") {
    const { stored } = attempt;
    const { borderline, ...counts } = attempt.reading;
    Object.assign(report, counts);
    if (borderline.length) report.borderline = borderline;
    Object.assign(report, { added: stored.added, duplicates: stored.duplicates, capped: stored.capped, invalid: stored.invalid });
    report.flaggedDates = stored.flagged.map(({ title, dateFlag, rawDate }) => ({
      title,
      flag: dateFlag!,
      ...(rawDate ? { raw: rawDate } : {}),
    }));
  }

  const outcome = outcomeOf(attempt);
  if (!outcome) {
    report.status = "skipped";
    return { report };
  }
  const next = nextState(previous, source.feed, outcome, now);
  report.status = next.status;
  if (next.status !== "ok") {
    report.failures = next.failures;
    if (next.retryAfter) report.retryAfter = next.retryAfter;
  }
  return { report, next };
}
