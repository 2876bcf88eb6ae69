import { dataFile } from "../core/paths.ts";
import { DataError, parseYamlText, readDataText } from "../core/validation.ts";

/**
 * Publishers see who fetches their feed and where to reach them: the User-Agent names the site
 * by the address in its identity file, so a fork announces itself, not the original group.
 */
export function userAgentFor(siteUrl?: string): string {
  const contact = siteUrl ? `+${siteUrl}; ` : "";
  return `VeilleGroupeAppui/1.0 (${contact}veille documentaire, un passage par nuit)`;
}

/** The User-Agent for the site rooted at `root`; without a readable `_data/site.yaml`, the anonymous one. */
export function siteUserAgent(root: string): string {
  const file = dataFile(root, "site");
  let text: string;
  try {
    text = readDataText(file);
  } catch (error) {
    if (error instanceof DataError) return userAgentFor();
    throw error;
  }
  const url = (parseYamlText(text, file) as { url?: unknown } | null)?.url;
  return userAgentFor(typeof url === "string" && /^https?:\/\/[\x21-\x7e]+$/.test(url) ? url : undefined);
}
