// `npm run bench`: the performance benchmark (README, « Benchmark »). See src/bench/run.ts.
import { join } from "node:path";
import {
  commaList,
  oneOf,
  parseCommandLine,
  positiveInteger,
  runCli,
  switchOptions,
  UsageError,
  valueOptions,
} from "../src/core/cli-args.ts";
import { formatTable } from "../src/bench/report.ts";
import { PARTS, runBench, type Part } from "../src/bench/run.ts";

const USAGE = `Usage : npm run bench -- [options]
  --quick            1 000 articles seulement, une passe (vérification rapide)
  --sizes N[,N]      tailles de la veille (défaut 1000,5000,20000)
  --runs N           passes au plus par mesure de moins d'une minute, médiane gardée (défaut 3)
  --parts P[,P]      build, ingest, search (défaut : tout)
  --query MOTS       la première recherche (défaut « laïcité »)
  --json FICHIER     où écrire les chiffres (défaut bench-results/bench-<date>.json)`;

process.exitCode = await runCli(USAGE, async () => {
  const { values } = parseCommandLine(process.argv.slice(2), {
    usage: USAGE,
    options: { ...valueOptions("sizes", "runs", "parts", "query", "json"), ...switchOptions("quick") },
  });
  const parts = values.parts ? commaList(values.parts).map((p) => oneOf<Part>(p, "--parts", PARTS)!) : [...PARTS];
  const sizes = values.quick ? [1000] : commaList(values.sizes ?? "1000,5000,20000").map((n) => positiveInteger(n, "--sizes")!);
  const runs = values.quick ? 1 : (positiveInteger(values.runs, "--runs") ?? 3);
  if (parts.length === 0 || sizes.length === 0)
    throw new UsageError(`${parts.length ? "--sizes" : "--parts"} : au moins une valeur attendue`);

  const results = await runBench({
    sizes,
    resources: 300,
    feeds: 300,
    itemsPerFeed: 50,
    runs,
    parts,
    query: values.query ?? "laïcité",
    jsonFile: values.json ?? join("bench-results", `bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`),
    log: (line) => console.error(line),
  });
  console.log(`\n${formatTable(results)}`);
  return 0;
});
