/**
 * How a source's state moves from run to run (the state itself and its file format:
 * src/core/source-state.ts). Timestamps are only moved when something else in the entry changes,
 * so a night that brings nothing new leaves the file byte for byte as it was (no empty commit).
 */
import { DateTime } from "luxon";
import { replaceFileIfChanged } from "../core/files.ts";
import { serialiseState, STATE_KEY_ORDER, type SourceState, type StateFile } from "../core/source-state.ts";
import { toIso } from "../core/time.ts";
import type { Validators } from "./http.ts";

const BACKOFF_BASE_HOURS = 1;
const BACKOFF_MAX_HOURS = 48;

/** Writes the state only when its text changed. Returns whether it wrote. */
export function saveState(file: string, state: StateFile): boolean {
  return replaceFileIfChanged(file, serialiseState(state));
}

export type Outcome =
  | { kind: "fetched"; added: number; validators: Validators; movedTo?: string }
  | { kind: "not-modified"; movedTo?: string }
  | { kind: "failing"; error: string }
  | { kind: "throttled"; error: string; retryAfter: Date }
  | { kind: "gone"; error: string };

/** Why a source is not fetched this run, if it is not. */
export function waitingReason(state: SourceState | undefined, feed: string, now: DateTime): "gone" | "waiting" | undefined {
  if (!state || state.feed !== feed) return undefined;
  if (state.status === "gone") return "gone";
  if (state.retryAfter && DateTime.fromISO(state.retryAfter) > now) return "waiting";
  return undefined;
}

/** A source seen for the first time (or under a new URL) imports only a recent window. */
export function isFirstFetch(state: SourceState | undefined, feed: string): boolean {
  return !state || state.feed !== feed || !state.lastSuccess;
}

function backoffHours(failures: number): number {
  return Math.min(BACKOFF_MAX_HOURS, BACKOFF_BASE_HOURS * 2 ** Math.max(0, failures - 1));
}

function withoutTimes(state: SourceState | undefined): string {
  if (!state) return "";
  const { lastAttempt: _a, lastSuccess: _s, ...rest } = state;
  return JSON.stringify(rest, STATE_KEY_ORDER);
}

/** The state after one run's outcome for a source. Pure: `now` is given. */
export function nextState(previous: SourceState | undefined, feed: string, outcome: Outcome, now: DateTime): SourceState {
  const prev = previous?.feed === feed ? previous : undefined;
  const at = toIso(now);
  const base = { feed, failures: prev?.failures ?? 0, itemsAdded: prev?.itemsAdded ?? 0 };
  const keep = <K extends keyof SourceState>(key: K) => (prev?.[key] !== undefined ? { [key]: prev[key] } : {});

  switch (outcome.kind) {
    case "fetched":
    case "not-modified": {
      const validators = outcome.kind === "fetched" ? outcome.validators : { ...keep("etag"), ...keep("lastModified") };
      const added = outcome.kind === "fetched" ? outcome.added : 0;
      const next: SourceState = {
        ...base,
        status: "ok",
        ...validators,
        failures: 0,
        itemsAdded: base.itemsAdded + added,
        // Runs in a row that saw the same permanent redirect: at three, `sources:check --follow-moves` moves `feed`.
        ...(outcome.movedTo
          ? { movedTo: outcome.movedTo, movedNights: prev?.movedTo === outcome.movedTo ? (prev.movedNights ?? 1) + 1 : 1 }
          : {}),
      };
      const changed = withoutTimes(next) !== withoutTimes(prev) || added > 0 || !prev?.lastSuccess;
      return changed ? { ...next, lastAttempt: at, lastSuccess: at } : { ...next, ...keep("lastAttempt"), ...keep("lastSuccess") };
    }
    case "failing":
    case "throttled": {
      // Validators and the last success outlive a bad night; key order is fixed by serialiseState.
      const failures = outcome.kind === "failing" ? base.failures + 1 : base.failures;
      const retryAfter = outcome.kind === "failing" ? now.plus({ hours: backoffHours(failures) }) : DateTime.fromJSDate(outcome.retryAfter);
      return {
        ...base,
        status: outcome.kind,
        ...keep("etag"),
        ...keep("lastModified"),
        lastAttempt: at,
        ...keep("lastSuccess"),
        failures,
        lastError: outcome.error,
        ...keep("movedTo"),
        ...keep("movedNights"),
        retryAfter: toIso(retryAfter),
      };
    }
    case "gone":
      return { ...base, status: "gone", lastAttempt: at, ...keep("lastSuccess"), lastError: outcome.error };
  }
}
