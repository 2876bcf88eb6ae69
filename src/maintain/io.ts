import { createInterface } from "node:readline";

/** What a maintainer command reads and prints; tests give scripted answers, the terminal gives stdin. */
export interface Io {
  out(text: string): void;
  /** The next answer, or undefined when there is no more input. */
  ask(question: string): Promise<string | undefined>;
}

/**
 * Answers are read line by line from stdin, in order, whether a person types them or a script
 * pipes them (readline's `question` would drop lines that arrive before it is asked).
 */
export function terminalIo(): Io & { close(): void } {
  const rl = createInterface({ input: process.stdin, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  return {
    out: (text) => process.stdout.write(text),
    async ask(question) {
      process.stdout.write(question);
      const next = await lines.next();
      if (next.done) {
        process.stdout.write("\n");
        return undefined;
      }
      // Piped answers are not echoed by a terminal: print them so the transcript reads as a dialogue.
      if (!process.stdin.isTTY) process.stdout.write(`${next.value}\n`);
      return next.value.trim();
    },
    close: () => rl.close(),
  };
}

/** A plain-text table with aligned columns, for terminals. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n") + "\n";
}
