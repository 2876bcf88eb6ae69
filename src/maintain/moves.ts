/**
 * Sources that moved for good: a feed answering with the same permanent redirect (301/308) on
 * MOVE_AFTER_NIGHTS runs in a row gets the new address in the registry, without a maintainer.
 * The fetch counts the runs in `_data/sourceState.json` (`movedNights`, src/ingest/state.ts);
 * a single night's redirect is not enough, since sites sometimes redirect during maintenance.
 */
import type { SourceState, StateFile } from "../core/source-state.ts";
import type { Source } from "../core/sources.ts";
import type { Theme } from "../core/taxonomy.ts";
import { saveState } from "../ingest/state.ts";
import { setFeeds } from "./registry-file.ts";

export const MOVE_AFTER_NIGHTS = 3;

export interface Move {
  id: string;
  from: string;
  to: string;
  nights: number;
}

/** The registry entries whose state saw the same permanent redirect long enough. Pure. */
export function movesDue(sources: readonly Source[], state: StateFile): Move[] {
  const moves: Move[] = [];
  for (const source of sources) {
    const entry = state[source.id];
    // A state about another address (the registry was edited since) proves nothing about this one.
    if (!entry?.movedTo || entry.feed !== source.feed || (entry.movedNights ?? 0) < MOVE_AFTER_NIGHTS) continue;
    moves.push({ id: source.id, from: source.feed, to: entry.movedTo, nights: entry.movedNights! });
  }
  return moves;
}

/**
 * Writes the moves into the registry (comments kept) and carries each source's state over to its
 * new address, so validators, back-off and history continue instead of starting afresh.
 */
export function applyMoves(
  moves: readonly Move[],
  files: { registry: string; state: string },
  state: StateFile,
  themes: readonly Theme[],
): void {
  if (moves.length === 0) return;
  setFeeds(files.registry, new Map(moves.map((m) => [m.id, m.to])), themes);
  const next: StateFile = { ...state };
  for (const move of moves) {
    const { movedTo: _to, movedNights: _nights, ...entry } = state[move.id]!;
    next[move.id] = { ...entry, feed: move.to } satisfies SourceState;
  }
  saveState(files.state, next);
}
