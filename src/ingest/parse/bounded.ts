/**
 * Parsing under a time budget the run can enforce. Every step of parseFeed is linear, but a
 * parse still blocks the thread it runs on: in the run's own thread, a slow one would stop every
 * timer, the run-wide deadline included. So parses run in worker threads, and a worker still busy
 * when its budget (or the run's deadline) runs out is terminated: the source fails with a reason,
 * the others go on.
 *
 * A few workers are kept and reused, idle ones unref'd so they never keep the process alive.
 * Starting one costs tsx and the parser's modules (3 to 5 s measured on a 2-core machine with a
 * load average of 25), so a document under INLINE_LIMIT is parsed in place: every step being
 * linear, its worst case is bounded by its size (1 MB of nested tags or of 36 000 tiny items:
 * 3.5 s on that loaded machine, about 0.3 s on a quiet one), and the usual 50 kB feed never waits
 * for a worker.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { MAX_FEED_ITEMS, parseFeed } from "./index.ts";
import { FeedError, type ParsedFeed } from "./raw.ts";
import type { ParseReply, ParseRequest } from "./worker.ts";

export interface Budget {
  /** How long one parse may take once a worker has it. */
  budgetMs: number;
  /** The run's deadline: a parse waiting or running when it fires is abandoned. */
  signal?: AbortSignal;
  /** Items the feed may hold (MAX_FEED_ITEMS by default): a feed of more fails in the parse. */
  maxItems?: number;
}

interface Task {
  request: ParseRequest;
  budget: Budget;
  resolve(feed: ParsedFeed): void;
  reject(error: Error): void;
  /** Rejects the task while it waits for a worker, when the run's deadline fires. */
  onAbort(): void;
}

/** Characters under which a parse runs in the calling thread (see the module comment). */
export const INLINE_LIMIT = 1024 * 1024;
/** Parsing is CPU work: more workers than cores would only share them. */
const POOL_SIZE = Math.max(1, Math.min(4, availableParallelism()));
/**
 * A worker's memory (node:worker_threads resourceLimits): a parse that needs more is a feed we do
 * not want, and is stopped by V8 rather than taking the machine. Items are capped in the parse
 * itself (MAX_FEED_ITEMS); these caps bound what a hostile shape could still cost. The 9 MB
 * adversarial feed of tests/ingest/hostile-parse.test.ts parses well within them.
 */
export const WORKER_HEAP_MB = 512;
const WORKER_LIMITS = { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 48, codeRangeSizeMb: 64, stackSizeMb: 4 };

/** Workers loaded and waiting for a task, unref'd. */
const ready: Worker[] = [];
const queue: Task[] = [];
let starting = 0;
let busy = 0;

function seconds(ms: number): string {
  return (ms / 1000).toLocaleString("fr-FR", { maximumFractionDigits: 1 });
}

function crashed(url: string, reason: string): FeedError {
  return new FeedError("parse-crashed", `analyse du flux ${url} impossible : ${reason}`);
}

function spawn(): void {
  starting++;
  const worker = new Worker(new URL("./worker.mjs", import.meta.url), { execArgv: [], resourceLimits: WORKER_LIMITS });
  const started = (ok: boolean, reason = "") => {
    starting--;
    worker.off("message", onReady).off("error", onError).off("exit", onExit);
    if (ok) {
      worker.unref();
      ready.push(worker);
    } else {
      // A worker that cannot even start fails the next source rather than being retried forever.
      const task = queue.shift();
      if (task) task.reject(crashed(task.request.url, reason));
    }
    pump();
  };
  const onReady = () => started(true);
  const onError = (error: Error) => started(false, error.message);
  const onExit = (code: number) => started(false, `le processus d'analyse n'a pas démarré (code ${code})`);
  worker.on("message", onReady).on("error", onError).on("exit", onExit);
}

function dispatch(task: Task, worker: Worker): void {
  busy++;
  task.budget.signal?.removeEventListener("abort", task.onAbort);
  const { request, budget } = task;
  let done = false;
  const finish = (reuse: boolean, outcome: () => void) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    budget.signal?.removeEventListener("abort", onAbort);
    // Only our own listeners: Worker keeps internal ones that removeAllListeners would drop.
    worker.off("message", onMessage).off("error", onError).off("exit", onExit);
    busy--;
    if (reuse) {
      worker.unref();
      ready.push(worker);
    } else void worker.terminate();
    pump();
    outcome();
  };
  const stop = (message: string) => finish(false, () => task.reject(new FeedError("too-long", message)));
  const onAbort = () => stop(`analyse du flux ${request.url} interrompue : la relève a atteint son délai`);
  const timer = setTimeout(
    () => stop(`analyse du flux ${request.url} trop longue : arrêtée après ${seconds(budget.budgetMs)} s`),
    budget.budgetMs,
  );
  budget.signal?.addEventListener("abort", onAbort, { once: true });
  const onMessage = (reply: ParseReply) =>
    finish(true, () =>
      "feed" in reply
        ? task.resolve(reply.feed)
        : task.reject(new FeedError(reply.error.code, reply.error.message, reply.error.advertised)),
    );
  // A worker that dies (out of memory, a bug) fails its source only, with what it said.
  const onError = (error: Error) =>
    finish(false, () =>
      task.reject(
        crashed(
          request.url,
          (error as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY"
            ? `mémoire dépassée (plus de ${WORKER_HEAP_MB} Mo pour un seul flux)`
            : error.message,
        ),
      ),
    );
  const onExit = (code: number) =>
    finish(false, () => task.reject(crashed(request.url, `le processus d'analyse s'est arrêté (code ${code})`)));
  worker.on("message", onMessage).on("error", onError).on("exit", onExit);
  worker.ref();
  worker.postMessage(request);
}

function pump(): void {
  while (queue.length && ready.length) dispatch(queue.shift()!, ready.pop()!);
  while (queue.length > starting && busy + starting + ready.length < POOL_SIZE) spawn();
}

/** parseFeed in a worker thread, given up (and the worker terminated) past its budget. */
export function parseFeedBounded(text: string, contentType: string | undefined, url: string, budget: Budget): Promise<ParsedFeed> {
  const maxItems = budget.maxItems ?? MAX_FEED_ITEMS;
  if (text.length < INLINE_LIMIT) return parseFeed(text, contentType, url, maxItems);
  return new Promise((resolve, reject) => {
    if (budget.signal?.aborted)
      return reject(new FeedError("too-long", `analyse du flux ${url} abandonnée : la relève a atteint son délai`));
    const task: Task = {
      request: { text, contentType, url, maxItems },
      budget,
      resolve,
      reject,
      onAbort: () => {
        queue.splice(queue.indexOf(task), 1);
        reject(new FeedError("too-long", `analyse du flux ${url} abandonnée : la relève a atteint son délai`));
      },
    };
    budget.signal?.addEventListener("abort", task.onAbort, { once: true });
    queue.push(task);
    pump();
  });
}
