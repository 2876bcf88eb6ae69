/**
 * How a night's link check moves `_data/linkState.json` (shape, load and serialise in src/core/link-state.ts).
 *
 * A night that changes nothing leaves the file byte for byte as it was, so it makes no commit:
 * a URL that answers again keeps its entry until the recorded success is REFRESH_DAYS old, and
 * a URL that keeps failing the same way keeps its entry (and its first failure) until then too.
 * The date a resource page shows as "lien vérifié le" is therefore at most a week old.
 */
import { DateTime } from "luxon";
import { replaceFileIfChanged } from "../core/files.ts";
import { serialiseLinkState, type LinkRecord, type LinkState } from "../core/link-state.ts";

export const REFRESH_DAYS = 7;

/** One URL's outcome tonight: it answered (2xx/3xx after redirects), or not, with why. */
export interface LinkOutcome {
  url: string;
  ok: boolean;
  status: number | null;
  error: string | null;
}

/** Writes the state only when its text changed. Returns whether it wrote. */
export function saveLinkState(file: string, state: LinkState): boolean {
  return replaceFileIfChanged(file, serialiseLinkState(state));
}

function nextCheck(previous: LinkRecord | undefined, outcome: LinkOutcome, now: string): LinkRecord {
  const stale = !previous || DateTime.fromISO(now).diff(DateTime.fromISO(previous.checked), "days").days >= REFRESH_DAYS;
  if (outcome.ok) {
    const same = previous?.firstFailure === null && previous.status === outcome.status;
    if (same && !stale) return previous;
    return { checked: now, lastSuccess: now, firstFailure: null, status: outcome.status, error: null };
  }
  const failing = previous?.firstFailure != null;
  const same = failing && previous.status === outcome.status && previous.error === outcome.error;
  if (same && !stale) return previous;
  return {
    checked: now,
    lastSuccess: previous?.lastSuccess ?? null,
    firstFailure: failing ? previous.firstFailure : now,
    status: outcome.status,
    error: outcome.error,
  };
}

/**
 * The state after tonight's outcomes. Pure: `now` is given (ISO). With `complete`, the outcomes
 * cover every URL that should be followed, and URLs no longer checked leave the state.
 */
export function nextLinkState(previous: LinkState, outcomes: readonly LinkOutcome[], now: string, complete: boolean): LinkState {
  const next: LinkState = complete ? {} : { ...previous };
  for (const outcome of outcomes) next[outcome.url] = nextCheck(previous[outcome.url], outcome, now);
  return next;
}
