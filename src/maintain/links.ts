import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, normalize, resolve } from "node:path";
import { getGlobalDispatcher, setGlobalDispatcher } from "undici";
import { LinkChecker, LinkState, type RedirectInfo } from "linkinator";
import { NETWORK_OPTIONS, networkSettings, parseCommandLine, switchOptions, valueOptions } from "../core/cli-args.ts";
import { linkStateKey, loadLinkState } from "../core/link-state.ts";
import { CONTENT_DIR, DATA_FILES } from "../core/paths.ts";
import { DataError, displayPath } from "../core/validation.ts";
import { createGuardedAgent, FetchError, refusedHost } from "../ingest/http.ts";
import { readFrontMatter } from "../ingest/store.ts";
import { contentType } from "../site/content/content-types.ts";
import type { Io } from "./io.ts";
import { safeText } from "./safe-text.ts";
import { nextLinkState, saveLinkState, type LinkOutcome } from "./link-state.ts";

/** The resources' folder, relative to a site's root, as their content type declares it. */
const RESOURCE_DIR = [CONTENT_DIR, ...contentType("resource").folder].join("/");

export const LINKS_USAGE = `Usage : npm run check:links -- [options]
  --dir DOSSIER         site construit à vérifier (défaut : _site, après « npm run build »)
  --resources           vérifier plutôt l'adresse de chaque fiche de ${RESOURCE_DIR} (sans construire le site)
  --state FICHIER       noter pour chaque adresse le dernier succès et le premier échec (ex. ${DATA_FILES.linkState})
  --root DOSSIER        racine du site, pour --resources (défaut : dossier courant)
  --timeout S           délai par lien, en secondes (défaut 15)
  --concurrency N       liens vérifiés en même temps (défaut 8)
  --allow-host HÔTE     laisser passer un hôte local ou privé (refusé sinon)
Vérifie les liens vers d'autres sites depuis les pages et les fiches ressources (pas ceux de la veille).`;

/**
 * Pages whose outgoing links are not ours to check: watch items and the listings built from them
 * (thousands of press links, checked by the nightly fetch in their own way), the search page and
 * its query variants, and files that are not pages.
 */
const NOT_CRAWLED = /^\/(veille\/(\d{4}|page|lettre)\/|themes\/|recherche\/|pagefind\/|assets\/|feed\.|sources\.opml)/;

const NO_ANSWER = "pas de réponse (délai dépassé ou serveur injoignable)";

export interface LinkReport {
  checked: number;
  /** One outcome per external URL, in the order linkinator met them. */
  outcomes: LinkOutcome[];
  broken: { url: string; status: string; page: string }[];
  redirected: { url: string; target: string; page: string }[];
}

export interface LinkCheckOptions {
  timeoutMs: number;
  concurrency: number;
  /** Hosts let through although they resolve to a loopback or private address. */
  allowHosts: readonly string[];
}

/** A port free on this machine now, for linkinator's server (whose origin the guard must know beforehand). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "localhost", done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

/** Why linkinator got no answer: the address guard's refusal in its words, or no answer at all. */
function failureOf(details: readonly unknown[] | undefined): string {
  for (const detail of details ?? []) {
    for (let e = detail, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
      if (e instanceof FetchError) return e.message;
    }
  }
  return NO_ANSWER;
}

/**
 * Crawls the built site's pages with linkinator (bounded concurrency, a timeout per link) and
 * reports the external links that fail or redirect. Internal links are checked by `npm test`.
 *
 * Every request goes through the fetcher's address guard (src/ingest/http.ts): a page or a
 * redirect cannot make the check reach a loopback or private address. linkinator requests
 * through the global fetch, so the guard is installed as the global dispatcher for the crawl.
 * The site itself is served by linkinator on `localhost`: that one origin (host and port) is let
 * through, any other `localhost` address is refused like a private one.
 */
export async function checkExternalLinks(dir: string, options: LinkCheckOptions): Promise<LinkReport> {
  const checker = new LinkChecker();
  const port = await freePort();
  const siteOrigin = `http://localhost:${port}`;
  // linkinator serves `dir` on http://localhost:<port>/ and reports its pages as bare paths.
  const isLocal = (url: string) => !/^https?:/.test(url) || (URL.canParse(url) && new URL(url).origin === siteOrigin);
  const redirects: RedirectInfo[] = [];
  checker.on("redirect", (info) => redirects.push(info));
  const previous = getGlobalDispatcher();
  const localAllowed = options.allowHosts.includes("localhost");
  const guard = createGuardedAgent({
    connectTimeoutMs: options.timeoutMs,
    totalTimeoutMs: options.timeoutMs,
    allowHosts: [...options.allowHosts, "localhost"],
  }).compose((dispatch) => (request, handler) => {
    // Checked for every request, redirects included: the DNS guard lets `localhost` through for the site alone.
    const origin = new URL(String(request.origin));
    if (origin.hostname === "localhost" && origin.origin !== siteOrigin && !localAllowed) throw refusedHost("localhost", "127.0.0.1");
    return dispatch(request, handler);
  });
  setGlobalDispatcher(guard);
  let links;
  try {
    ({ links } = await checker.check({
      path: dir,
      port,
      recurse: true,
      concurrency: options.concurrency,
      timeout: options.timeoutMs,
      redirects: "warn",
      retry: false,
      retryErrors: false,
      linksToSkip: async (link) => /^(mailto|tel):/.test(link) || (isLocal(link) && NOT_CRAWLED.test(new URL(link).pathname)),
    }));
  } finally {
    setGlobalDispatcher(previous);
    await guard.close();
  }
  const external = links.filter((l) => !isLocal(l.url) && l.state !== LinkState.SKIPPED);
  // A page comes back as its URL on linkinator's local server or as its file path under `dir`.
  const roots = [resolve(dir), normalize(dir)].map((r) => r.replace(/\/+$/, ""));
  const page = (parent: string | undefined): string => {
    if (!parent) return "?";
    if (/^https?:/.test(parent)) return new URL(parent).pathname;
    const root = roots.find((r) => parent === r || parent.startsWith(`${r}/`));
    return (root ? parent.slice(root.length) : `/${parent}`).replace(/index\.html$/, "") || "/";
  };
  const parentOf = new Map(external.map((l) => [l.url, page(l.parent)]));
  const outcomes = new Map<string, LinkOutcome>();
  for (const l of external) {
    if (outcomes.has(l.url)) continue;
    const ok = l.state !== LinkState.BROKEN;
    const status = l.status || null;
    outcomes.set(l.url, { url: l.url, ok, status, error: ok ? null : status ? `réponse ${status}` : failureOf(l.failureDetails) });
  }
  return {
    checked: outcomes.size,
    outcomes: [...outcomes.values()],
    broken: external
      .filter((l) => l.state === LinkState.BROKEN)
      .map((l) => ({ url: l.url, status: outcomes.get(l.url)!.error!, page: page(l.parent) })),
    redirected: redirects
      .filter((r) => parentOf.has(r.url) && r.targetUrl && r.targetUrl !== r.url)
      .map((r) => ({ url: r.url, target: r.targetUrl!, page: parentOf.get(r.url)! })),
  };
}

/** A resource whose `url` looks like a web address (http or https) but is none. */
export interface InvalidResourceUrl {
  file: string;
  url: string;
}

/**
 * The `url` of every resource file of RESOURCE_DIR (http and https only), in the form the check
 * records (linkStateKey), sorted, once each; and those that are no valid URL, with their file,
 * left out of the check rather than stopping it.
 */
function resourceUrls(root: string): { urls: string[]; invalid: InvalidResourceUrl[] } {
  const dir = join(root, RESOURCE_DIR);
  if (!existsSync(dir)) throw new DataError(dir, ["dossier des ressources introuvable"]);
  const urls = new Set<string>();
  const invalid: InvalidResourceUrl[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith(".md"))
    .sort()) {
    const file = join(dir, name);
    const url = readFrontMatter(readFileSync(file, "utf8").replace(/\r\n?/g, "\n"))?.url;
    if (typeof url !== "string" || !/^https?:\/\//i.test(url)) continue;
    const key = linkStateKey(url);
    if (key === undefined) invalid.push({ file, url });
    else urls.add(key);
  }
  return { urls: [...urls].sort(), invalid };
}

const escapeAttribute = (url: string) => url.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** Checks a list of URLs with the same crawler, as the links of one throw-away page. */
export async function checkUrls(urls: readonly string[], options: LinkCheckOptions): Promise<LinkReport> {
  const dir = await mkdtemp(join(tmpdir(), "check-links-"));
  try {
    const links = urls.map((u) => `<li><a href="${escapeAttribute(u)}">lien</a></li>`).join("");
    await writeFile(
      join(dir, "index.html"),
      `<!doctype html><html lang="fr"><head><title>ressources</title></head><body><ul>${links}</ul></body></html>`,
    );
    return await checkExternalLinks(dir, options);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function formatLinkReport(report: LinkReport): string {
  const lines = [`Liens externes vérifiés : ${report.checked}.`];
  lines.push(report.broken.length ? `\nLiens cassés (${report.broken.length}) :` : "\nAucun lien cassé.");
  for (const b of report.broken) lines.push(`  - ${b.url} : ${b.status}, sur la page ${b.page}`);
  lines.push(
    report.redirected.length
      ? `\nLiens redirigés (${report.redirected.length}), à mettre à jour si la nouvelle adresse est la bonne :`
      : "\nAucune redirection.",
  );
  for (const r of report.redirected) lines.push(`  - ${r.url} → ${r.target}, sur la page ${r.page}`);
  return `${lines.join("\n")}\n`;
}

/**
 * `npm run check:links`: exit 0 when no external link is broken (redirects are only reported),
 * 1 otherwise, or when a resource's `url` is no valid URL (named with its file, the others still
 * checked). With `--state`, records each URL's last success and first failure.
 */
export async function checkLinks(argv: string[], io: Io, now: () => Date = () => new Date()): Promise<number> {
  const { values } = parseCommandLine(argv, {
    usage: LINKS_USAGE,
    options: { ...valueOptions("dir", "state", "root"), ...switchOptions("resources"), ...NETWORK_OPTIONS },
  });
  const options: LinkCheckOptions = { ...networkSettings(values, { timeoutSeconds: 15, concurrency: 8 }) };
  // Read first: a damaged state file stops the check before any request.
  const previous = values.state ? loadLinkState(values.state) : undefined;
  let report: LinkReport;
  let invalid: InvalidResourceUrl[] = [];
  if (values.resources) {
    const found = resourceUrls(values.root ?? ".");
    invalid = found.invalid;
    io.out(`Vérification des adresses des ${found.urls.length} fiche(s) ressources…\n`);
    for (const bad of invalid)
      io.out(
        `${displayPath(bad.file)} : champ « url » : adresse invalide « ${safeText(bad.url)} », non vérifiée (à corriger dans la fiche)\n`,
      );
    report = await checkUrls(found.urls, options);
  } else {
    const dir = values.dir ?? "_site";
    if (!existsSync(dir)) throw new DataError(dir, ["site construit introuvable : lancez d'abord « npm run build »"]);
    io.out(`Vérification des liens externes de ${displayPath(dir)}…\n`);
    report = await checkExternalLinks(dir, options);
  }
  io.out(formatLinkReport(report));
  if (values.state && previous) {
    // The resources are the whole list to follow; a crawl of the site only adds to it.
    const wrote = saveLinkState(values.state, nextLinkState(previous, report.outcomes, now().toISOString(), values.resources ?? false));
    io.out(
      wrote
        ? `État des liens enregistré dans ${displayPath(values.state)}.\n`
        : `État des liens inchangé (${displayPath(values.state)}).\n`,
    );
  }
  return report.broken.length || invalid.length ? 1 : 0;
}
