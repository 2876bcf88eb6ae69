/**
 * The link state against what maintainers write: a resource URL in a non-canonical spelling
 * finds its entry, a resource URL that is no URL is named and skipped (the others are still
 * checked and recorded), and a damaged state is refused naming the file and the field.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkStateKey, loadLinkState, type LinkState } from "../../src/core/link-state.ts";
import { checkLinks } from "../../src/maintain/links.ts";
import { failingLinks, linkCheck } from "../../src/site/editorial/link-state.ts";
import { serve, startServer, type FeedServer } from "../ingest/support.ts";
import { scriptedIo } from "./support.ts";

const NIGHT = "2026-12-02T02:30:00.000Z";

describe("finding a resource's link state", () => {
  const state: LinkState = {
    "http://127.0.0.1:18095/": { checked: NIGHT, lastSuccess: null, firstFailure: NIGHT, status: 404, error: "réponse 404" },
    "https://exemple.fr/ok": { checked: NIGHT, lastSuccess: NIGHT, firstFailure: null, status: 200, error: null },
  };

  it("uses the URL as the check records it, whatever its spelling in the resource", () => {
    expect(linkCheck(state, "http://127.0.0.1:18095")).toEqual({ kind: "failing", date: NIGHT });
    expect(linkCheck(state, "HTTPS://Exemple.FR/OK/../ok#section")).toEqual({ kind: "ok", date: NIGHT });
    expect(linkCheck(state, "https://exemple.fr/autre")).toBeUndefined();
    expect(linkCheck(state, "http://127.0.0.1%2509:18095/x")).toBeUndefined();
  });

  it("lists on the dashboard a failing resource whose URL lacks its final slash", () => {
    const resource = { data: { url: "http://127.0.0.1:18095" } };
    expect(failingLinks([resource], state)).toEqual([{ resource, record: state["http://127.0.0.1:18095/"] }]);
  });

  it("gives no key to a string that is no URL", () => {
    expect(linkStateKey("http://127.0.0.1%2509:18095/x")).toBeUndefined();
    expect(linkStateKey("http://h:1")).toBe("http://h:1/");
  });
});

describe("npm run check:links -- --resources with a resource URL that is no URL", () => {
  let server: FeedServer;
  let root: string;
  const stateFile = () => join(root, "_data/linkState.json");
  const resource = (name: string, url: string) =>
    writeFile(join(root, "content/ressources", `${name}.md`), `---\ntitle: "${name}"\nurl: "${url}"\ntype: guide\n---\n\nTexte.\n`);

  beforeAll(async () => {
    server = await startServer();
    server.route("/guide", serve("<p>guide</p>", { "content-type": "text/html" }));
    root = await mkdtemp(join(tmpdir(), "link-keys-"));
    await mkdir(join(root, "content/ressources"), { recursive: true });
    await mkdir(join(root, "_data"));
    await resource("guide", server.url("/guide"));
    await resource("casse", "http://127.0.0.1%2509:18095/x");
    // No final slash: recorded under the checker's form, found again by the page.
    await resource("racine", server.url(""));
  });
  afterAll(async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
  });

  it("names the invalid URL and its file in French, checks the others and writes their state", async () => {
    const io = scriptedIo();
    const code = await checkLinks(
      ["--resources", "--root", root, "--state", stateFile(), "--allow-host", "127.0.0.1", "--timeout", "2"],
      io,
      () => new Date(NIGHT),
    );
    expect(code).toBe(1);
    expect(io.output).toContain(
      `content/ressources/casse.md : champ « url » : adresse invalide « http://127.0.0.1%2509:18095/x », non vérifiée`,
    );
    const state = JSON.parse(await readFile(stateFile(), "utf8")) as LinkState;
    expect(Object.keys(state)).toEqual([`${server.url("/")}`, server.url("/guide")]);
    expect(state[server.url("/guide")]).toMatchObject({ lastSuccess: NIGHT, firstFailure: null, status: 200 });
    expect(linkCheck(state, server.url(""))).toEqual({ kind: "failing", date: NIGHT });
  });
});

describe("a damaged link state", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "link-state-bad-"));
    await mkdir(join(dir, "_data"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each([
    [
      "a date that is no date",
      { checked: NIGHT, lastSuccess: null, firstFailure: "pas une date", status: 404, error: "réponse 404" },
      "firstFailure",
    ],
    ["a numeric date", { checked: NIGHT, lastSuccess: null, firstFailure: 12, status: 404, error: "réponse 404" }, "firstFailure"],
    ["an object for a date", { checked: { a: 1 }, lastSuccess: null, firstFailure: null, status: 200, error: null }, "checked"],
  ])("is refused naming the file and the field: %s", async (_, record, field) => {
    const file = join(dir, "_data/linkState.json");
    await writeFile(file, JSON.stringify({ "https://exemple.fr/": record }));
    expect(() => loadLinkState(file)).toThrowError(new RegExp(`linkState\\.json :\\n  - champ « https://exemple\\.fr/\\.${field} » : `));
  });
});
