/**
 * Per-source state, committed in the repository at `_data/sourceState.json` so that a fresh CI
 * checkout still sends conditional requests and honours back-off. Written by the ingest after
 * each run, read by the sources page and the maintainers' dashboard.
 *
 * Format: one entry per source id, ids sorted, keys in a fixed order, 2-space JSON with a final
 * newline, so that a night that brings nothing new leaves the file byte for byte as it was.
 */
import { z } from "zod";
import { readJsonFile } from "./validation.ts";

/**
 * A source's status: the one vocabulary from the fetch to the sources page. The fetch maps each
 * network or feed error to one of these (src/ingest/step.ts), the state file keeps it, the run
 * report and the sources page (src/site/source-health.ts) show it.
 * - ok: the feed answered (new items or not);
 * - failing: no usable answer, retried with a growing back-off;
 * - throttled: the server asked to wait (429/503 with Retry-After);
 * - gone: 410, never asked again until the registry changes the address.
 */
export const SOURCE_STATUSES = ["ok", "failing", "throttled", "gone"] as const;
export type SourceStatus = (typeof SOURCE_STATUSES)[number];

/** How one run saw a source: its status after the run, or why the run did not visit it (waiting: the state asked to wait; skipped: the run's time was up). */
export type RunStatus = SourceStatus | "waiting" | "skipped";

export const sourceStateSchema = z.strictObject({
  /** The registry URL this state is about: a new URL starts afresh. */
  feed: z.string(),
  status: z.enum(SOURCE_STATUSES),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  lastAttempt: z.string().optional(),
  lastSuccess: z.string().optional(),
  failures: z.number().int().min(0),
  lastError: z.string().optional(),
  itemsAdded: z.number().int().min(0),
  movedTo: z.string().optional(),
  /** Runs in a row that saw the redirect to `movedTo` (src/maintain/moves.ts acts at three). */
  movedNights: z.number().int().min(1).optional(),
  retryAfter: z.string().optional(),
});
export type SourceState = z.infer<typeof sourceStateSchema>;
const stateFileSchema = z.record(z.string(), sourceStateSchema);
export type StateFile = Record<string, SourceState>;

export const STATE_KEY_ORDER = Object.keys(sourceStateSchema.shape) as (keyof SourceState)[];

/** The state file's entries; empty when the file is absent (a fresh fork). */
export function loadState(file: string): StateFile {
  return readJsonFile(file, stateFileSchema) ?? {};
}

export function serialiseState(state: StateFile): string {
  const ordered: Record<string, Record<string, unknown>> = {};
  for (const id of Object.keys(state).sort()) {
    const entry = state[id]!;
    ordered[id] = Object.fromEntries(STATE_KEY_ORDER.filter((k) => entry[k] !== undefined).map((k) => [k, entry[k]]));
  }
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
