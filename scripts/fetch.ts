// `npm run fetch`: one ingest run over the source registry. See src/ingest/cli.ts.
import { main } from "../src/ingest/cli.ts";

process.exitCode = await main(process.argv.slice(2));
