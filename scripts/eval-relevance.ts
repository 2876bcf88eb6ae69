// `npm run eval:relevance -- FOLDER [--themes FILE] [--json FILE]`: what the watch keeps from a
// labelled folder of real feeds. See src/eval/relevance.ts.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { evaluateRelevance, formatRelevance } from "../src/eval/relevance.ts";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { themes: { type: "string" }, json: { type: "string" } } });
const folder = positionals[0];
if (!folder) {
  process.stderr.write("Usage : npm run eval:relevance -- <dossier étiqueté, ex. ../shared/corpus/realfeeds-dev> [--themes FICHIER] [--json FICHIER]\n");
  process.exitCode = 1;
} else {
  const report = await evaluateRelevance(resolve(folder), { themesFile: resolve(values.themes ?? "_data/themeCatalog.yaml") });
  process.stdout.write(formatRelevance(report));
  if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
}
