import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../src/ingest/cli.ts";
import { siteUserAgent, userAgentFor } from "../../src/ingest/user-agent.ts";
import { createSite, fixture, serve, source, startServer, type FeedServer, type Site } from "./support.ts";

let site: Site | undefined;
let server: FeedServer | undefined;
afterEach(async () => {
  site?.cleanup();
  await server?.close();
  site = undefined;
  server = undefined;
});

describe("the User-Agent", () => {
  it("names the site by the address in its identity file", () => {
    site = createSite();
    writeFileSync(join(site.root, "_data/site.yaml"), "name: Groupe d'appui de Quimper\nurl: https://appui-quimper.example\n");
    expect(siteUserAgent(site.root)).toBe(userAgentFor("https://appui-quimper.example"));
    expect(siteUserAgent(site.root)).toContain("+https://appui-quimper.example;");
  });

  it("stays anonymous rather than naming another site when the identity file is missing", () => {
    site = createSite();
    expect(siteUserAgent(site.root)).toBe(userAgentFor());
    expect(siteUserAgent(site.root)).not.toMatch(/https?:/);
  });

  it("is what the fetch command sends to publishers", async () => {
    server = await startServer();
    server.route("/rss.xml", serve(fixture("rss2-three-items.xml")));
    site = createSite([source("essai", server.url("/rss.xml"))]);
    writeFileSync(join(site.root, "_data/site.yaml"), "url: https://appui-quimper.example\n");
    await main(
      ["--root", site.root, "--themes", join(site.root, "_data/themeCatalog.yaml"), "--allow-host", "127.0.0.1", "--dry-run"],
      () => {},
      () => {},
    );
    expect(server.requests[0]?.headers["user-agent"]).toBe(userAgentFor("https://appui-quimper.example"));
  });
});
