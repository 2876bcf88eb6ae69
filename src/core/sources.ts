/**
 * The source registry (`_data/sources.yaml`, contract in docs/architecture.md) and the theme vocabulary.
 * Both are validated in full before the run makes a single request: a maintainer gets every
 * problem at once, named by source id and key, rather than one error per nightly run. The site,
 * the ingest and the maintainer commands all read the registry through here.
 */
import { z } from "zod";
import { DATA_FILES } from "./paths.ts";
import { idSchema, sectionSchema, territorySchema, themeIdSchema, themesFileSchema, type Theme } from "./taxonomy.ts";
import { DataError, formatPath, loadYamlFile, parseYamlText, readDataText } from "./validation.ts";

/**
 * A run writes at most this many new items per source (the newest ones); the rest waits for the
 * next run. Real feeds carry 10 to 50 items: 50 lets a normal night through whole, while a feed
 * of 100 000 items (seen: 6 MB, and a 17-minute, 4.2 GB build after it) costs 50 files.
 */
export const MAX_ITEMS_DEFAULT = 50;
/** A registry may raise the cap for a prolific source, not lift it. */
export const MAX_ITEMS_CEILING = 1000;

const httpUrl = z.url({ protocol: /^https?$/, message: "adresse http ou https attendue" });
const keywordList = z.array(z.string().trim().min(1)).default([]);

export const sourceSchema = z.strictObject({
  id: idSchema,
  name: z.string().trim().min(1),
  feed: httpUrl,
  site: httpUrl.optional(),
  section: sectionSchema,
  territory: territorySchema,
  themes: z.array(themeIdSchema).default([]),
  keep: z.enum(["all", "keywords"]).default("keywords"),
  include: keywordList,
  exclude: keywordList,
  reuse: z.enum(["excerpt", "full"]).default("excerpt"),
  /**
   * The licence under which a `full` source allows its content to be reused, as the source names
   * it (e.g. « CC BY 4.0 »); empty while nobody has read it, and the pages then say it is not stated.
   */
  licence: z.string().trim().optional(),
  enabled: z.boolean().default(true),
  /** New items written per run at most; MAX_ITEMS_DEFAULT when absent. */
  maxItems: z.number().int().min(1).max(MAX_ITEMS_CEILING).optional(),
});
export type Source = z.output<typeof sourceSchema>;

/** Names an entry by its id when it has a usable one, by its rank otherwise. */
function entryName(entry: unknown, index: number): string {
  const id = (entry as { id?: unknown } | null)?.id;
  return typeof id === "string" && id.trim() ? `source « ${id} »` : `source n° ${index + 1}`;
}

/**
 * Validates the parsed registry against the schema, then across entries (unique ids, known
 * themes). Throws one DataError listing every problem.
 */
export function validateRegistry(value: unknown, file: string, themes: readonly Theme[]): Source[] {
  if (!Array.isArray(value))
    throw new DataError(file, ["le registre doit être une liste de sources (chaque entrée commence par « - id: »)"]);
  const problems: string[] = [];
  const sources: Source[] = [];
  const knownThemes = new Set(themes.map((t) => t.id));
  const seenIds = new Map<string, number>();

  value.forEach((entry, index) => {
    const name = entryName(entry, index);
    const result = sourceSchema.safeParse(entry);
    if (result.success) sources.push(result.data);
    else {
      for (const issue of result.error.issues) {
        const key = formatPath(issue.path);
        problems.push(key ? `${name}, clé « ${key} » : ${issue.message}` : `${name} : ${issue.message}`);
      }
    }
    // Checked on the raw entry too, so that one run lists these alongside the schema's findings.
    const { id, themes: entryThemes } = (entry ?? {}) as { id?: unknown; themes?: unknown };
    if (typeof id === "string") {
      const first = seenIds.get(id);
      if (first !== undefined) problems.push(`${name}, clé « id » : identifiant déjà utilisé par la source n° ${first + 1}`);
      else seenIds.set(id, index);
    }
    if (Array.isArray(entryThemes)) {
      entryThemes.forEach((theme, t) => {
        if (typeof theme === "string" && !knownThemes.has(theme))
          problems.push(`${name}, clé « themes[${t}] » : thème « ${theme} » inconnu (voir ${DATA_FILES.themes})`);
      });
    }
  });

  if (problems.length > 0) throw new DataError(file, problems);
  return sources;
}

export function loadThemes(file: string): Theme[] {
  return loadYamlFile(file, themesFileSchema);
}

export function loadRegistry(file: string, themes: readonly Theme[]): Source[] {
  return validateRegistry(parseYamlText(readDataText(file), file), file, themes);
}
