/**
 * Link-check state, `_data/linkState.json`: written by the nightly link check
 * (`npm run check:links -- --resources --state _data/linkState.json`, src/maintain/link-state.ts),
 * read by the resource pages and the maintainers' dashboard. The file may be absent: pages then
 * say nothing about their links.
 *
 * One entry per URL, URLs sorted, keys in the order below:
 * - `checked`: when this entry was last confirmed by a check;
 * - `lastSuccess`: the last check the URL answered (null if it never did);
 * - `firstFailure`: the first check of the current run of failures (null while the URL answers);
 * - `status`: the HTTP status of the last check (null when no answer came);
 * - `error`: why the last check failed, in French (null when it answered).
 */
import { z } from "zod";

export const LINK_STATE_FILE = "_data/linkState.json";

export const linkCheckSchema = z.strictObject({
  checked: z.string(),
  lastSuccess: z.string().nullable(),
  firstFailure: z.string().nullable(),
  status: z.number().int().nullable(),
  error: z.string().nullable(),
});
export type LinkCheck = z.infer<typeof linkCheckSchema>;

export const linkStateSchema = z.record(z.string(), linkCheckSchema);
export type LinkState = Record<string, LinkCheck>;

export const LINK_CHECK_KEYS = Object.keys(linkCheckSchema.shape) as (keyof LinkCheck)[];
