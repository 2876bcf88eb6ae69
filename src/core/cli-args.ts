/**
 * Command-line arguments, read the same way by every `npm run` command: `node:util`'s parseArgs,
 * with a French message and the command's usage on bad input instead of Node's English stack trace.
 *
 * Options are read in two passes. The first one is lenient (`strict: false`) and returns tokens,
 * so each mistake (unknown option, missing value, value given to a switch, extra argument) is
 * named in our words from data rather than from Node's English messages, which change between
 * versions. Only then does the strict pass return typed values.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

/** Exit code of a command called with bad options (EX_USAGE of sysexits.h), apart from each command's own codes. */
export const USAGE_EXIT = 64;

/** A wrong command line, said in French; `runCli` prints it with the command's usage. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** `--help` or `-h` was given: `runCli` prints the usage and exits 0. */
class HelpRequested extends Error {}

type Options = NonNullable<ParseArgsConfig["options"]>;

export interface CommandLine<O extends Options> {
  /** The French usage text shown by `--help` and after a mistake. */
  usage: string;
  options: O;
  /** How many arguments that are not options the command takes (default: none). */
  positionals?: { min: number; max: number; name: string };
}

type Strict<O extends Options> = { options: O; strict: true; allowPositionals: true };
export type CommandValues<O extends Options> = ReturnType<typeof parseArgs<Strict<O>>>["values"];

/** Options that take a value (`--name VALUE`), declared by their names. */
export function valueOptions<const K extends string>(...names: K[]): { [P in K]: { type: "string" } } {
  return Object.fromEntries(names.map((name) => [name, { type: "string" }])) as { [P in K]: { type: "string" } };
}

/** Switches (`--name`), declared by their names. */
export function switchOptions<const K extends string>(...names: K[]): { [P in K]: { type: "boolean" } } {
  return Object.fromEntries(names.map((name) => [name, { type: "boolean" }])) as { [P in K]: { type: "boolean" } };
}

/** `--allow-host`, which every command that fetches takes, once or more. */
export const ALLOW_HOST_OPTION = { "allow-host": { type: "string", multiple: true } } as const;

/** The options of the commands that check many addresses: `--timeout S`, `--concurrency N`, `--allow-host`. */
export const NETWORK_OPTIONS = { ...valueOptions("timeout", "concurrency"), ...ALLOW_HOST_OPTION };

/** What NETWORK_OPTIONS ask for, checked, with the command's own defaults. */
export function networkSettings(
  values: { timeout?: string; concurrency?: string; "allow-host"?: string[] },
  defaults: { timeoutSeconds: number; concurrency: number },
): { timeoutMs: number; concurrency: number; allowHosts: string[] } {
  return {
    timeoutMs: (positiveNumber(values.timeout, "--timeout") ?? defaults.timeoutSeconds) * 1000,
    concurrency: positiveInteger(values.concurrency, "--concurrency") ?? defaults.concurrency,
    allowHosts: commaList(values["allow-host"]),
  };
}

const flag = (name: string) => (name.length === 1 ? `-${name}` : `--${name}`);

/**
 * Reads `argv` against the command's options. Throws a UsageError naming the mistake in French;
 * `--help` anywhere among the options stops reading and asks `runCli` for the usage.
 */
export function parseCommandLine<O extends Options>(
  argv: readonly string[],
  command: CommandLine<O>,
): { values: CommandValues<O>; positionals: string[] } {
  const options = { ...command.options, help: { type: "boolean", short: "h" } } as O;
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  let positionals = 0;
  for (const token of tokens) {
    if (token.kind === "positional") positionals++;
    if (token.kind !== "option") continue;
    if (token.name === "help") throw new HelpRequested();
    const declared = options[token.name];
    if (!declared) throw new UsageError(`option inconnue : ${token.rawName}`);
    if (declared.type === "string" && token.value === undefined) throw new UsageError(`l'option ${flag(token.name)} attend une valeur`);
    if (declared.type === "boolean" && token.inlineValue) throw new UsageError(`l'option ${flag(token.name)} ne prend pas de valeur`);
  }
  const { min, max, name } = command.positionals ?? { min: 0, max: 0, name: "" };
  if (positionals > max) {
    throw new UsageError(
      max === 0
        ? "cette commande ne prend aucun argument en dehors des options"
        : `trop d'arguments : ${max === 1 ? `un seul ${name}` : `${max} ${name} au plus`}`,
    );
  }
  if (positionals < min) throw new UsageError(`argument manquant : ${name}`);
  try {
    const parsed = parseArgs({ args: [...argv], options: command.options, strict: true, allowPositionals: true });
    return { values: parsed.values as CommandValues<O>, positionals: parsed.positionals };
  } catch (error) {
    // What the lenient pass lets through: a value that looks like an option (`--timeout -1`).
    throw new UsageError(
      `options illisibles (${(error as Error).message.split("\n")[0]}) ; pour une valeur qui commence par un tiret, écrire --option=valeur`,
    );
  }
}

function numberOption(value: string | undefined, option: string, whole: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n <= 0 || (whole && !Number.isInteger(n))) {
    throw new UsageError(`${option} : nombre ${whole ? "entier " : ""}positif attendu, reçu « ${value} »`);
  }
  return n;
}

/** A number greater than zero, or undefined when the option was not given. */
export const positiveNumber = (value: string | undefined, option: string) => numberOption(value, option, false);

/** A whole number greater than zero, or undefined when the option was not given. */
export const positiveInteger = (value: string | undefined, option: string) => numberOption(value, option, true);

/** One of `choices`, or undefined when the option was not given. */
export function oneOf<T extends string>(value: string | undefined, option: string, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${option} : « ${value} » refusé (possibles : ${choices.join(", ")})`);
}

/** `a,b` (or the option repeated) as a list, blanks dropped. */
export function commaList(value: string | readonly string[] | undefined): string[] {
  const values = value === undefined ? [] : typeof value === "string" ? [value] : value;
  return values
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
}

export interface CliStreams {
  out(text: string): void;
  err(text: string): void;
}

const terminal: CliStreams = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/** The exit code for a command line that stopped the command (usage printed on --help, message and usage on a mistake); other errors go on. */
function answerCommandLine(error: unknown, usage: string, streams: CliStreams): number {
  if (error instanceof HelpRequested) {
    streams.out(`${usage}\n`);
    return 0;
  }
  if (error instanceof UsageError) {
    streams.err(`Erreur : ${error.message}\n\n${usage}\n`);
    return USAGE_EXIT;
  }
  throw error;
}

/**
 * Runs a command's body and returns its exit code: the usage on `--help` (0), a French message
 * and the usage on a bad command line (USAGE_EXIT). Other errors go on to the caller.
 */
export async function runCli(usage: string, body: () => Promise<number>, streams: CliStreams = terminal): Promise<number> {
  try {
    return await body();
  } catch (error) {
    return answerCommandLine(error, usage, streams);
  }
}

/**
 * The command line of a command that keeps running until stopped (a local server), which has no
 * exit code to return: on `--help` or a mistake it answers as runCli does, then exits.
 */
export function commandLineOrExit<O extends Options>(
  argv: readonly string[],
  command: CommandLine<O>,
  streams: CliStreams = terminal,
): ReturnType<typeof parseCommandLine<O>> {
  try {
    return parseCommandLine(argv, command);
  } catch (error) {
    process.exit(answerCommandLine(error, command.usage, streams));
  }
}
