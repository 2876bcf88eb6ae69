/**
 * Fetcher: one source's feed URL to bytes, or a typed failure with a French reason.
 *
 * Written on undici's low-level `request` rather than `fetch` so that every hop is in our hands:
 * redirects are followed one by one and re-checked, decompression is ours (the body cap counts
 * decompressed bytes, so a gzip bomb stops at the cap), and the address check runs inside the
 * socket's own DNS lookup, so a name cannot resolve to a public address for a check and to a
 * private one for the connection.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { isIP } from "node:net";
import type { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import ipaddr from "ipaddr.js";
import { Agent, buildConnector, request } from "undici";

export interface HttpOptions {
  userAgent: string;
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** Host names (or IP literals) let through although they resolve to a refused address. */
  allowHosts: readonly string[];
}

export interface Validators {
  etag?: string;
  lastModified?: string;
}

export interface Redirect {
  from: string;
  to: string;
  status: number;
}

interface FetchedBase {
  /** The URL that finally answered. */
  url: string;
  redirects: Redirect[];
  /** Where the registry URL permanently moved (301/308 from the first hop on), if it did. */
  movedTo?: string;
}
export type FetchResult =
  | (FetchedBase & { kind: "fetched"; contentType?: string; body: Buffer; validators: Validators })
  | (FetchedBase & { kind: "not-modified" });

export type FetchErrorCode =
  | "refused-host"
  | "bad-redirect"
  | "redirect-loop"
  | "too-many-redirects"
  | "timeout"
  | "deadline"
  | "network"
  | "too-large"
  | "bad-encoding"
  | "http"
  | "gone"
  | "throttled";

export class FetchError extends Error {
  constructor(
    readonly code: FetchErrorCode,
    message: string,
    readonly status?: number,
    readonly retryAfter?: Date,
  ) {
    super(message);
    this.name = "FetchError";
  }
}

const ACCEPT =
  "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.1";
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_RETRY_AFTER_MS = 7 * 24 * 3600 * 1000;

/** Anything but plain public unicast (loopback, private, link-local, unspecified, CGNAT, ...). */
function isRefusedAddress(address: string): boolean {
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() !== "unicast";
}

function bareHost(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, "").toLowerCase();
}

export function refusedHost(host: string, address: string): FetchError {
  return new FetchError(
    "refused-host",
    `hôte « ${host} » refusé : il pointe vers une adresse interne (${address}) ; à autoriser avec --allow-host si c'est voulu`,
  );
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for net.connect that refuses internal addresses unless the host is allowed. */
function guardedLookup(allowed: ReadonlySet<string>) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const host = bareHost(hostname);
      const refused = allowed.has(host) ? undefined : addresses.find((a) => isRefusedAddress(a.address));
      if (refused) return callback(refusedHost(host, refused.address) as unknown as NodeJS.ErrnoException, []);
      if (options.all) return callback(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

function parseRetryAfter(value: string | undefined, now: Date): Date | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now.getTime();
  if (!Number.isFinite(ms)) return undefined;
  return new Date(now.getTime() + Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS));
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function decompressors(contentEncoding: string | undefined): Transform[] {
  const codings = (contentEncoding ?? "")
    .split(",")
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== "identity");
  // Codings are listed in the order they were applied: undo them from the last one.
  return codings.reverse().map((coding) => {
    switch (coding) {
      case "gzip":
      case "x-gzip":
        return zlib.createGunzip();
      case "deflate":
        return zlib.createInflate();
      case "br":
        return zlib.createBrotliDecompress();
      default:
        throw new FetchError("bad-encoding", `compression « ${coding} » non prise en charge`);
    }
  });
}

async function readCapped(body: Readable, contentEncoding: string | undefined, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Kept aside: tearing the pipeline down may surface as another error (an abort) first.
  let overflow: FetchError | undefined;
  const sink = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > maxBytes) {
        overflow = new FetchError("too-large", `réponse trop volumineuse (plus de ${formatBytes(maxBytes)} une fois décompressée)`);
        throw overflow;
      }
      chunks.push(chunk);
    }
  };
  const stages = decompressors(contentEncoding);
  try {
    await (pipeline as (...streams: unknown[]) => Promise<void>)(body, ...stages, sink);
  } catch (error) {
    if (overflow) throw overflow;
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("Z_")) throw new FetchError("bad-encoding", "contenu compressé illisible");
    throw error;
  }
  return Buffer.concat(chunks);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} Mio` : `${Math.round(bytes / 1024)} Kio`;
}

function httpFailure(status: number): FetchError {
  const hint = status === 404 ? " (adresse introuvable)" : status === 403 ? " (accès refusé)" : status >= 500 ? " (erreur du serveur)" : "";
  return new FetchError("http", `le serveur a répondu ${status}${hint}`, status);
}

function findCause(error: unknown): unknown {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof FetchError) return e;
  }
  return undefined;
}

/** Turns whatever undici, zlib or the abort signals threw into a FetchError a maintainer can read. */
function explain(error: unknown, runSignal: AbortSignal | undefined, options: HttpOptions): FetchError {
  const known = findCause(error);
  if (known instanceof FetchError) return known;
  if (runSignal?.aborted) return new FetchError("deadline", "délai global de la collecte dépassé avant la fin de cette source");
  const codes = [(error as { code?: unknown }).code, (error as { cause?: { code?: unknown } }).cause?.code];
  const code = codes.find((c): c is string => typeof c === "string");
  const name = (error as { name?: string }).name;
  if (code === "UND_ERR_CONNECT_TIMEOUT") return new FetchError("timeout", `connexion impossible en ${options.connectTimeoutMs / 1000} s`);
  if (
    name === "TimeoutError" ||
    name === "AbortError" ||
    code === "UND_ERR_HEADERS_TIMEOUT" ||
    code === "UND_ERR_BODY_TIMEOUT" ||
    code === "UND_ERR_ABORTED"
  ) {
    return new FetchError("timeout", `pas de réponse complète en ${options.totalTimeoutMs / 1000} s`);
  }
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return new FetchError("network", "nom de domaine introuvable");
  if (code === "ECONNREFUSED") return new FetchError("network", "connexion refusée par le serveur");
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET") return new FetchError("network", "connexion coupée par le serveur");
  if (code?.startsWith("ERR_TLS") || code?.includes("CERT"))
    return new FetchError("network", `certificat ou connexion sécurisée invalide (${code})`);
  return new FetchError("network", `erreur réseau${code ? ` (${code})` : ""} : ${(error as Error).message ?? String(error)}`);
}

export interface HttpClient {
  fetchFeed(url: string, validators: Validators, runSignal?: AbortSignal): Promise<FetchResult>;
  close(): Promise<void>;
}

/**
 * An undici dispatcher that refuses internal addresses unless their host is allowed: host names
 * are checked inside the socket's DNS lookup, IP literals (which never reach the lookup) before
 * connecting. The fetcher uses it, and so does `npm run check:links` (src/maintain/links.ts).
 */
export function createGuardedAgent(options: Pick<HttpOptions, "connectTimeoutMs" | "totalTimeoutMs" | "allowHosts">): Agent {
  const allowed = new Set(options.allowHosts.map(bareHost));
  const connector = buildConnector({ timeout: options.connectTimeoutMs, lookup: guardedLookup(allowed) });
  return new Agent({
    connect: (connectOptions, callback) => {
      const host = bareHost(connectOptions.hostname);
      if (isIP(host) && !allowed.has(host) && isRefusedAddress(host)) return callback(refusedHost(host, host), null);
      return connector(connectOptions, callback);
    },
    headersTimeout: options.totalTimeoutMs,
    bodyTimeout: options.totalTimeoutMs,
  });
}

export function createHttpClient(options: HttpOptions): HttpClient {
  const allowed = new Set(options.allowHosts.map(bareHost));
  const agent = createGuardedAgent(options);

  /** IP literals never reach the DNS lookup, so they are checked before connecting. */
  function checkUrl(url: URL): void {
    if (url.protocol !== "http:" && url.protocol !== "https:")
      throw new FetchError("bad-redirect", `redirection vers un protocole refusé (${url.protocol})`);
    const host = bareHost(url.hostname);
    if (isIP(host) && !allowed.has(host) && isRefusedAddress(host)) throw refusedHost(host, host);
  }

  async function fetchFeed(start: string, validators: Validators, runSignal?: AbortSignal): Promise<FetchResult> {
    const timeout = AbortSignal.timeout(options.totalTimeoutMs);
    const signal = runSignal ? AbortSignal.any([timeout, runSignal]) : timeout;
    const redirects: Redirect[] = [];
    const visited = new Set<string>();
    let movedTo: string | undefined;
    let current = new URL(start);
    try {
      for (;;) {
        checkUrl(current);
        visited.add(current.href);
        const headers: Record<string, string> = { "user-agent": options.userAgent, accept: ACCEPT, "accept-encoding": "gzip, deflate, br" };
        if (validators.etag) headers["if-none-match"] = validators.etag;
        if (validators.lastModified) headers["if-modified-since"] = validators.lastModified;
        const response = await request(current, { method: "GET", headers, signal, dispatcher: agent });
        const status = response.statusCode;
        const location = header(response.headers, "location");

        if (REDIRECT_STATUSES.has(status) && location) {
          await response.body.dump();
          let next: URL;
          try {
            next = new URL(location, current);
          } catch {
            throw new FetchError("bad-redirect", `redirection vers une adresse invalide (« ${location.slice(0, 200)} »)`);
          }
          redirects.push({ from: current.href, to: next.href, status });
          if (redirects.length === redirects.filter((r) => r.status === 301 || r.status === 308).length) movedTo = next.href;
          if (visited.has(next.href)) throw new FetchError("redirect-loop", `boucle de redirections (${current.href} → ${next.href})`);
          if (redirects.length > options.maxRedirects)
            throw new FetchError("too-many-redirects", `plus de ${options.maxRedirects} redirections`);
          current = next;
          continue;
        }
        const base = { url: current.href, redirects, ...(movedTo ? { movedTo } : {}) };
        if (status === 304) {
          await response.body.dump();
          return { kind: "not-modified", ...base };
        }
        if (status >= 200 && status < 300 && status !== 204) {
          const body = await readCapped(response.body, header(response.headers, "content-encoding"), options.maxBytes);
          const etag = header(response.headers, "etag");
          const lastModified = header(response.headers, "last-modified");
          const contentType = header(response.headers, "content-type");
          return {
            kind: "fetched",
            ...base,
            body,
            ...(contentType ? { contentType } : {}),
            validators: { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) },
          };
        }
        await response.body.dump();
        if (status === 410) throw new FetchError("gone", "le serveur indique que le flux a disparu définitivement (410)", status);
        if (status === 429 || status === 503) {
          const retryAfter = parseRetryAfter(header(response.headers, "retry-after"), new Date());
          if (retryAfter)
            throw new FetchError(
              "throttled",
              `le serveur demande d'attendre (${status}) jusqu'au ${retryAfter.toISOString()}`,
              status,
              retryAfter,
            );
        }
        throw httpFailure(status);
      }
    } catch (error) {
      throw explain(error, runSignal, options);
    }
  }

  return { fetchFeed, close: () => agent.destroy() };
}
