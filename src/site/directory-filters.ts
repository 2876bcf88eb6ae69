import { AUDIENCE_LABELS, TERRITORIES } from "../core/taxonomy.ts";

/** The directory's ways in besides its shelves by type: by audience, by theme, by territory. */
export type DirectoryField = "audiences" | "themes" | "territory";

export interface DirectoryCount {
  id: string;
  count: number;
}

/**
 * How many resources carry each value of `field`, in the vocabulary's order (themes: the
 * catalogue's), leaving out values no resource carries, so every link leads somewhere.
 */
export function directoryCounts(resources: ReadonlyArray<{ data: Record<string, unknown> }>, field: DirectoryField, themeIds: readonly string[]): DirectoryCount[] {
  const order: readonly string[] = field === "audiences" ? Object.keys(AUDIENCE_LABELS) : field === "territory" ? TERRITORIES : themeIds;
  const counts = new Map<string, number>();
  for (const resource of resources) {
    const value = resource.data[field];
    for (const id of Array.isArray(value) ? value : [value]) counts.set(String(id), (counts.get(String(id)) ?? 0) + 1);
  }
  return order.filter((id) => counts.has(id)).map((id) => ({ id, count: counts.get(id)! }));
}
