import { LinkChecker, LinkState } from "linkinator";

/**
 * Crawls a site served on 127.0.0.1 from `start`, following its own links only, and returns
 * each internal link that does not answer once, with the first page it was found on.
 */
export async function brokenInternalLinks(start: string): Promise<string[]> {
  const origin = new URL(start).origin;
  const { links } = await new LinkChecker().check({
    path: start,
    recurse: true,
    concurrency: 20,
    linksToSkip: async (link) => !link.startsWith(origin),
  });
  const broken = new Map<string, string>();
  for (const link of links) {
    if (link.state === LinkState.BROKEN && !broken.has(link.url))
      broken.set(link.url, `${link.url} (${link.status}), lien trouvé sur ${link.parent}`);
  }
  return [...broken.values()];
}
