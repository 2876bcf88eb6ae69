// `npm run conformance -- <corpus dir>`: scores the pipeline on a feedparser-style corpus. See src/eval/conformance.ts.
import { parseCommandLine, runCli } from "../src/core/cli-args.ts";
import { formatConformance, runConformance } from "../src/eval/conformance.ts";

const USAGE = "Usage : npm run conformance -- <dossier du corpus, ex. ../shared/corpus/feedparser>";

process.exitCode = await runCli(USAGE, async () => {
  const { positionals } = parseCommandLine(process.argv.slice(2), {
    usage: USAGE,
    options: {},
    positionals: { min: 1, max: 1, name: "dossier du corpus" },
  });
  process.stdout.write(formatConformance(await runConformance(positionals[0]!)));
  return 0;
});
