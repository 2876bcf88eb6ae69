import { ALLOW_HOST_OPTION, commaList, oneOf, parseCommandLine, switchOptions, valueOptions } from "../core/cli-args.ts";
import { dataFile } from "../core/paths.ts";
import { loadRegistry, loadThemes } from "../core/sources.ts";
import { SECTIONS, TERRITORIES, type Section, type Territory, type Theme } from "../core/taxonomy.ts";
import { DataError, displayPath } from "../core/validation.ts";
import { buildVocabulary } from "../ingest/classify.ts";
import { table, type Io } from "./io.ts";
import { createProbeClient, discoverFeeds, probe, type ProbedItem, type Sorting } from "./probe.ts";
import { appendSources, sameFeed, suggestId, type NewSource } from "./registry-file.ts";
import { siteUserAgent } from "../ingest/user-agent.ts";

export const ADD_USAGE = `Usage : npm run sources:add -- <adresse d'un flux ou d'une page> [options]
  --name NOM            nom affiché (défaut : titre du flux)
  --id ID               identifiant (défaut : tiré du nom)
  --section RUBRIQUE    ${SECTIONS.join(", ")}
  --territory TERRITOIRE ${TERRITORIES.join(", ")}
  --keep MODE           keywords (défaut, source généraliste) ou all (source spécialisée)
  --themes ID[,ID]      thèmes donnés à tous ses articles
  --pick N              numéro du flux à retenir quand la page en propose plusieurs
  --yes                 ajouter sans demander de confirmation
  --root DOSSIER        racine du site (défaut : dossier courant)
  --allow-host HÔTE     laisser passer un hôte local ou privé (refusé sinon)
Les réponses qui manquent sont demandées une à une.`;

const SHOWN_ITEMS = 10;

const KEEP_MODES = ["keywords", "all"] as const;

const ADD_OPTIONS = {
  ...valueOptions("name", "id", "section", "territory", "keep", "themes", "pick", "root"),
  ...switchOptions("yes"),
  ...ALLOW_HOST_OPTION,
} as const;

function parseAddArgs(argv: string[]) {
  const { values, positionals } = parseCommandLine(argv, {
    usage: ADD_USAGE,
    options: ADD_OPTIONS,
    positionals: { min: 1, max: 1, name: "adresse (celle du flux ou de la page du site)" },
  });
  // Checked before any request: a typo in an option should not cost a fetch.
  oneOf(values.section, "--section", SECTIONS);
  oneOf(values.territory, "--territory", TERRITORIES);
  oneOf(values.keep, "--keep", KEEP_MODES);
  return { url: positionals[0]!, ...values };
}

function itemsTable(items: readonly ProbedItem[], themes: readonly Theme[]): string {
  const label = new Map(themes.map((t) => [t.id, t.label]));
  return table(
    ["Date", "Gardé ?", "Thèmes", "Titre"],
    items
      .slice(0, SHOWN_ITEMS)
      .map((i) => [i.date.slice(0, 10), i.keep ? "oui" : "non", i.themes.map((t) => label.get(t) ?? t).join(", ") || "—", i.title]),
  );
}

/** A value among `choices`: the one given on the command line (`option`), or asked until the answer is one. */
async function choose<T extends string>(
  io: Io,
  question: string,
  choices: readonly T[],
  given: { option: string; value: string | undefined },
): Promise<T> {
  const allowed = (value: string): value is T => (choices as readonly string[]).includes(value);
  const fromCommandLine = oneOf(given.value, given.option, choices);
  if (fromCommandLine !== undefined) return fromCommandLine;
  for (;;) {
    const answer = await io.ask(`${question} (${choices.join(", ")}) : `);
    if (answer === undefined) throw new DataError("sources:add", [`réponse manquante : ${question.toLowerCase()}`]);
    if (allowed(answer)) return answer;
    io.out(`« ${answer} » n'est pas une réponse possible.\n`);
  }
}

async function ask(io: Io, question: string, given: string | undefined, fallback: string): Promise<string> {
  if (given !== undefined) return given;
  return (await io.ask(`${question} [${fallback}] : `)) || fallback;
}

/**
 * `npm run sources:add`: finds the feed behind a URL (a page's announced feeds and the usual
 * paths), shows its latest items as the watch would sort them, asks what is missing and appends
 * the entry to the registry. Returns the exit code: 0 added, 1 nothing added.
 */
export async function addSource(argv: string[], io: Io): Promise<number> {
  const args = parseAddArgs(argv);
  const root = args.root ?? ".";
  const registryFile = dataFile(root, "sources");
  const themes = loadThemes(dataFile(root, "themes"));
  const registry = loadRegistry(registryFile, themes);
  const vocabulary = buildVocabulary(themes);
  const themeIds = commaList(args.themes);
  const keep = args.keep === undefined ? "keywords" : await choose(io, "Mode de tri", KEEP_MODES, { option: "--keep", value: args.keep });
  const sorting: Sorting = { keep, themes: themeIds, include: [], exclude: [] };
  const client = createProbeClient(commaList(args["allow-host"]), undefined, siteUserAgent(root));

  try {
    io.out(`Lecture de ${args.url}…\n`);
    let result = await probe(client, args.url, sorting, vocabulary);
    let site: string | undefined;
    if (result.kind === "page") {
      site = result.url;
      const feeds = await discoverFeeds(client, result, sorting, vocabulary);
      if (feeds.length === 0)
        throw new DataError("sources:add", [
          `${args.url} : cette page n'annonce aucun flux et aucune adresse habituelle (/feed, /rss.xml, /atom.xml…) n'en fournit ; demandez l'adresse du flux au site`,
        ]);
      io.out(
        `C'est une page web. Flux trouvés :\n${feeds.map((f, i) => `  ${i + 1}. ${f.title ?? "(sans titre)"} – ${f.url} (${f.format})`).join("\n")}\n`,
      );
      const numbers = feeds.map((_, i) => String(i + 1));
      const pick = feeds.length === 1 ? "1" : await choose(io, "Numéro du flux à suivre", numbers, { option: "--pick", value: args.pick });
      result = await probe(client, feeds[Number(pick) - 1]!.url, sorting, vocabulary);
    }
    // Addresses are not files: they go in the message, the command names the problem's origin.
    if (result.kind === "error") throw new DataError("sources:add", [`${result.url} : ${result.error}`]);
    if (result.kind !== "feed")
      throw new DataError("sources:add", [`${result.url} : la page proposée comme flux est elle-même une page web`]);
    const feedUrl = result.movedTo ?? result.url;
    const existing = registry.find((s) => sameFeed(s.feed, feedUrl));
    if (existing) throw new DataError(registryFile, [`ce flux est déjà suivi : source « ${existing.id} » (${existing.feed})`]);

    const kept = result.items.filter((i) => i.keep).length;
    io.out(
      `\nFlux ${result.format.toUpperCase()} « ${result.title ?? "sans titre"} » : ${result.items.length} article(s), ${kept} gardé(s) avec le mode « ${keep} ».\n`,
    );
    if (result.items.length) io.out(`Derniers articles :\n${itemsTable(result.items, themes)}`);
    if (keep === "keywords" && result.items.length > 0 && kept === 0)
      io.out("Aucun article ne serait gardé : pour une source spécialisée, relancez avec --keep all.\n");

    const name = await ask(io, "Nom affiché", args.name, result.title ?? new URL(feedUrl).hostname);
    const id = await ask(io, "Identifiant", args.id, suggestId(name, new Set(registry.map((s) => s.id))));
    const section = await choose<Section>(io, "Rubrique", SECTIONS, { option: "--section", value: args.section });
    const territory = await choose<Territory>(io, "Territoire", TERRITORIES, { option: "--territory", value: args.territory });
    const homepage = site ?? result.link;
    const entry: NewSource = {
      id,
      name,
      feed: feedUrl,
      ...(homepage ? { site: homepage } : {}),
      section,
      territory,
      ...(themeIds.length ? { themes: themeIds } : {}),
      ...(keep === "all" ? { keep } : {}),
    };
    if (!args.yes) {
      const answer = await io.ask(`Ajouter « ${name} » (${id}) au registre ? (oui/non) [oui] : `);
      if (answer !== undefined && answer !== "" && !/^o(ui)?$/i.test(answer)) {
        io.out("Rien n'a été ajouté.\n");
        return 1;
      }
    }
    appendSources(registryFile, [entry], themes, `Ajoutée par « npm run sources:add » le ${new Date().toISOString().slice(0, 10)}`);
    io.out(`Source « ${id} » ajoutée à ${displayPath(registryFile)}. Elle sera relevée à la prochaine collecte.\n`);
    return 0;
  } finally {
    await client.close();
  }
}
