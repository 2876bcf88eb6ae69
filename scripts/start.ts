/**
 * `npm start`: the site on http://127.0.0.1:PORT (default 8080), rebuilt at each change, until Ctrl+C.
 * Eleventy's command line comes from src/site/build.ts, as for `npm run build` and `npm run admin`.
 */
import { portFromEnv, spawnEleventy } from "../src/site/build.ts";

const port = portFromEnv(process.env.PORT, 8080) ?? process.exit(1);
const eleventy = spawnEleventy(process.argv.slice(2), { serve: { port } });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => eleventy.kill(signal));
eleventy.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
