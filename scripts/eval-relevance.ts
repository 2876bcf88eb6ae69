// `npm run eval:relevance -- FOLDER [--themes FILE] [--json FILE]`: what the watch keeps from a
// labelled folder of real feeds. See src/eval/relevance.ts.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseCommandLine, runCli } from "../src/core/cli-args.ts";
import { DATA_FILES } from "../src/core/paths.ts";
import { evaluateRelevance, formatRelevance } from "../src/eval/relevance.ts";

const USAGE = `Usage : npm run eval:relevance -- <dossier étiqueté, ex. ../shared/corpus/realfeeds-dev> [options]
  --themes FICHIER      vocabulaire des thèmes (défaut : ${DATA_FILES.themes})
  --json FICHIER        écrire aussi les chiffres en JSON`;

process.exitCode = await runCli(USAGE, async () => {
  const { values, positionals } = parseCommandLine(process.argv.slice(2), {
    usage: USAGE,
    options: { themes: { type: "string" }, json: { type: "string" } },
    positionals: { min: 1, max: 1, name: "dossier étiqueté" },
  });
  const report = await evaluateRelevance(resolve(positionals[0]!), { themesFile: resolve(values.themes ?? DATA_FILES.themes) });
  process.stdout.write(formatRelevance(report));
  if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
  return 0;
});
