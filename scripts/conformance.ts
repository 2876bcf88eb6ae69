// `npm run conformance -- <corpus dir>`: scores the pipeline on a feedparser-style corpus. See src/ingest/conformance.ts.
import { formatConformance, runConformance } from "../src/ingest/conformance.ts";

const dir = process.argv[2];
if (!dir) {
  process.stderr.write("Usage : npm run conformance -- <dossier du corpus, ex. ../shared/corpus/feedparser>\n");
  process.exitCode = 1;
} else {
  process.stdout.write(formatConformance(await runConformance(dir)));
}
