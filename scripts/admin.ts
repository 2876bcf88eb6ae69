/**
 * `npm run admin`: the site and its editor, locally, against the working copy.
 * Eleventy serves the site on 127.0.0.1:PORT (default 8080) and rebuilds it at each change; on
 * 127.0.0.1:PORT + 1, decap-server behind its guard (src/site/editor/backend-guard.ts) lets the
 * editor at /admin/ read and write the content, data and media files of this folder, and nothing
 * else. A port already taken is said in French before anything starts. Ctrl+C stops both.
 */
import { createServer } from "node:net";
import { commandLineOrExit } from "../src/core/cli-args.ts";
import { portFromEnv, spawnEleventy } from "../src/site/build.ts";
import { LOOPBACK_HOST } from "../src/site/editor/loopback.ts";
import { startProxy, stopProcess } from "../src/site/editor/proxy.ts";

const USAGE = `Usage : npm run admin
Sert le site et son éditeur (/admin/) à partir de ce dossier, jusqu'à Ctrl+C.
Le port se choisit par la variable PORT (défaut 8080 ; l'éditeur enregistre par PORT + 1) :
  PORT=3000 npm run admin`;
commandLineOrExit(process.argv.slice(2), { usage: USAGE, options: {} });

const port = portFromEnv(process.env.PORT, 8080, 65534) ?? process.exit(1);
const proxyPort = port + 1;

/** Why the editor cannot start, in the maintainer's words, when one of its two ports is taken. */
function portTaken(taken: number): never {
  console.error(
    `\nLe port ${taken} est déjà pris sur cette machine : l'éditeur a besoin des ports ${port} (le site) et ${proxyPort} (l'enregistrement).\n` +
      `Un autre « npm run admin » ou « npm start » tourne peut-être encore : arrêtez-le, ou choisissez d'autres ports, par exemple :\n  PORT=${port + 2} npm run admin`,
  );
  process.exit(1);
}

// The site's port first: Eleventy would say it is taken only once decap-server is up.
await new Promise<void>((resolve) => {
  const probe = createServer();
  probe.once("error", (error: NodeJS.ErrnoException) => (error.code === "EADDRINUSE" ? portTaken(port) : resolve()));
  probe.listen(port, LOOPBACK_HOST, () => probe.close(() => resolve()));
});
const proxy = await startProxy(process.cwd(), proxyPort, { output: "inherit" }).catch((error: NodeJS.ErrnoException) => {
  if (error.code === "EADDRINUSE") portTaken(proxyPort);
  console.error(`L'éditeur ne peut pas démarrer : ${error.message}`);
  process.exit(1);
});
const eleventy = spawnEleventy([], { serve: { port }, env: { ...process.env, DECAP_PROXY_PORT: String(proxyPort) } });
console.log(
  `\nÉditeur : http://${LOOPBACK_HOST}:${port}/admin/ (enregistre dans ${process.cwd()})\nSite : http://${LOOPBACK_HOST}:${port}/\nCtrl+C pour arrêter.\n`,
);

let stopping = false;
async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await Promise.all([stopProcess(eleventy), proxy.stop()]);
  }
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
// One of the two stopping on its own stops the other: a half-working editor would mislead.
eleventy.on("exit", (code) => void stop(code ?? 1));
proxy.child.on("exit", (code) => {
  if (!stopping) console.error("decap-server s'est arrêté : l'éditeur ne peut plus enregistrer.");
  void stop(code ?? 1);
});
