import { gzipSync, brotliCompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpClient, FetchError, type HttpClient, type HttpOptions } from "../../src/ingest/http.ts";
import { fixture, serve, startServer, type FeedServer } from "./support.ts";

const OPTIONS: HttpOptions = {
  userAgent: "VeilleTest/1.0 (+https://exemple.fr/)",
  connectTimeoutMs: 1000,
  totalTimeoutMs: 1000,
  maxBytes: 64 * 1024,
  maxRedirects: 5,
  allowHosts: ["127.0.0.1"],
};
const FEED = fixture("rss2-three-items.xml");

let server: FeedServer;
let client: HttpClient;

beforeAll(async () => {
  server = await startServer();
  client = createHttpClient(OPTIONS);
});
afterAll(async () => {
  await client.close();
  await server.close();
});

async function failure(path: string, http = client): Promise<FetchError> {
  const error = await http.fetchFeed(server.url(path), {}).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(FetchError);
  return error as FetchError;
}

describe("fetcher", () => {
  it("names the site in its User-Agent and asks for feeds, compressed", async () => {
    server.route("/headers", serve(FEED));
    await client.fetchFeed(server.url("/headers"), {});
    const { headers } = server.requests.find((r) => r.path === "/headers")!;
    expect(headers["user-agent"]).toBe(OPTIONS.userAgent);
    expect(headers.accept).toMatch(/application\/rss\+xml.*application\/atom\+xml.*application\/feed\+json/);
    expect(headers["accept-encoding"]).toBe("gzip, deflate, br");
  });

  it("sends the stored validators and reports 304 as not modified", async () => {
    server.route("/conditional", (req, res) => {
      if (req.headers["if-none-match"] === '"v1"' && req.headers["if-modified-since"] === "Sat, 21 Nov 2026 09:00:00 GMT")
        res.writeHead(304).end();
      else res.writeHead(200, { etag: '"v1"', "last-modified": "Sat, 21 Nov 2026 09:00:00 GMT" }).end(FEED);
    });
    const first = await client.fetchFeed(server.url("/conditional"), {});
    expect(first).toMatchObject({ kind: "fetched", validators: { etag: '"v1"', lastModified: "Sat, 21 Nov 2026 09:00:00 GMT" } });
    const second = await client.fetchFeed(server.url("/conditional"), first.kind === "fetched" ? first.validators : {});
    expect(second.kind).toBe("not-modified");
  });

  it("decompresses gzip and brotli", async () => {
    server.route("/gzip", serve(gzipSync(FEED), { "content-encoding": "gzip" }));
    server.route("/br", serve(brotliCompressSync(FEED), { "content-encoding": "br" }));
    for (const path of ["/gzip", "/br"]) {
      const result = await client.fetchFeed(server.url(path), {});
      expect(result.kind === "fetched" && result.body.equals(FEED)).toBe(true);
    }
  });

  it("refuses a body over the cap", async () => {
    server.route("/big", serve(Buffer.alloc(OPTIONS.maxBytes + 1, 0x20)));
    expect((await failure("/big")).code).toBe("too-large");
  });

  it("stops a gzip bomb at the cap, counted after decompression", async () => {
    const bomb = gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(OPTIONS.maxBytes);
    server.route("/bomb", serve(bomb, { "content-encoding": "gzip" }));
    const error = await failure("/bomb");
    expect(error.code).toBe("too-large");
    expect(error.message).toContain("une fois décompressée");
  });

  it("follows redirects and reports a permanent one from the registry URL", async () => {
    server.route("/old", (_req, res) => res.writeHead(301, { location: "/moved" }).end());
    server.route("/moved", (_req, res) => res.writeHead(302, { location: server.url("/final") }).end());
    server.route("/final", serve(FEED));
    const result = await client.fetchFeed(server.url("/old"), {});
    expect(result).toMatchObject({ kind: "fetched", url: server.url("/final"), movedTo: server.url("/moved") });
    expect(result.redirects.map((r) => r.status)).toEqual([301, 302]);
  });

  it("does not report a permanent redirect that follows a temporary one", async () => {
    server.route("/temp", (_req, res) => res.writeHead(307, { location: "/perm" }).end());
    server.route("/perm", (_req, res) => res.writeHead(308, { location: "/final" }).end());
    const result = await client.fetchFeed(server.url("/temp"), {});
    expect(result.movedTo).toBeUndefined();
  });

  it("stops a redirect loop", async () => {
    server.route("/loop-a", (_req, res) => res.writeHead(302, { location: "/loop-b" }).end());
    server.route("/loop-b", (_req, res) => res.writeHead(302, { location: "/loop-a" }).end());
    expect((await failure("/loop-a")).code).toBe("redirect-loop");
  });

  it("stops after five redirects", async () => {
    for (let i = 0; i < 7; i++) server.route(`/hop-${i}`, (_req, res) => res.writeHead(302, { location: `/hop-${i + 1}` }).end());
    expect((await failure("/hop-0")).code).toBe("too-many-redirects");
  });

  it("refuses a redirect to a loopback address that is not allowed", async () => {
    server.route("/to-internal", (_req, res) => res.writeHead(302, { location: "http://[::1]:9/admin" }).end());
    const error = await failure("/to-internal");
    expect(error.code).toBe("refused-host");
    expect(error.message).toContain("--allow-host");
  });

  it("refuses a host name resolving to loopback unless allowed", async () => {
    const error = await client.fetchFeed(server.url("/headers").replace("127.0.0.1", "localhost"), {}).catch((e: unknown) => e);
    expect((error as FetchError).code).toBe("refused-host");
    const strict = createHttpClient({ ...OPTIONS, allowHosts: [] });
    expect((await failure("/headers", strict)).code).toBe("refused-host");
    await strict.close();
  });

  it("refuses a redirect to another scheme", async () => {
    server.route("/to-file", (_req, res) => res.writeHead(302, { location: "file:///etc/passwd" }).end());
    expect((await failure("/to-file")).code).toBe("bad-redirect");
  });

  it("gives up on a server that never answers, near the total timeout", async () => {
    server.route("/silent", () => undefined);
    const started = Date.now();
    const error = await failure("/silent");
    expect(error.code).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(OPTIONS.totalTimeoutMs + 1500);
  });

  it("gives up on a body that trickles forever", async () => {
    server.route("/trickle", (_req, res) => {
      res.writeHead(200, { "content-type": "application/rss+xml" });
      const timer = setInterval(() => res.write(" "), 100);
      res.on("close", () => clearInterval(timer));
    });
    expect((await failure("/trickle")).code).toBe("timeout");
  });

  it("stops when the run's deadline passes", async () => {
    const error = await client.fetchFeed(server.url("/silent"), {}, AbortSignal.timeout(100)).catch((e: unknown) => e);
    expect((error as FetchError).code).toBe("deadline");
  });

  it.each([
    [404, "http", /404 \(adresse introuvable\)/],
    [500, "http", /500 \(erreur du serveur\)/],
    [410, "gone", /disparu/],
  ])("reports status %i as %s", async (status, code, message) => {
    server.route(`/status-${status}`, serve("x", {}, status));
    const error = await failure(`/status-${status}`);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it("reads Retry-After on 429 and 503", async () => {
    server.route("/busy", serve("", { "retry-after": "3600" }, 429));
    server.route("/maintenance", serve("", { "retry-after": "Wed, 25 Nov 2099 10:00:00 GMT" }, 503));
    const busy = await failure("/busy");
    expect(busy.code).toBe("throttled");
    expect(busy.retryAfter!.getTime() - Date.now()).toBeGreaterThan(3500_000);
    expect((await failure("/maintenance")).retryAfter).toBeInstanceOf(Date);
  });

  it("counts 503 without Retry-After as an ordinary failure", async () => {
    server.route("/down", serve("", {}, 503));
    expect((await failure("/down")).code).toBe("http");
  });
});
