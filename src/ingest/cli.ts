/**
 * `npm run fetch` arguments (docs/architecture.md, commands: --sources, --only, --dry-run, --allow-host,
 * --report), plus the folders and limits tests and benchmarks need to point a run elsewhere than
 * the repository, and the exit codes the nightly workflow tells apart (FETCH_EXIT).
 */
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  ALLOW_HOST_OPTION,
  type CliStreams,
  commaList,
  parseCommandLine,
  positiveInteger,
  positiveNumber,
  runCli,
  switchOptions,
  valueOptions,
} from "../core/cli-args.ts";
import { DATA_FILES, dataFile, LEDGER_NAME, WATCH_DIR } from "../core/paths.ts";
import { DataError } from "../core/validation.ts";
import { LockHeldError } from "./lock.ts";
import { formatReport } from "./report.ts";
import { DEFAULTS, runIngest, type RunOptions } from "./run.ts";
import { siteUserAgent } from "./user-agent.ts";

/** What `npm run fetch` exits with (a bad command line: USAGE_EXIT of src/core/cli-args.ts). */
export const FETCH_EXIT = {
  /** The run completed; sources that failed are in the report. */
  done: 0,
  /** The registry (or --only) is invalid: nothing fetched, nothing written. */
  invalidRegistry: 1,
  /** Every enabled source that was tried failed. */
  allFailed: 2,
  /** An unexpected error stopped the run: a bug to report, not the registry's fault. */
  crash: 3,
  /** Another run holds the lock: nothing read, nothing written. */
  locked: 4,
} as const;

const inSeconds = (ms: number): number => ms / 1000;

export const USAGE = `Usage : npm run fetch -- [options]
  --sources FICHIER     registre des sources (défaut : <racine>/${DATA_FILES.sources})
  --themes FICHIER      vocabulaire des thèmes (défaut : <racine>/${DATA_FILES.themes})
  --root DOSSIER        racine du site (défaut : dossier courant)
  --content DOSSIER     dossier des articles de veille (défaut : <racine>/${WATCH_DIR})
  --state FICHIER       état des sources (défaut : <racine>/${DATA_FILES.sourceState})
  --ledger FICHIER      registre des articles écrits (défaut : <dossier des articles>/${LEDGER_NAME})
  --only ID[,ID]        ne traiter que ces sources
  --dry-run             tout lire, ne rien écrire
  --allow-host HÔTE[,HÔTE]  laisser passer un hôte local ou privé (refusé sinon)
  --report FICHIER      écrire aussi le rapport en JSON
  --timeout S           délai total par requête (défaut ${inSeconds(DEFAULTS.totalTimeoutMs)})
  --connect-timeout S   délai de connexion (défaut ${inSeconds(DEFAULTS.connectTimeoutMs)})
  --deadline S          délai global de la collecte (défaut ${inSeconds(DEFAULTS.deadlineMs)})
  --concurrency N       requêtes simultanées (défaut ${DEFAULTS.concurrency}, ${DEFAULTS.perHost} au plus par hôte)
  --first-days N        première collecte d'une source : articles de moins de N jours (défaut ${DEFAULTS.firstFetchDays})`;

function parseFetchArgs(argv: string[]): RunOptions & { reportFile?: string } {
  const { values } = parseCommandLine(argv, {
    usage: USAGE,
    options: {
      ...valueOptions(
        "sources",
        "themes",
        "root",
        "content",
        "state",
        "ledger",
        "only",
        "report",
        "timeout",
        "connect-timeout",
        "deadline",
        "concurrency",
        "first-days",
      ),
      ...switchOptions("dry-run"),
      ...ALLOW_HOST_OPTION,
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
    allowHosts: commaList(values["allow-host"]),
    userAgent: siteUserAgent(root),
  };
  const only = commaList(values.only);
  if (only.length) options.only = only;
  if (values.report) options.reportFile = resolve(values.report);
  const seconds = (value: string | undefined, flag: string) => {
    const n = positiveNumber(value, flag);
    return n === undefined ? undefined : n * 1000;
  };
  const numbers: Partial<RunOptions> = {
    totalTimeoutMs: seconds(values.timeout, "--timeout"),
    connectTimeoutMs: seconds(values["connect-timeout"], "--connect-timeout"),
    deadlineMs: seconds(values.deadline, "--deadline"),
    concurrency: positiveInteger(values.concurrency, "--concurrency"),
    firstFetchDays: positiveNumber(values["first-days"], "--first-days"),
  };
  for (const [key, n] of Object.entries(numbers)) if (n !== undefined) Object.assign(options, { [key]: n });
  return options;
}

const terminal: CliStreams = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/** Runs the CLI and returns its exit code (FETCH_EXIT); everything a maintainer reads is French. */
export function main(
  argv: string[],
  out: (text: string) => void = terminal.out,
  err: (text: string) => void = terminal.err,
): Promise<number> {
  return runCli(
    USAGE,
    async () => {
      const options = parseFetchArgs(argv);
      try {
        const report = await runIngest(options);
        out(formatReport(report));
        if (options.reportFile) writeFileSync(options.reportFile, `${JSON.stringify(report, null, 2)}\n`);
        return report.allFailed ? FETCH_EXIT.allFailed : FETCH_EXIT.done;
      } catch (error) {
        if (error instanceof DataError) {
          err(`Collecte annulée, rien n'a été lu ni écrit :\n${error.message}\n`);
          return FETCH_EXIT.invalidRegistry;
        }
        if (error instanceof LockHeldError) {
          err(`Collecte non lancée, rien n'a été lu ni écrit : ${error.message}.\n`);
          return FETCH_EXIT.locked;
        }
        err(crashMessage(error));
        return FETCH_EXIT.crash;
      }
    },
    { out, err },
  );
}

/** An unexpected error, for the CI log: not the registry's fault, and what the next run does about it. */
export function crashMessage(error: unknown): string {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return `Collecte interrompue par une erreur inattendue (à signaler aux développeurs ; le registre des sources n'est pas en cause). Les articles déjà écrits seront repris par la prochaine collecte.\n${detail}\n`;
}
