import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { once } from "node:events";
import { createServer, type AddressInfo } from "node:net";
import { startGuard } from "./backend-guard.ts";
import { LOOPBACK_HOST } from "./loopback.ts";

const require = createRequire(import.meta.url);

export interface RunningProcess {
  child: ChildProcess;
  /** Stops the process (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
}

export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = once(child, "exit").then(() => undefined);
  child.kill("SIGTERM");
  return exited;
}

/** A port free on 127.0.0.1 right now, chosen by the system. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, LOOPBACK_HOST, () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface ProxyOptions {
  output?: "inherit" | "ignore";
  /** The site serving /admin/, whose pages may call the backend (default: http://localhost:`port - 1`, as `npm run admin` serves it). */
  siteOrigins?: readonly string[];
}

/**
 * Starts the editor's local backend on 127.0.0.1:`port`: decap-server, reading and writing the
 * files of `root` directly (its `fs` mode: nothing is committed, the maintainer sees the changes in
 * the working copy), on a port of its own that only the guard in front of it uses
 * (src/site/editor/backend-guard.ts: content, `.yaml` data and media files only, from the site's
 * pages only). Resolves once both listen; rejects with the listening error (EADDRINUSE…) otherwise.
 */
/** An origin no browser page has: decap-server's CORS answers only it, the guard answers the site. */
const NO_BROWSER_ORIGIN = "http://backend-guard.invalid";

export async function startProxy(
  root: string,
  port: number,
  { output = "ignore", siteOrigins }: ProxyOptions = {},
): Promise<RunningProcess & { backendPort: number }> {
  const origins = siteOrigins ?? [`http://localhost:${port - 1}`, `http://127.0.0.1:${port - 1}`];
  const backendPort = await freePort();
  // The guard first: the port the editor knows is the one that can be taken.
  const guard = await startGuard({ root, port, backendPort, origins });
  const child = spawn(process.execPath, [require.resolve("decap-server/dist/index.js")], {
    env: {
      ...process.env,
      PORT: String(backendPort),
      BIND_HOST: LOOPBACK_HOST,
      MODE: "fs",
      GIT_REPO_DIRECTORY: root,
      LOG_LEVEL: "info",
      ORIGIN: NO_BROWSER_ORIGIN,
    },
    stdio: ["ignore", "pipe", output === "inherit" ? "inherit" : "pipe"],
  });
  const started = new Promise<void>((resolve, reject) => {
    let seen = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      if (output === "inherit") process.stdout.write(chunk);
      seen += chunk.toString();
      if (seen.includes("listening on")) resolve();
    });
    child.stderr?.resume();
    child.once("exit", (code) => reject(new Error(`decap-server s'est arrêté (code ${code}) : ${seen.trim()}`)));
  });
  try {
    await started;
  } catch (error) {
    await guard.stop();
    throw error;
  }
  return { child, backendPort, stop: async () => void (await Promise.all([guard.stop(), stopProcess(child)])) };
}
