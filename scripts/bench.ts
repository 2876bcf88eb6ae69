// `npm run bench`: the performance benchmark (README, « Benchmark »). See src/bench/run.ts.
import { join } from "node:path";
import { parseArgs } from "node:util";
import { formatTable } from "../src/bench/report.ts";
import { PARTS, runBench, type Part } from "../src/bench/run.ts";

const USAGE = `Usage : npm run bench -- [options]
  --quick            1 000 articles seulement, une passe (vérification rapide)
  --sizes N[,N]      tailles de la veille (défaut 1000,5000,20000)
  --runs N           passes au plus par mesure de moins d'une minute, médiane gardée (défaut 3)
  --parts P[,P]      build, ingest, search (défaut : tout)
  --query MOTS       la première recherche (défaut « laïcité »)
  --json FICHIER     où écrire les chiffres (défaut bench-results/bench-<date>.json)`;

const { values } = parseArgs({
  options: {
    quick: { type: "boolean" }, sizes: { type: "string" }, runs: { type: "string" }, parts: { type: "string" },
    query: { type: "string" }, json: { type: "string" }, help: { type: "boolean" },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const list = (value: string) => value.split(",").map((v) => v.trim()).filter(Boolean);
const parts = values.parts ? list(values.parts) : [...PARTS];
const unknown = parts.filter((p) => !(PARTS as readonly string[]).includes(p));
const sizes = values.quick ? [1000] : list(values.sizes ?? "1000,5000,20000").map(Number);
const runs = values.quick ? 1 : Number(values.runs ?? 3);
if (unknown.length || sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(runs) || runs < 1) {
  console.error(USAGE);
  process.exit(1);
}

const results = await runBench({
  sizes,
  resources: 300,
  feeds: 300,
  itemsPerFeed: 50,
  runs,
  parts: parts as Part[],
  query: values.query ?? "laïcité",
  jsonFile: values.json ?? join("bench-results", `bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`),
  log: (line) => console.error(line),
});
console.log(`\n${formatTable(results)}`);
