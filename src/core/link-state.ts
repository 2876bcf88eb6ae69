/**
 * Link-check state, `_data/linkState.json` (DATA_FILES.linkState in src/core/paths.ts): written by the nightly link check
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
import { readJsonFile } from "./validation.ts";

export const linkRecordSchema = z.strictObject({
  checked: z.string(),
  lastSuccess: z.string().nullable(),
  firstFailure: z.string().nullable(),
  status: z.number().int().nullable(),
  error: z.string().nullable(),
});
export type LinkRecord = z.infer<typeof linkRecordSchema>;

export const linkStateSchema = z.record(z.string(), linkRecordSchema);
export type LinkState = Record<string, LinkRecord>;

export const LINK_RECORD_KEYS = Object.keys(linkRecordSchema.shape) as (keyof LinkRecord)[];

/** The link state's entries; empty when the file is absent (no check has run yet). */
export function loadLinkState(file: string): LinkState {
  return readJsonFile(file, linkStateSchema) ?? {};
}

export function serialiseLinkState(state: LinkState): string {
  const ordered: Record<string, Record<string, unknown>> = {};
  for (const url of Object.keys(state).sort()) ordered[url] = Object.fromEntries(LINK_RECORD_KEYS.map((k) => [k, state[url]![k]]));
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
