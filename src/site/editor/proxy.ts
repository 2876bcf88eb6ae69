import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { once } from "node:events";

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

/**
 * Starts `decap-server` (the editor's local backend) on 127.0.0.1:`port`, reading and writing the
 * files of `root` directly (its `fs` mode: nothing is committed, the maintainer sees the changes
 * in the working copy). Resolves once it listens.
 */
export async function startProxy(root: string, port: number, output: "inherit" | "ignore" = "ignore"): Promise<RunningProcess> {
  const child = spawn(process.execPath, [require.resolve("decap-server/dist/index.js")], {
    env: { ...process.env, PORT: String(port), BIND_HOST: "127.0.0.1", MODE: "fs", GIT_REPO_DIRECTORY: root, LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", output === "inherit" ? "inherit" : "pipe"],
  });
  await new Promise<void>((resolve, reject) => {
    let seen = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      if (output === "inherit") process.stdout.write(chunk);
      seen += chunk.toString();
      if (seen.includes("listening on")) resolve();
    });
    child.stderr?.resume();
    child.once("exit", (code) => reject(new Error(`decap-server s'est arrêté (code ${code}) : ${seen.trim()}`)));
  });
  return { child, stop: () => stopProcess(child) };
}
