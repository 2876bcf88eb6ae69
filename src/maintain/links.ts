import { existsSync } from "node:fs";
import { normalize, resolve } from "node:path";
import { LinkChecker, LinkState, type RedirectInfo } from "linkinator";
import { parseCommandLine, positiveInteger, positiveNumber } from "../core/cli-args.ts";
import { DataError, displayPath } from "../core/validation.ts";
import type { Io } from "./io.ts";

export const LINKS_USAGE = `Usage : npm run check:links -- [options]
  --dir DOSSIER         site construit à vérifier (défaut : _site, après « npm run build »)
  --timeout S           délai par lien, en secondes (défaut 15)
  --concurrency N       liens vérifiés en même temps (défaut 8)
Vérifie les liens vers d'autres sites depuis les pages et les fiches ressources (pas ceux de la veille).`;

/**
 * Pages whose outgoing links are not ours to check: watch items and the listings built from them
 * (thousands of press links, checked by the nightly fetch in their own way), the search page and
 * its query variants, and files that are not pages.
 */
const NOT_CRAWLED = /^\/(veille\/(\d{4}|page|lettre)\/|themes\/|recherche\/|pagefind\/|assets\/|feed\.|sources\.opml)/;

export interface LinkReport {
  checked: number;
  broken: { url: string; status: string; page: string }[];
  redirected: { url: string; target: string; page: string }[];
}

/**
 * Crawls the built site's pages with linkinator (bounded concurrency, a timeout per link) and
 * reports the external links that fail or redirect. Internal links are checked by `npm test`.
 */
export async function checkExternalLinks(dir: string, options: { timeoutMs: number; concurrency: number }): Promise<LinkReport> {
  const checker = new LinkChecker();
  // linkinator serves `dir` on http://localhost:<port>/ and reports its pages as bare paths.
  const isLocal = (url: string) => !/^https?:/.test(url) || new URL(url).hostname === "localhost";
  const redirects: RedirectInfo[] = [];
  checker.on("redirect", (info) => redirects.push(info));
  const { links } = await checker.check({
    path: dir,
    recurse: true,
    concurrency: options.concurrency,
    timeout: options.timeoutMs,
    redirects: "warn",
    retry: false,
    retryErrors: false,
    linksToSkip: async (link) => /^(mailto|tel):/.test(link) || (isLocal(link) && NOT_CRAWLED.test(new URL(link).pathname)),
  });
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
  return {
    checked: new Set(external.map((l) => l.url)).size,
    broken: external
      .filter((l) => l.state === LinkState.BROKEN)
      .map((l) => ({ url: l.url, status: l.status ? `réponse ${l.status}` : "pas de réponse (délai dépassé ou serveur injoignable)", page: page(l.parent) })),
    redirected: redirects
      .filter((r) => parentOf.has(r.url) && r.targetUrl && r.targetUrl !== r.url)
      .map((r) => ({ url: r.url, target: r.targetUrl!, page: parentOf.get(r.url)! })),
  };
}

export function formatLinkReport(report: LinkReport): string {
  const lines = [`Liens externes vérifiés : ${report.checked}.`];
  lines.push(report.broken.length ? `\nLiens cassés (${report.broken.length}) :` : "\nAucun lien cassé.");
  for (const b of report.broken) lines.push(`  - ${b.url} : ${b.status}, sur la page ${b.page}`);
  lines.push(report.redirected.length ? `\nLiens redirigés (${report.redirected.length}), à mettre à jour si la nouvelle adresse est la bonne :` : "\nAucune redirection.");
  for (const r of report.redirected) lines.push(`  - ${r.url} → ${r.target}, sur la page ${r.page}`);
  return `${lines.join("\n")}\n`;
}

/** `npm run check:links`: exit 0 when no external link is broken (redirects are only reported), 1 otherwise. */
export async function checkLinks(argv: string[], io: Io): Promise<number> {
  const { values } = parseCommandLine(argv, { usage: LINKS_USAGE, options: { dir: { type: "string" }, timeout: { type: "string" }, concurrency: { type: "string" } } });
  const timeoutMs = (positiveNumber(values.timeout, "--timeout") ?? 15) * 1000;
  const concurrency = positiveInteger(values.concurrency, "--concurrency") ?? 8;
  const dir = values.dir ?? "_site";
  if (!existsSync(dir)) throw new DataError(dir, ["site construit introuvable : lancez d'abord « npm run build »"]);
  io.out(`Vérification des liens externes de ${displayPath(dir)}…\n`);
  const report = await checkExternalLinks(dir, { timeoutMs, concurrency });
  io.out(formatLinkReport(report));
  return report.broken.length ? 1 : 0;
}
