import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFile, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { connect, createServer, type Server } from "node:net";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../src/site/editor/proxy.ts";
import { persistEntry, postToBackend } from "../support/editor-backend.ts";
import { prepareSite } from "../support/site-build.ts";

/**
 * `npm start` and `npm run admin` as a maintainer runs them, in a temporary copy of the site, on
 * ports chosen free: where they listen, what they answer, what they see of a saved data file, and
 * what they say when a port is taken.
 */

const SLOW = 120_000;

interface Session {
  child: ChildProcess;
  output(): string;
  waitFor(pattern: RegExp, timeout?: number): Promise<void>;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** Runs `npm run <script>` in `root` with PORT=`port`, in its own process group (stopped as a whole). */
function run(root: string, script: string, port: number): Session {
  const child = spawn("npm", ["run", "--silent", script], {
    cwd: root,
    env: { ...process.env, PORT: String(port) },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout!.on("data", (chunk) => (text += chunk));
  child.stderr!.on("data", (chunk) => (text += chunk));
  const exited = once(child, "exit").then(([code]) => code as number | null);
  return {
    child,
    output: () => text,
    exited,
    async waitFor(pattern, timeout = SLOW) {
      const deadline = Date.now() + timeout;
      while (!pattern.test(text)) {
        if (child.exitCode !== null) throw new Error(`npm run ${script} s'est arrêté :\n${text}`);
        if (Date.now() > deadline) throw new Error(`pas de ${pattern} après ${timeout} ms :\n${text}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      process.kill(-child.pid!, "SIGTERM");
      await exited;
    },
  };
}

/** A port p free on 127.0.0.1 with p + 1 free too (`npm run admin` uses both). */
async function freePair(): Promise<number> {
  for (;;) {
    const port = await freePort();
    const next = createServer();
    const free = await new Promise<boolean>((resolve) => {
      next.once("error", () => resolve(false));
      next.listen(port + 1, "127.0.0.1", () => next.close(() => resolve(true)));
    });
    if (free && port < 65534) return port;
  }
}

function occupy(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

function get(host: string, port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path, headers, timeout: 8000 }, (res) => {
      let text = "";
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, text }));
    });
    req.on("timeout", () => req.destroy(new Error(`pas de réponse de ${host}:${port}${path}`)));
    req.on("error", reject);
    req.end();
  });
}

/** Whether something answers a TCP connection on `host`:`port`. */
function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 3000 });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
  });
}

/** Local addresses of the sockets listening on `port`, from `ss` (the red team's evidence). */
function listeningAddresses(port: number): string[] {
  const lines = execFileSync("ss", ["-ltnH", `sport = :${port}`], { encoding: "utf8" })
    .trim()
    .split("\n")
    .filter(Boolean);
  return lines.map((line) => line.trim().split(/\s+/)[3]!);
}

const OTHER_ADDRESSES = [
  ...Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && !a.internal && !a.address.startsWith("fe80"))
    .map((a) => a!.address),
  "::1",
];

const title = async (port: number) => /<title>([^<]*)/.exec((await get("127.0.0.1", port, "/")).text)?.[1];

let root: string;

/** Runs `npm run <script>` during the tests of the enclosing `describe`; the function gives its port. */
function serving(script: string, choosePort: () => Promise<number>): () => number {
  let port = 0;
  let session: Session | undefined;
  beforeAll(async () => {
    port = await choosePort();
    session = run(root, script, port);
    await session.waitFor(/Server at/);
  }, SLOW);
  afterAll(async () => {
    await session?.stop();
  });
  return () => port;
}

beforeAll(async () => {
  root = await prepareSite();
}, SLOW);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe("npm start", () => {
  const port = serving("start", freePort);

  it("listens on 127.0.0.1 only, not on the machine's other addresses", async () => {
    expect(listeningAddresses(port())).toEqual([`127.0.0.1:${port()}`]);
    expect(await answers("127.0.0.1", port())).toBe(true);
    for (const address of OTHER_ADDRESSES) expect(await answers(address, port()), address).toBe(false);
  });

  it("answers an encoded ../ instead of hanging, and serves nothing outside the site", async () => {
    for (const path of ["/%2e%2e%2fpackage.json", "/..%2f..%2f..%2fetc%2fpasswd"]) {
      const answer = await get("127.0.0.1", port(), path);
      expect(answer.status, path).toBe(400);
      expect(answer.text).not.toContain('"name"');
    }
    expect((await get("127.0.0.1", port(), "/")).status).toBe(200);
  });

  it(
    "shows a change to _data/site.yaml without a restart",
    async () => {
      const file = join(root, "_data/site.yaml");
      const before = await readFile(file, "utf8");
      await writeFile(file, before.replace(/^name: .*$/m, "name: NOM-CHANGE-EN-DIRECT"));
      try {
        await expect.poll(() => title(port()), { timeout: 60_000, interval: 500 }).toContain("NOM-CHANGE-EN-DIRECT");
      } finally {
        await writeFile(file, before);
      }
    },
    SLOW,
  );

  it(
    "says in French that its port is taken, without a stack trace",
    async () => {
      const second = run(root, "start", port());
      expect(await second.exited).not.toBe(0);
      expect(second.output()).toContain(`Le port ${port()} est déjà pris`);
      expect(second.output()).not.toMatch(/^\s+at /m);
    },
    SLOW,
  );
});

describe("npm run admin", () => {
  const port = serving("admin", freePair);

  it("listens on 127.0.0.1 only, for the site and for the editor's backend", async () => {
    expect(listeningAddresses(port())).toEqual([`127.0.0.1:${port()}`]);
    expect(listeningAddresses(port() + 1)).toEqual([`127.0.0.1:${port() + 1}`]);
    for (const address of OTHER_ADDRESSES) {
      expect(await answers(address, port()), address).toBe(false);
      expect(await answers(address, port() + 1), address).toBe(false);
    }
  });

  it(
    "shows data files saved through the editor's backend without a restart",
    async () => {
      const site = await readFile(join(root, "_data/site.yaml"), "utf8");
      const themes = await readFile(join(root, "_data/themeCatalog.yaml"), "utf8");
      const label = /^\s*label: (.*)$/m.exec(themes)![1]!;
      const save = async (path: string, raw: string) =>
        (await postToBackend(port() + 1, persistEntry(path, raw), { origin: `http://127.0.0.1:${port()}` })).status;
      try {
        expect(await save("_data/site.yaml", site.replace(/^name: .*$/m, "name: NOM-ENREGISTRE"))).toBe(200);
        expect(await save("_data/themeCatalog.yaml", themes.replace(`label: ${label}`, "label: THEME-ENREGISTRE"))).toBe(200);
        await expect.poll(() => title(port()), { timeout: 60_000, interval: 500 }).toContain("NOM-ENREGISTRE");
        await expect
          .poll(async () => (await get("127.0.0.1", port(), "/themes/")).text, { timeout: 60_000, interval: 500 })
          .toContain("THEME-ENREGISTRE");
      } finally {
        await writeFile(join(root, "_data/site.yaml"), site);
        await writeFile(join(root, "_data/themeCatalog.yaml"), themes);
      }
    },
    SLOW,
  );
});

describe("npm run admin with a port taken", () => {
  it.each([
    ["the site's port", 0],
    ["the editor's port", 1],
  ])(
    "says in French that %s is taken, without a stack trace",
    async (_, offset) => {
      const port = await freePair();
      const blocker = await occupy(port + offset);
      try {
        const session = run(root, "admin", port);
        expect(await session.exited).toBe(1);
        expect(session.output()).toContain(`Le port ${port + offset} est déjà pris`);
        expect(session.output()).toContain(`PORT=${port + 2} npm run admin`);
        expect(session.output()).not.toMatch(/^\s+at /m);
        expect(await answers("127.0.0.1", offset === 0 ? port + 1 : port)).toBe(false);
      } finally {
        blocker.close();
      }
    },
    SLOW,
  );
});
