/**
 * `_data/linkState.json`, written by the nightly link check: per resource URL, when it last
 * answered and since when it fails (`firstFailure` goes back to null after a success). A page
 * finds its URL's entry under the checker's form of it (linkStateKey), not the text as written.
 */
import { linkRecordOf, type LinkRecord, type LinkState } from "../../core/link-state.ts";

export type { LinkRecord, LinkState };

export type LinkCheck = { kind: "ok"; date: string } | { kind: "failing"; date: string };

/** What a resource page may say about its link: only what a check recorded, otherwise nothing. */
export function linkCheck(state: LinkState | undefined, url: string): LinkCheck | undefined {
  const record = linkRecordOf(state, url);
  if (!record) return undefined;
  if (record.firstFailure) return { kind: "failing", date: record.firstFailure };
  if (record.lastSuccess) return { kind: "ok", date: record.lastSuccess };
  return undefined;
}

/** Resources whose link failed at the last check, with what the check recorded, oldest failure first. */
export function failingLinks<T extends { data: { url: string } }>(
  resources: readonly T[],
  state: LinkState | undefined,
): Array<{ resource: T; record: LinkRecord }> {
  const rows: Array<{ resource: T; record: LinkRecord }> = [];
  for (const resource of resources) {
    const record = linkRecordOf(state, resource.data.url);
    if (record?.firstFailure) rows.push({ resource, record });
  }
  return rows.sort((a, b) => a.record.firstFailure!.localeCompare(b.record.firstFailure!));
}
