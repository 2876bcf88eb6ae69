import { appendFileSync } from "node:fs";
import pLimit from "p-limit";
import { NETWORK_OPTIONS, networkSettings, parseCommandLine, switchOptions, valueOptions } from "../core/cli-args.ts";
import { DATA_FILES, dataFile } from "../core/paths.ts";
import { loadRegistry, loadThemes, type Source } from "../core/sources.ts";
import { loadState } from "../core/source-state.ts";
import { displayPath } from "../core/validation.ts";
import { buildVocabulary } from "../ingest/classify.ts";
import { table, type Io } from "./io.ts";
import { applyMoves, movesDue, MOVE_AFTER_NIGHTS, type Move } from "./moves.ts";
import { createProbeClient, probe, type Probe } from "./probe.ts";
import { siteUserAgent } from "../ingest/user-agent.ts";

export const CHECK_USAGE = `Usage : npm run sources:check -- [options]
  --root DOSSIER        racine du site (défaut : dossier courant)
  --timeout S           délai par source, en secondes (défaut 20)
  --concurrency N       sources essayées en même temps (défaut 4)
  --allow-host HÔTE     laisser passer un hôte local ou privé (refusé sinon)
  --follow-moves        reporter dans « feed » la nouvelle adresse d'une source redirigée en permanence
                        ${MOVE_AFTER_NIGHTS} relèves de suite (d'après ${DATA_FILES.sourceState}), avant l'essai
  --summary FICHIER     ajouter à ce fichier un bilan en Markdown des sources à regarder
                        (le résumé d'une exécution GitHub Actions : "$GITHUB_STEP_SUMMARY")
Sans --follow-moves, rien n'est écrit : ni article, ni état des sources, ni registre.`;

function statusOf(source: Source, result: Probe): { ok: boolean; cells: string[] } {
  const disabled = source.enabled ? "" : " (désactivée)";
  switch (result.kind) {
    case "error":
      return { ok: false, cells: [`en erreur${disabled}`, "", "", result.error] };
    case "page":
      return {
        ok: false,
        cells: [
          `page web, pas un flux${disabled}`,
          "",
          "",
          result.advertised.length ? `flux annoncés : ${result.advertised.join(", ")}` : "la page n'annonce aucun flux",
        ],
      };
    case "feed": {
      const kept = result.items.filter((i) => i.keep).length;
      const note = result.movedTo ? `redirection permanente : mettre « feed » à ${result.movedTo}` : "";
      return {
        ok: !result.movedTo,
        cells: [`${result.movedTo ? "à corriger" : "répond"}${disabled}`, String(result.items.length), String(kept), note],
      };
    }
  }
}

/** The run summary's section: sources to look at, and addresses moved tonight (GitHub renders it as Markdown). */
function summaryMarkdown(
  sources: readonly Source[],
  statuses: readonly { ok: boolean; cells: string[] }[],
  moves: readonly Move[],
): string {
  const lines = ["### Sources de la veille", ""];
  const failing = sources.flatMap((s, i) =>
    statuses[i]!.ok ? [] : [{ id: s.id, state: statuses[i]!.cells[0]!, note: statuses[i]!.cells[3]! }],
  );
  if (failing.length === 0) lines.push(`Les ${sources.length} source(s) répondent avec un flux.`);
  else {
    lines.push(`${failing.length} source(s) à regarder sur ${sources.length} (en erreur, déplacées ou devenues des pages web) :`, "");
    for (const f of failing) lines.push(`- \`${f.id}\` : ${f.state}${f.note ? ` – ${f.note}` : ""}`);
  }
  if (moves.length) {
    lines.push(
      "",
      `Adresses mises à jour dans ${DATA_FILES.sources} (redirection permanente vue ${MOVE_AFTER_NIGHTS} relèves de suite) :`,
      "",
    );
    for (const m of moves) lines.push(`- \`${m.id}\` : ${m.from} → ${m.to}`);
  }
  return `${lines.join("\n")}\n\n`;
}

/**
 * `npm run sources:check`: validates the registry, then tries every source once (disabled ones
 * too, so a maintainer can see whether to turn one back on) and prints a table of statuses.
 * Exit code: 0 every source answers with a feed, 1 invalid registry, 2 some source needs attention.
 */
export async function checkSources(argv: string[], io: Io): Promise<number> {
  const { values } = parseCommandLine(argv, {
    usage: CHECK_USAGE,
    options: { ...valueOptions("root", "summary"), ...switchOptions("follow-moves"), ...NETWORK_OPTIONS },
  });
  const { timeoutMs, concurrency, allowHosts } = networkSettings(values, { timeoutSeconds: 20, concurrency: 4 });
  const root = values.root ?? ".";
  const registryFile = dataFile(root, "sources");
  const themes = loadThemes(dataFile(root, "themes"));
  let sources = loadRegistry(registryFile, themes);
  let moves: Move[] = [];
  if (values["follow-moves"]) {
    const stateFile = dataFile(root, "sourceState");
    const state = loadState(stateFile);
    moves = movesDue(sources, state);
    applyMoves(moves, { registry: registryFile, state: stateFile }, state, themes);
    for (const m of moves)
      io.out(`Source « ${m.id} » : « feed » mis à jour, ${m.from} → ${m.to} (redirection permanente vue ${m.nights} relèves de suite).\n`);
    if (moves.length) sources = loadRegistry(registryFile, themes);
  }
  io.out(`Registre ${displayPath(registryFile)} valide : ${sources.length} source(s). Essai de chacune…\n\n`);
  const vocabulary = buildVocabulary(themes);
  const client = createProbeClient(allowHosts, timeoutMs, siteUserAgent(root));
  const limit = pLimit(concurrency);
  try {
    const results = await Promise.all(sources.map((source) => limit(() => probe(client, source.feed, source, vocabulary))));
    const statuses = sources.map((source, i) => statusOf(source, results[i]!));
    io.out(
      table(
        ["Source", "État", "Articles", "Gardés", "Remarque"],
        sources.map((s, i) => [s.id, ...statuses[i]!.cells]),
      ),
    );
    const failing = statuses.filter((s) => !s.ok).length;
    io.out(failing ? `\n${failing} source(s) à regarder sur ${sources.length}.\n` : `\nLes ${sources.length} source(s) répondent.\n`);
    if (values.summary) appendFileSync(values.summary, summaryMarkdown(sources, statuses, moves));
    return failing ? 2 : 0;
  } finally {
    await client.close();
  }
}
