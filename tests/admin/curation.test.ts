import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import matter from "gray-matter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { watchItemSchema } from "../../src/core/watch-item.ts";
import { createSite, fixture, serve, source, startServer, type FeedServer } from "../ingest/support.ts";

/**
 * Curation done in the editor (selection, hidden, themes, note) is never undone by the nightly
 * run: the item file is written as the editor leaves it, then the same feed is collected again.
 */
let server: FeedServer;
beforeAll(async () => {
  server = await startServer();
  server.route("/three", serve(fixture("rss2-three-items.xml")));
});
afterAll(() => server.close());

describe("curation and the nightly run", () => {
  it("leaves an item curated in the editor byte for byte as the editor wrote it", async () => {
    const site = createSite([source("essai", server.url("/three"))]);
    try {
      const first = await site.run();
      const [selected, hidden] = first.sources[0]!.added.map((path) => join(site.contentDir, path));
      const curate = (file: string, changes: Record<string, unknown>) => {
        const { data, content } = matter(readFileSync(file, "utf8"));
        // What the editor writes: the same keys, re-serialised, with the curation fields.
        const text = matter.stringify(content, { ...data, ...changes });
        watchItemSchema.parse(matter(text).data);
        writeFileSync(file, text);
        return text;
      };
      const selectedText = curate(selected!, { selected: true, themes: ["laicite", "discriminations"], note: "Retenu par le groupe." });
      const hiddenText = curate(hidden!, { hidden: true });
      const before = site.itemFiles().length;

      // The state is dropped so that the feed is read again in full, as after a change of address.
      rmSync(site.stateFile);
      const second = await site.run();

      expect(second.sources[0]!.added).toEqual([]);
      expect(readFileSync(selected!, "utf8")).toBe(selectedText);
      expect(readFileSync(hidden!, "utf8")).toBe(hiddenText);
      expect(site.itemFiles()).toHaveLength(before);
    } finally {
      site.cleanup();
    }
  });
});
