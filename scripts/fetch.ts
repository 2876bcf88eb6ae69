// `npm run fetch`: one ingest run over the source registry. See src/ingest/cli.ts.
import { crashMessage, FETCH_EXIT, main } from "../src/ingest/cli.ts";

// Node exits 1 on an uncaught error, the code of an invalid registry: a crash must say it is one.
for (const event of ["uncaughtException", "unhandledRejection"] as const) {
  process.on(event, (error) => {
    process.stderr.write(crashMessage(error));
    process.exit(FETCH_EXIT.crash);
  });
}

process.exitCode = await main(process.argv.slice(2));
