/** Runs in a parse worker (bounded.ts): one message in, one parsed feed or feed error out. */
import { parentPort } from "node:worker_threads";
import { FeedError, parseFeed } from "./index.ts";

export interface ParseRequest {
  text: string;
  contentType: string | undefined;
  url: string;
  maxItems: number;
}

export type ParseReply =
  { feed: Awaited<ReturnType<typeof parseFeed>> } | { error: { code: FeedError["code"]; message: string; advertised: readonly string[] } };

parentPort!.on("message", async (request: ParseRequest) => {
  let reply: ParseReply;
  try {
    reply = { feed: await parseFeed(request.text, request.contentType, request.url, request.maxItems) };
  } catch (error) {
    if (!(error instanceof FeedError)) throw error;
    reply = { error: { code: error.code, message: error.message, advertised: error.advertised } };
  }
  parentPort!.postMessage(reply);
});

// Loaded: the pool starts counting a parse's budget only from here.
parentPort!.postMessage("ready");
