/**
 * A guard in front of decap-server, the editor's local backend. decap-server writes anywhere in
 * the working copy (`.git/`, `.github/workflows/`, `node_modules/`, a `_data/*.cjs` that the
 * running Eleventy then executes) and answers any Host and any localhost origin. The guard is the
 * only thing the editor talks to: it listens on 127.0.0.1, accepts only its own Host and the
 * site's Origin, and forwards only the actions the editor uses on the files it edits (content
 * files, the YAML data files, the media folder). Everything else gets a 403 with a French message
 * in decap's error shape (`{ "error": "…" }`), which the editor shows as it is.
 *
 * Built on node:http alone: the checks are on a small JSON body, and forwarding one request to
 * one local server needs no proxy library.
 */
import { lstatSync, realpathSync } from "node:fs";
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { once } from "node:events";
import { join } from "node:path";
import { CONTENT_DIR, DATA_FILES, MEDIA_DIR } from "../../core/paths.ts";
import { LOOPBACK_HOST } from "./loopback.ts";
import { CONTENT_TYPES, typeOfFile, type ContentType } from "../content/content-types.ts";

/**
 * Media kinds a maintainer may upload. No HTML, SVG or script: the folder is published on the
 * site's own origin, where such a file would run as the site.
 */
const MEDIA_EXTENSIONS = new Set([
  "png",
  "jpg",
  "jpeg",
  "gif",
  "webp",
  "avif",
  "pdf",
  "odt",
  "ods",
  "odp",
  "doc",
  "docx",
  "xls",
  "xlsx",
  "ppt",
  "pptx",
  "txt",
  "csv",
]);

/** decap-server caps JSON bodies at 50 MB (express.json); the guard reads no more. */
const MAX_BODY = 50 * 1024 * 1024;

const EDITABLE_DATA = new Set<string>(Object.values(DATA_FILES).filter((file) => file.endsWith(".yaml")));

export class Refusal extends Error {}

/**
 * A path as the editor sends it, checked and normalised: relative, `/`-separated, no `..`, no
 * backslash, no percent-encoding, no control character. Throws a Refusal naming it otherwise.
 */
export function cleanPath(value: unknown): string {
  if (typeof value !== "string" || value === "")
    throw new Refusal(`chemin manquant ou illisible : ${JSON.stringify(value) ?? String(value)}`);
  const refuse = (why: string) => new Refusal(`chemin refusé : « ${value} » (${why})`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\\%]/.test(value)) throw refuse("caractère interdit");
  if (value.startsWith("/") || /^[a-z]:/i.test(value)) throw refuse("chemin absolu");
  const parts = value.split("/").filter((part) => part !== "" && part !== ".");
  if (parts.includes("..")) throw refuse("remontée de dossier");
  if (parts.length === 0) throw refuse("chemin vide");
  return parts.join("/");
}

function contentTypeOfFolder(folder: string, types: readonly ContentType[]): ContentType | undefined {
  const parts = folder.split("/");
  if (parts[0] !== CONTENT_DIR) return undefined;
  return typeOfFile({ folders: parts.slice(1), stem: "", slug: "" }, types);
}

export type PathKind = "content" | "data" | "media";

/** What a clean path is for the editor: a content file, a data file, a media file; undefined for anything else. */
export function kindOf(path: string, types: readonly ContentType[] = CONTENT_TYPES): PathKind | undefined {
  if (EDITABLE_DATA.has(path)) return "data";
  const slash = path.lastIndexOf("/");
  const folder = slash === -1 ? "" : path.slice(0, slash);
  const name = path.slice(slash + 1);
  const extension = name.includes(".") ? name.slice(name.lastIndexOf(".") + 1).toLowerCase() : "";
  if (name.startsWith(".")) return undefined;
  if (extension === "md" && contentTypeOfFolder(folder, types)) return "content";
  if (folder === MEDIA_DIR && MEDIA_EXTENSIONS.has(extension)) return "media";
  return undefined;
}

/**
 * Refuses a path that leaves `root` through a symbolic link: every part of it that exists must be
 * a real folder or file, not a link (the allowed folders are real folders of the working copy).
 */
function refuseLinks(root: string, path: string): void {
  let current = root;
  for (const part of path.split("/")) {
    current = join(current, part);
    let stat;
    try {
      stat = lstatSync(current);
    } catch {
      return; // Not there yet: it will be created inside what was checked so far.
    }
    if (stat.isSymbolicLink()) throw new Refusal(`chemin refusé : « ${path} » (passe par un lien symbolique)`);
  }
}

/** The paths named by one request body of decap-server's fs API, each with the kinds allowed there. */
function pathsOf(body: Record<string, unknown>): { value: unknown; kinds: readonly PathKind[] }[] {
  const params = (body.params ?? {}) as Record<string, any>;
  const any: PathKind[] = ["content", "data", "media"];
  switch (body.action) {
    case "info":
    case "getDeployPreview":
      return [];
    case "entriesByFolder":
      return [{ value: params.folder, kinds: [] }];
    case "entriesByFiles":
      return (Array.isArray(params.files) ? params.files : [undefined]).map((file: any) => ({ value: file?.path, kinds: any }));
    case "getEntry":
      return [{ value: params.path, kinds: any }];
    case "persistEntry": {
      const dataFiles: any[] = Array.isArray(params.dataFiles) ? params.dataFiles : [params.entry];
      const assets: any[] = Array.isArray(params.assets) ? params.assets : [];
      return [
        ...dataFiles.flatMap((file) => [
          { value: file?.path, kinds: ["content", "data"] as PathKind[] },
          ...(file?.newPath === undefined ? [] : [{ value: file.newPath, kinds: ["content"] as PathKind[] }]),
        ]),
        ...assets.map((asset) => ({ value: asset?.path, kinds: ["media"] as PathKind[] })),
      ];
    }
    case "getMedia":
      return [{ value: params.mediaFolder, kinds: [] }];
    case "getMediaFile":
      return [{ value: params.path, kinds: ["media"] }];
    case "persistMedia":
      return [{ value: params.asset?.path, kinds: ["media"] }];
    case "deleteFile":
      return [{ value: params.path, kinds: ["content", "media"] }];
    case "deleteFiles":
      return (Array.isArray(params.paths) ? params.paths : [undefined]).map((value: unknown) => ({
        value,
        kinds: ["content", "media"] as PathKind[],
      }));
    default:
      throw new Refusal(`action inconnue de l'éditeur : « ${String(body.action)} »`);
  }
}

/**
 * Checks one request body of decap-server's fs API against what the editor may touch in `root`.
 * Throws a Refusal with a French message on the first path out of bounds.
 */
export function checkBody(body: unknown, root: string, types: readonly ContentType[] = CONTENT_TYPES): void {
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new Refusal("demande illisible");
  const record = body as Record<string, unknown>;
  for (const { value, kinds } of pathsOf(record)) {
    const path = cleanPath(value);
    if (record.action === "entriesByFolder") {
      const extension = (record.params as Record<string, unknown>).extension;
      if (!contentTypeOfFolder(path, types) || extension !== "md")
        throw new Refusal(`dossier refusé : « ${path} » (ce n'est pas un dossier de contenu)`);
    } else if (record.action === "getMedia") {
      if (path !== MEDIA_DIR) throw new Refusal(`dossier refusé : « ${path} » (ce n'est pas le dossier des fichiers joints)`);
    } else {
      const kind = kindOf(path, types);
      if (!kind || !kinds.includes(kind))
        throw new Refusal(
          `fichier refusé : « ${path} » (l'éditeur ne modifie que les contenus, les réglages .yaml et les fichiers joints)`,
        );
    }
    refuseLinks(root, path);
  }
}

export interface GuardOptions {
  /** The working copy decap-server reads and writes. */
  root: string;
  /** Where the guard listens, on 127.0.0.1. */
  port: number;
  /** decap-server's own port, on 127.0.0.1. */
  backendPort: number;
  /** Origins allowed to call the guard from a browser: the site that serves /admin/. */
  origins: readonly string[];
  types?: readonly ContentType[];
}

export interface Guard {
  server: Server;
  stop(): Promise<void>;
}

function refuse(res: ServerResponse, status: number, message: string): void {
  const body = JSON.stringify({ error: message });
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Refusal("demande trop grosse (50 Mo au plus)"));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function forward(req: IncomingMessage, res: ServerResponse, backendPort: number, body?: Buffer): void {
  const headers = { ...req.headers, host: `${LOOPBACK_HOST}:${backendPort}` };
  if (body) headers["content-length"] = String(body.length);
  const upstream = request({ host: LOOPBACK_HOST, port: backendPort, method: req.method, path: req.url, headers }, (answer) => {
    // decap-server allows no browser origin (proxy.ts sets its ORIGIN to one no page has): the
    // guard allows the site's, already checked, so a page that finds decap-server's own port gets nothing.
    const allowed = req.headers.origin ? { "access-control-allow-origin": req.headers.origin, vary: "Origin" } : {};
    res.writeHead(answer.statusCode ?? 502, { ...answer.headers, ...allowed });
    answer.pipe(res);
  });
  upstream.on("error", () => {
    if (!res.headersSent) refuse(res, 502, "le serveur local de l'éditeur (decap-server) ne répond pas");
    else res.destroy();
  });
  upstream.end(body);
}

/** Starts the guard on 127.0.0.1:`port`; resolves once it listens. */
export async function startGuard({ root, port, backendPort, origins, types = CONTENT_TYPES }: GuardOptions): Promise<Guard> {
  const realRoot = realpathSync(root);
  const hosts = new Set([`${LOOPBACK_HOST}:${port}`, `localhost:${port}`]);
  const allowedOrigins = new Set(origins.map((origin) => new URL(origin).origin));
  const server = createServer(async (req, res) => {
    const host = (req.headers.host ?? "").toLowerCase();
    if (!hosts.has(host))
      return refuse(res, 403, `adresse refusée : l'éditeur local ne répond qu'à http://127.0.0.1:${port} (reçu « ${host} »)`);
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin))
      return refuse(
        res,
        403,
        `page refusée : seul le site local (${[...allowedOrigins].join(", ")}) peut utiliser l'éditeur (reçu « ${origin} »)`,
      );
    const url = req.url ?? "";
    if (url !== "/api/v1") return refuse(res, 404, `adresse inconnue de l'éditeur local : « ${url} »`);
    if (req.method === "OPTIONS") return forward(req, res, backendPort);
    if (req.method !== "POST") return refuse(res, 405, "l'éditeur local n'accepte que des envois (POST)");
    try {
      const body = await readBody(req);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString("utf8"));
      } catch {
        throw new Refusal("demande illisible (JSON attendu)");
      }
      checkBody(parsed, realRoot, types);
      forward(req, res, backendPort, body);
    } catch (error) {
      if (error instanceof Refusal) refuse(res, 403, error.message);
      else refuse(res, 500, "erreur inattendue de l'éditeur local");
    }
  });
  server.listen(port, LOOPBACK_HOST);
  await Promise.race([once(server, "listening"), once(server, "error").then(([error]) => Promise.reject(error))]);
  return {
    server,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
