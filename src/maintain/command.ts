import { runCli } from "../core/cli-args.ts";
import { DataError } from "../core/validation.ts";
import { terminalIo, type Io } from "./io.ts";

export type Command = (argv: string[], io: Io) => Promise<number>;

/**
 * Runs a maintainer command on the terminal: French messages, the usage on `--help` or a wrong
 * option (src/core/cli-args.ts), exit 1 on a data problem (bad registry, unreadable file, refused
 * answer). Returns the exit code.
 */
export async function runCommand(command: Command, usage: string, argv: string[] = process.argv.slice(2)): Promise<number> {
  const io = terminalIo();
  try {
    return await runCli(usage, async () => {
      try {
        return await command(argv, io);
      } catch (error) {
        if (!(error instanceof DataError)) throw error;
        process.stderr.write(`Erreur : ${error.message}\n`);
        return 1;
      }
    });
  } finally {
    io.close();
  }
}
