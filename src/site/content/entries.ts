/** Minimal view of the Eleventy page objects that the lists hold. */
export interface Entry {
  date: Date;
  data: Record<string, any>;
  url: string;
  inputPath: string;
}

const collator = new Intl.Collator("fr", { sensitivity: "base", numeric: true });

export function newestFirst(entries: readonly Entry[]): Entry[] {
  return [...entries].sort((a, b) => b.date.getTime() - a.date.getTime() || collator.compare(a.inputPath, b.inputPath));
}

export function byTitle(entries: readonly Entry[]): Entry[] {
  return [...entries].sort((a, b) => collator.compare(String(a.data.title), String(b.data.title)));
}

/** Entries the group marked « sélection du groupe » (`selected: true`) first, each part in the order it came. */
export function selectedFirst(entries: readonly Entry[]): Entry[] {
  return [...entries.filter((e) => e.data.selected === true), ...entries.filter((e) => e.data.selected !== true)];
}
