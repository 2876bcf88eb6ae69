/**
 * One fetch run at a time over a site: a lock file beside the ledger, created atomically
 * (`wx`), holding who took it (pid, host, time). Two runs at once would each load the ledger
 * and the state, then each write its own copy, losing the other's items.
 *
 * A lock is stale, and taken over, when its holder is a process of this machine that no longer
 * exists (a run killed with SIGKILL), or when it is older than STALE_AFTER_MS whoever holds it
 * (a lock file left by a machine that is gone). A lock file that cannot be read is stale too:
 * the file is written in one call, so an unreadable one was left half-written by a crash.
 */
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { DateTime } from "luxon";

/** Far longer than a run may last (its fetch deadline is 10 minutes by default). */
export const STALE_AFTER_MS = 60 * 60_000;

interface Holder {
  pid: number;
  host: string;
  since: string;
  token: string;
}

/** Another run holds the lock: nothing was read or written. */
export class LockHeldError extends Error {
  constructor(
    readonly file: string,
    readonly holder: Holder,
  ) {
    const since = DateTime.fromISO(holder.since).setLocale("fr").toFormat("d LLLL yyyy 'à' HH'h'mm");
    super(
      `une autre collecte est en cours (processus ${holder.pid} sur ${holder.host}, depuis le ${since}) ; si aucune ne tourne, supprimer ${file}`,
    );
    this.name = "LockHeldError";
  }
}

export interface Lock {
  release(): void;
}

/** The lock's holder; null when there is no lock file, undefined when it cannot be read. */
function readHolder(file: string): Holder | null | undefined {
  try {
    const value = JSON.parse(readFileSync(file, "utf8")) as Partial<Holder>;
    if (
      typeof value.pid === "number" &&
      typeof value.host === "string" &&
      typeof value.since === "string" &&
      typeof value.token === "string"
    )
      return value as Holder;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
  }
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function isStale(holder: Holder, now: number): boolean {
  if (now - Date.parse(holder.since) > STALE_AFTER_MS) return true;
  return holder.host === hostname() && holder.pid !== process.pid && !isAlive(holder.pid);
}

/** Takes the lock at `file` or throws LockHeldError. Dated by the real clock, whatever clock the run is given. */
export function acquireLock(file: string): Lock {
  const mine: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString(), token: randomBytes(8).toString("hex") };
  // Two attempts: the second one after removing a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(mine), { flag: "wx" });
      return {
        release: () => {
          // Only our own lock: a run that outlived STALE_AFTER_MS may have lost it to another.
          if (readHolder(file)?.token === mine.token) rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = readHolder(file);
    if (holder === null) continue; // Released between our attempt and this read.
    if (holder && !isStale(holder, Date.now())) throw new LockHeldError(file, holder);
    rmSync(file, { force: true });
  }
  // Taken again by another run in the instant after we removed a stale lock.
  throw new LockHeldError(file, readHolder(file) || { pid: 0, host: "?", since: mine.since, token: "" });
}
