/**
 * Loaded before Eleventy (`node --import`) by `npm start` and `npm run admin`: the preview server
 * (@11ty/eleventy-dev-server 2.1.2) then listens on 127.0.0.1 only, answers a path it refuses
 * instead of hanging, and says in French when its port is taken instead of moving to the next one.
 *
 * The dev server has no option for its address (11ty/dev-server#128: `_serverListen` passes only
 * the port, so it listens on every interface and shows the working copy, drafts included, to the
 * local network). Eleventy imports the same module instance, so adjusting its prototype here,
 * before any server is made, is enough; tests/admin/preview-server.test.ts checks it on each update.
 */
import { createRequire } from "node:module";
import { LOOPBACK_HOST } from "./loopback.ts";

const require = createRequire(import.meta.url);
const DevServer = require("@11ty/eleventy-dev-server") as { prototype: Record<string, any> };
const proto = DevServer.prototype;

if (typeof proto._serverListen !== "function" || typeof proto.onRequestHandler !== "function") {
  throw new Error("@11ty/eleventy-dev-server a changé : src/site/editor/loopback-preview.ts ne sait plus limiter l'aperçu à 127.0.0.1.");
}

const FIRST_PORT = Symbol("first port");

proto._serverListen = function (this: Record<PropertyKey, any>, port: number): void {
  const server = this.server; // Made on first use, with the dev server's own error handler.
  if (this[FIRST_PORT] === undefined) {
    this[FIRST_PORT] = port;
    // Before the dev server's handler, which would move to the next port: the editor and the
    // maintainer expect the site at the port they gave.
    server.prependListener("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EADDRINUSE") return;
      const script = process.env.npm_lifecycle_event;
      const command = script && script !== "start" ? `npm run ${script}` : "npm start";
      console.error(
        `\nLe port ${port} est déjà pris sur cette machine (un autre « npm start » ou « npm run admin » tourne peut-être encore).\n` +
          `Arrêtez-le, ou choisissez un autre port : PORT=${port + 2} ${command}`,
      );
      process.exit(1);
    });
  }
  server.listen({ port, host: LOOPBACK_HOST });
};

const handle = proto.onRequestHandler as (req: any, res: any) => Promise<void>;
proto.onRequestHandler = async function (this: unknown, req: any, res: any): Promise<void> {
  try {
    await handle.call(this, req, res);
  } catch {
    // An encoded `../` (`%2e%2e%2f`) makes the dev server throw « Invalid path » with no answer sent.
    if (res.headersSent) res.destroy();
    else {
      res.statusCode = 400;
      res.setHeader("Content-Type", "text/plain; charset=utf-8");
      res.end("Adresse refusée.");
    }
  }
};
