import { createHash } from "node:crypto";
import type { Site } from "../content/schemas.ts";

/**
 * The address absolute links are built from: the deployment's own (`SITE_URL`, which the nightly
 * takes from GitHub Pages, .github/workflows/nightly.yml), else the one the group chose
 * (`site.url`, empty until it has), else none. The path prefix is added by Eleventy, not here.
 * With none, pages carry no canonical link and feeds use root-relative links (see `feedId`).
 */
export function withPublicUrl(site: Site, deployment: string | undefined): Site {
  const url = (deployment?.trim() || site.url).replace(/\/+$/, "");
  if (url && !/^https?:\/\/[^/]/.test(url)) throw new Error(`SITE_URL : adresse http(s) complète attendue, reçu « ${url} »`);
  return { ...site, url };
}

/** Whether a URL is absolute (http or https). */
export function isAbsolute(url: string): boolean {
  return /^https?:\/\//.test(url);
}

/**
 * A feed's or an entry's id: its absolute address, or, when the site has none yet, a stable URN
 * made from its path (Atom ids must be absolute IRIs; a root-relative path is not one).
 */
export function feedId(url: string): string {
  if (isAbsolute(url)) return url;
  const hex = createHash("sha1").update(url).digest("hex");
  // A name-based UUID (RFC 9562, version 5 layout) of the path.
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}
