import { DataError } from "../core/validation.ts";
import { terminalIo, type Io } from "./io.ts";

export type Command = (argv: string[], io: Io) => Promise<number>;

/**
 * Runs a maintainer command on the terminal: French messages, the usage on a wrong option,
 * exit 1 on a data problem (bad registry, unreadable file, refused answer). Returns the exit code.
 */
export async function runCommand(command: Command, usage: string, argv: string[] = process.argv.slice(2)): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const io = terminalIo();
  try {
    return await command(argv, io);
  } catch (error) {
    if (error instanceof DataError) {
      process.stderr.write(`Erreur : ${error.message}\n`);
      return 1;
    }
    if ((error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`Option invalide : ${(error as Error).message}\n\n${usage}\n`);
      return 1;
    }
    throw error;
  } finally {
    io.close();
  }
}
