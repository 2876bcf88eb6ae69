/**
 * `npm run fetch` arguments (DESIGN.md contract: --sources, --only, --dry-run, --allow-host,
 * --report; exit 0 run completed, 1 invalid registry, 2 every source failed), plus the folders
 * and limits tests and benchmarks need to point a run elsewhere than the repository.
 */
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { dataFile, LEDGER_NAME, WATCH_DIR } from "../core/paths.ts";
import { DataError } from "../core/validation.ts";
import { formatReport } from "./report.ts";
import { runIngest, type RunOptions } from "./run.ts";
import { siteUserAgent } from "./user-agent.ts";

export const USAGE = `Usage : npm run fetch -- [options]
  --sources FICHIER     registre des sources (défaut : <racine>/_data/sources.yaml)
  --themes FICHIER      vocabulaire des thèmes (défaut : <racine>/_data/themeCatalog.yaml)
  --root DOSSIER        racine du site (défaut : dossier courant)
  --content DOSSIER     dossier des articles de veille (défaut : <racine>/content/veille)
  --state FICHIER       état des sources (défaut : <racine>/_data/sourceState.json)
  --ledger FICHIER      registre des articles écrits (défaut : <dossier des articles>/ledger.json)
  --only ID[,ID]        ne traiter que ces sources
  --dry-run             tout lire, ne rien écrire
  --allow-host HÔTE[,HÔTE]  laisser passer un hôte local ou privé (refusé sinon)
  --report FICHIER      écrire aussi le rapport en JSON
  --timeout S           délai total par requête (défaut 20)
  --connect-timeout S   délai de connexion (défaut 10)
  --deadline S          délai global de la collecte (défaut 600)
  --concurrency N       requêtes simultanées (défaut 8, 2 au plus par hôte)
  --first-days N        première collecte d'une source : articles de moins de N jours (défaut 90)`;

function list(value: string | undefined): string[] | undefined {
  return value?.split(",").map((v) => v.trim()).filter(Boolean);
}

function positive(value: string | undefined, flag: string, scale = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new DataError(flag, [`nombre positif attendu, reçu « ${value} »`]);
  return n * scale;
}

export function parseFetchArgs(argv: string[]): RunOptions & { reportFile?: string } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      sources: { type: "string" }, themes: { type: "string" }, root: { type: "string" }, content: { type: "string" },
      state: { type: "string" }, ledger: { type: "string" }, only: { type: "string" }, "dry-run": { type: "boolean" },
      "allow-host": { type: "string", multiple: true }, report: { type: "string" }, timeout: { type: "string" },
      "connect-timeout": { type: "string" }, deadline: { type: "string" }, concurrency: { type: "string" }, "first-days": { type: "string" },
    },
  });
  const root = resolve(values.root ?? ".");
  const contentDir = resolve(values.content ?? join(root, WATCH_DIR));
  const options: RunOptions & { reportFile?: string } = {
    sourcesFile: resolve(values.sources ?? dataFile(root, "sources")),
    themesFile: resolve(values.themes ?? dataFile(root, "themes")),
    contentDir,
    stateFile: resolve(values.state ?? dataFile(root, "sourceState")),
    ledgerFile: resolve(values.ledger ?? join(contentDir, LEDGER_NAME)),
    dryRun: values["dry-run"] ?? false,
    allowHosts: (values["allow-host"] ?? []).flatMap((v) => list(v) ?? []),
    userAgent: siteUserAgent(root),
  };
  const only = list(values.only);
  if (only) options.only = only;
  if (values.report) options.reportFile = resolve(values.report);
  const numbers: [keyof RunOptions, string | undefined, string, number][] = [
    ["totalTimeoutMs", values.timeout, "--timeout", 1000],
    ["connectTimeoutMs", values["connect-timeout"], "--connect-timeout", 1000],
    ["deadlineMs", values.deadline, "--deadline", 1000],
    ["concurrency", values.concurrency, "--concurrency", 1],
    ["firstFetchDays", values["first-days"], "--first-days", 1],
  ];
  for (const [key, raw, flag, scale] of numbers) {
    const n = positive(raw, flag, scale);
    if (n !== undefined) Object.assign(options, { [key]: n });
  }
  return options;
}

/** Runs the CLI and returns its exit code; everything a maintainer reads is French. */
export async function main(argv: string[], out: (text: string) => void = (t) => process.stdout.write(t), err: (text: string) => void = (t) => process.stderr.write(t)): Promise<number> {
  let options: ReturnType<typeof parseFetchArgs>;
  try {
    options = parseFetchArgs(argv);
  } catch (error) {
    err(`${error instanceof DataError ? error.message : `Option invalide : ${(error as Error).message}`}\n\n${USAGE}\n`);
    return 1;
  }
  try {
    const report = await runIngest(options);
    out(formatReport(report));
    if (options.reportFile) writeFileSync(options.reportFile, `${JSON.stringify(report, null, 2)}\n`);
    return report.exitCode;
  } catch (error) {
    if (error instanceof DataError) {
      err(`Collecte annulée, rien n'a été lu ni écrit :\n${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
