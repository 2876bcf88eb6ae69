import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LINK_RECORD_KEYS, linkStateSchema, serialiseLinkState } from "../../src/core/link-state.ts";
import { checkLinks } from "../../src/maintain/links.ts";
import { nextLinkState, REFRESH_DAYS, type LinkOutcome } from "../../src/maintain/link-state.ts";
import { serve, startServer, type FeedServer } from "../ingest/support.ts";
import { scriptedIo } from "./support.ts";

const URL_A = "https://a.example.org/";
const night = (day: number) => `2026-12-${String(day).padStart(2, "0")}T02:30:00.000Z`;
const ok = (url = URL_A): LinkOutcome => ({ url, ok: true, status: 200, error: null });
const failed = (status: number | null = 404, url = URL_A): LinkOutcome => ({
  url,
  ok: false,
  status,
  error: status ? `réponse ${status}` : "pas de réponse",
});

describe("the link state after a night", () => {
  it("records a first success", () => {
    expect(nextLinkState({}, [ok()], night(1), true)).toEqual({
      [URL_A]: { checked: night(1), lastSuccess: night(1), firstFailure: null, status: 200, error: null },
    });
  });

  it("sets the first failure once and keeps it while the link keeps failing, with the last success", () => {
    const first = nextLinkState(nextLinkState({}, [ok()], night(1), true), [failed(404)], night(2), true);
    const second = nextLinkState(first, [failed(500)], night(3), true);
    expect(second[URL_A]).toEqual({ checked: night(3), lastSuccess: night(1), firstFailure: night(2), status: 500, error: "réponse 500" });
  });

  it("resets the first failure when the link answers again", () => {
    const failing = nextLinkState({}, [failed(null)], night(1), true);
    expect(failing[URL_A]).toMatchObject({ lastSuccess: null, firstFailure: night(1), status: null });
    expect(nextLinkState(failing, [ok()], night(2), true)[URL_A]).toEqual({
      checked: night(2),
      lastSuccess: night(2),
      firstFailure: null,
      status: 200,
      error: null,
    });
  });

  it("leaves the state as it was after a night where nothing changed, so nothing is committed", () => {
    const answered = nextLinkState({}, [ok()], night(1), true);
    const failing = nextLinkState({}, [failed()], night(1), true);
    expect(serialiseLinkState(nextLinkState(answered, [ok()], night(2), true))).toBe(serialiseLinkState(answered));
    expect(serialiseLinkState(nextLinkState(failing, [failed()], night(2), true))).toBe(serialiseLinkState(failing));
  });

  it(`confirms a steady link's date once it is ${REFRESH_DAYS} days old, so "vérifié le" stays recent`, () => {
    const answered = nextLinkState({}, [ok()], night(1), true);
    expect(nextLinkState(answered, [ok()], night(1 + REFRESH_DAYS), true)[URL_A]!.lastSuccess).toBe(night(1 + REFRESH_DAYS));
  });

  it("drops links no longer followed when the check covers every resource, keeps them otherwise", () => {
    const before = nextLinkState({}, [ok(), ok("https://b.example.org/")], night(1), true);
    expect(Object.keys(nextLinkState(before, [ok()], night(2), true))).toEqual([URL_A]);
    expect(Object.keys(nextLinkState(before, [ok()], night(2), false))).toHaveLength(2);
  });

  it("is written with URLs sorted and every entry's keys in the same order", () => {
    const state = nextLinkState({}, [failed(404, "https://z.example.org/"), ok()], night(1), true);
    const text = serialiseLinkState(state);
    const parsed = JSON.parse(text) as Record<string, object>;
    expect(Object.keys(parsed)).toEqual([URL_A, "https://z.example.org/"]);
    for (const entry of Object.values(parsed)) expect(Object.keys(entry)).toEqual(LINK_RECORD_KEYS);
    expect(linkStateSchema.parse(parsed)).toEqual(state);
    expect(text.endsWith("}\n")).toBe(true);
  });
});

describe("npm run check:links -- --resources --state FILE", () => {
  let server: FeedServer;
  let root: string;
  const stateFile = () => join(root, "_data/linkState.json");
  const resource = (name: string, url: string) =>
    writeFile(join(root, "content/ressources", `${name}.md`), `---\ntitle: "${name}"\nurl: ${url}\ntype: guide\n---\n\nTexte.\n`);
  const runCheck = async (day: number) => {
    const io = scriptedIo();
    const code = await checkLinks(
      ["--resources", "--root", root, "--state", stateFile(), "--allow-host", "127.0.0.1", "--timeout", "2"],
      io,
      () => new Date(night(day)),
    );
    return {
      code,
      output: io.output,
      state: JSON.parse(await readFile(stateFile(), "utf8")) as Record<string, { firstFailure: string | null; lastSuccess: string | null }>,
    };
  };

  beforeAll(async () => {
    server = await startServer();
    server.route("/guide", serve("<p>guide</p>", { "content-type": "text/html" }));
    root = await mkdtemp(join(tmpdir(), "link-state-"));
    await mkdir(join(root, "content/ressources"), { recursive: true });
    await mkdir(join(root, "_data"));
    await resource("guide", server.url("/guide"));
    await resource("disparu", server.url("/disparu"));
    await resource("courriel", "mailto:contact@example.org");
  });
  afterAll(async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
  });

  it("checks each resource's address and records its last success and first failure", async () => {
    const { code, output, state } = await runCheck(1);
    expect(code).toBe(1);
    expect(output).toMatch(/^Vérification des adresses des 2 fiche\(s\) ressources…/);
    expect(state).toEqual({
      [server.url("/disparu")]: { checked: night(1), lastSuccess: null, firstFailure: night(1), status: 404, error: "réponse 404" },
      [server.url("/guide")]: { checked: night(1), lastSuccess: night(1), firstFailure: null, status: 200, error: null },
    });
  });

  it("changes nothing on the next night when every link answers as before", async () => {
    const before = await readFile(stateFile(), "utf8");
    const { output } = await runCheck(2);
    expect(output).toContain("État des liens inchangé");
    expect(await readFile(stateFile(), "utf8")).toBe(before);
  });

  it("resets the first failure of a resource whose link answers again", async () => {
    server.route("/disparu", serve("<p>revenu</p>", { "content-type": "text/html" }));
    const { code, state } = await runCheck(3);
    expect(code).toBe(0);
    expect(state[server.url("/disparu")]).toMatchObject({ lastSuccess: night(3), firstFailure: null });
  });
});
