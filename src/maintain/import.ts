import { DOMParser, onErrorStopParsing, type Element } from "@xmldom/xmldom";
import { oneOf, parseCommandLine } from "../core/cli-args.ts";
import { dataFile } from "../core/paths.ts";
import { loadRegistry, loadThemes } from "../core/sources.ts";
import { SECTIONS, SECTION_LABELS, TERRITORIES, type Section, type Territory } from "../core/taxonomy.ts";
import { fold } from "../core/text.ts";
import { DataError, displayPath, readDataText } from "../core/validation.ts";
import type { Io } from "./io.ts";
import { safeText, safeUrl } from "./safe-text.ts";
import { appendSources, sameFeed, suggestId, type NewSource } from "./registry-file.ts";

export const IMPORT_USAGE = `Usage : npm run sources:import -- <fichier.opml> [options]
  --section RUBRIQUE     rubrique des flux hors dossier reconnu (défaut : actualites) : ${SECTIONS.join(", ")}
  --territory TERRITOIRE territoire des flux importés (défaut : national) : ${TERRITORIES.join(", ")}
  --root DOSSIER         racine du site (défaut : dossier courant)
Un dossier de l'OPML nommé comme une rubrique (« Recherche », « partenaires »…) donne sa rubrique à ses flux.`;

/** One subscription of an OPML file, with the folder it sits in. */
export interface OpmlFeed {
  name: string;
  feed: string;
  site?: string;
  folder?: string;
}

/** The feeds of an OPML subscription list (any outline with an xmlUrl), in document order. */
export function readOpmlFeeds(text: string, file: string): OpmlFeed[] {
  let doc;
  try {
    doc = new DOMParser({ onError: onErrorStopParsing }).parseFromString(text, "text/xml");
  } catch (error) {
    throw new DataError(file, [`XML illisible : ${safeText((error as Error).message.split("\n")[0]!)}`]);
  }
  if (doc.documentElement?.nodeName !== "opml") throw new DataError(file, ["ce n'est pas un fichier OPML (élément racine <opml> attendu)"]);
  return Array.from(doc.getElementsByTagName("outline"))
    .filter((o) => o.getAttribute("xmlUrl"))
    .map((o) => {
      const parent = o.parentNode as Element | null;
      const folder =
        parent?.nodeName === "outline" ? (parent.getAttribute("text") ?? parent.getAttribute("title") ?? undefined) : undefined;
      // Names and addresses go to the terminal and to the registry: see safe-text.ts.
      const site = o.getAttribute("htmlUrl") ? safeUrl(o.getAttribute("htmlUrl")!) : undefined;
      const feed = safeUrl(o.getAttribute("xmlUrl")!.trim());
      return {
        name: safeText(o.getAttribute("text") ?? "") || safeText(o.getAttribute("title") ?? "") || feed,
        feed,
        ...(site ? { site } : {}),
        ...(folder ? { folder } : {}),
      };
    });
}

/** A folder named like a section (its id or its label, any case or accent) gives that section. */
function sectionOfFolder(folder: string | undefined): Section | undefined {
  if (!folder) return undefined;
  const key = fold(folder).replace(/s$/, "");
  return SECTIONS.find((s) => fold(s).replace(/s$/, "") === key || fold(SECTION_LABELS[s]).replace(/s$/, "") === key);
}

/**
 * `npm run sources:import`: appends the OPML's feeds to the registry, skipping those already
 * followed (same address, whatever the scheme or final slash) and repeats within the file.
 */
export async function importOpml(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    usage: IMPORT_USAGE,
    options: { section: { type: "string" }, territory: { type: "string" }, root: { type: "string" } },
    positionals: { min: 1, max: 1, name: "fichier OPML" },
  });
  const opmlFile = positionals[0]!;
  const section = oneOf(values.section, "--section", SECTIONS) ?? "actualites";
  const territory = oneOf<Territory>(values.territory, "--territory", TERRITORIES) ?? "national";
  const root = values.root ?? ".";
  const registryFile = dataFile(root, "sources");
  const themes = loadThemes(dataFile(root, "themes"));
  const registry = loadRegistry(registryFile, themes);
  const text = readDataText(opmlFile);

  const taken = new Set(registry.map((s) => s.id));
  const known = registry.map((s) => ({ id: s.id, feed: s.feed }));
  const added: NewSource[] = [];
  for (const feed of readOpmlFeeds(text, opmlFile)) {
    const already = known.find((k) => sameFeed(k.feed, feed.feed));
    if (already) {
      io.out(`déjà suivie : ${feed.name} (source « ${already.id} »)\n`);
      continue;
    }
    const id = suggestId(feed.name, taken);
    taken.add(id);
    known.push({ id, feed: feed.feed });
    added.push({
      id,
      name: feed.name,
      feed: feed.feed,
      ...(feed.site ? { site: feed.site } : {}),
      section: sectionOfFolder(feed.folder) ?? section,
      territory,
    });
    io.out(`ajoutée : ${feed.name} → « ${id} » (${added.at(-1)!.section}, ${territory})\n`);
  }
  if (added.length === 0) {
    io.out("Aucune nouvelle source : le registre n'a pas changé.\n");
    return 0;
  }
  appendSources(
    registryFile,
    added,
    themes,
    `Importées de ${opmlFile.split("/").at(-1)} par « npm run sources:import » le ${new Date().toISOString().slice(0, 10)}`,
  );
  io.out(
    `${added.length} source(s) ajoutée(s) à ${displayPath(registryFile)} ; vérifiez rubrique et territoire, puis lancez « npm run sources:check ».\n`,
  );
  return 0;
}
