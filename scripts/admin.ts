/**
 * `npm run admin`: the site and its editor, locally, against the working copy.
 * Eleventy serves the site on PORT (default 8080) and rebuilds it at each change; decap-server,
 * on PORT + 1, lets the editor at /admin/ read and write the files of this folder. Ctrl+C stops both.
 */
import { spawn } from "node:child_process";
import { commandLineOrExit } from "../src/core/cli-args.ts";
import { startProxy, stopProcess } from "../src/site/editor/proxy.ts";

const USAGE = `Usage : npm run admin
Sert le site et son éditeur (/admin/) à partir de ce dossier, jusqu'à Ctrl+C.
Le port se choisit par la variable PORT (défaut 8080 ; l'éditeur enregistre par PORT + 1) :
  PORT=3000 npm run admin`;
commandLineOrExit(process.argv.slice(2), { usage: USAGE, options: {} });

const port = Number(process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 1 || port > 65534) {
  console.error(`PORT invalide : « ${process.env.PORT} » (un nombre entre 1 et 65534 attendu).`);
  process.exit(1);
}
const proxyPort = port + 1;

const proxy = await startProxy(process.cwd(), proxyPort, "inherit");
const eleventy = spawn(
  process.execPath,
  ["--import", "tsx", "node_modules/@11ty/eleventy/cmd.cjs", "--config=eleventy.config.ts", "--serve", `--port=${port}`],
  { env: { ...process.env, DECAP_PROXY_PORT: String(proxyPort) }, stdio: "inherit" },
);
console.log(`\nÉditeur : http://localhost:${port}/admin/ (enregistre dans ${process.cwd()})\nSite : http://localhost:${port}/\nCtrl+C pour arrêter.\n`);

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
