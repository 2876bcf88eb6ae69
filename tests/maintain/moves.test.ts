import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DateTime } from "luxon";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { loadState, serialiseState, type SourceState } from "../../src/core/source-state.ts";
import type { Source } from "../../src/core/sources.ts";
import { checkSources } from "../../src/maintain/check.ts";
import { movesDue, MOVE_AFTER_NIGHTS } from "../../src/maintain/moves.ts";
import { nextState, type Outcome } from "../../src/ingest/state.ts";
import { serve, startServer, type FeedServer } from "../ingest/support.ts";
import { fixtureText, scriptedIo, tempRoot, type TempRoot } from "./support.ts";

const OLD = "https://example.org/carnet/feed/";
const NEW = "https://carnet.example.org/feed/";
const night = (n: number) => DateTime.fromISO("2026-12-01T03:17:00", { zone: "Europe/Paris" }).plus({ days: n });
const moved = (to = NEW): Outcome => ({ kind: "not-modified", movedTo: to });
const nights = (outcomes: Outcome[]) =>
  outcomes.reduce<SourceState | undefined>((state, outcome, n) => nextState(state, OLD, outcome, night(n)), undefined);
const source = { id: "carnet-recherche", feed: OLD } as Source;

describe("counting the nights a feed redirects permanently", () => {
  it("counts the runs in a row that saw the same new address", () => {
    expect(nights([moved(), moved(), moved()])).toMatchObject({ movedTo: NEW, movedNights: 3 });
  });

  it("starts again when the redirect leads elsewhere or stops", () => {
    expect(nights([moved(), moved(), moved("https://ailleurs.example.org/feed")])).toMatchObject({ movedNights: 1 });
    expect(nights([moved(), moved(), { kind: "not-modified" }])).not.toHaveProperty("movedNights");
  });

  it("keeps the count through a night the feed could not be read", () => {
    expect(nights([moved(), moved(), { kind: "failing", error: "délai dépassé" }])).toMatchObject({ movedTo: NEW, movedNights: 2 });
  });
});

describe("which sources move", () => {
  it(`moves a source after ${MOVE_AFTER_NIGHTS} runs of the same redirect, not before`, () => {
    expect(movesDue([source], { [source.id]: nights([moved(), moved(), moved()])! })).toEqual([
      { id: source.id, from: OLD, to: NEW, nights: 3 },
    ]);
    expect(movesDue([source], { [source.id]: nights([moved(), moved()])! })).toEqual([]);
  });

  it("ignores a state about another address than the registry's", () => {
    expect(
      movesDue([{ ...source, feed: "https://example.org/nouveau/feed/" }], { [source.id]: nights([moved(), moved(), moved()])! }),
    ).toEqual([]);
  });
});

describe("npm run sources:check -- --follow-moves --summary FILE", () => {
  let server: FeedServer;
  let temp: TempRoot;
  const stateFile = () => join(temp.root, "_data/sourceState.json");
  const summaryFile = () => join(temp.root, "resume.md");

  beforeAll(async () => {
    server = await startServer();
    server.route("/carnet/feed/", serve(await fixtureText("feed-laicite-football-radicalisation.xml")));
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    temp = await tempRoot();
  });
  afterEach(() => temp.cleanup());

  const check = async () => {
    const io = scriptedIo();
    const code = await checkSources(
      ["--root", temp.root, "--allow-host", "127.0.0.1", "--timeout", "2", "--follow-moves", "--summary", summaryFile()],
      io,
    );
    return { code, output: io.output, summary: await readFile(summaryFile(), "utf8") };
  };

  it("writes the new address into the registry, keeping its comments, and carries the state over", async () => {
    // The fixture registry's sources point at example.org: serve the moved one locally.
    const newFeed = server.url("/carnet/feed/");
    const state = { ...nights([moved(newFeed), moved(newFeed), moved(newFeed)])!, etag: '"v1"' };
    await writeFile(stateFile(), serialiseState({ "carnet-recherche": state }));
    // Nothing reaches the internet: the other source of the fixture is served locally too.
    await writeFile(temp.registryFile, (await temp.registry()).replace("https://example.org/presse/rss.xml", newFeed));
    const before = await temp.registry();
    const { output, summary } = await check();
    expect(await temp.registry()).toBe(before.replace(`feed: ${OLD}`, `feed: ${newFeed}`));
    expect(loadState(stateFile())["carnet-recherche"]).toEqual({ ...state, feed: newFeed, movedTo: undefined, movedNights: undefined });
    expect(output).toContain(
      `Source « carnet-recherche » : « feed » mis à jour, ${OLD} → ${newFeed} (redirection permanente vue 3 relèves de suite).`,
    );
    expect(summary).toContain(
      `Adresses mises à jour dans _data/sources.yaml (redirection permanente vue 3 relèves de suite) :\n\n- \`carnet-recherche\` : ${OLD} → ${newFeed}`,
    );
  });

  it("lists in the summary the sources to look at, with what is wrong", async () => {
    await writeFile(
      temp.registryFile,
      stringify([
        { id: "bon", name: "Bon", feed: server.url("/carnet/feed/"), section: "recherche", territory: "national" },
        { id: "absent", name: "Absent", feed: server.url("/absent.xml"), section: "recherche", territory: "national" },
      ]),
    );
    const { code, summary } = await check();
    expect(code).toBe(2);
    expect(summary).toBe(
      "### Sources de la veille\n\n1 source(s) à regarder sur 2 (en erreur, déplacées ou devenues des pages web) :\n\n- `absent` : en erreur – le serveur a répondu 404 (adresse introuvable)\n\n",
    );
  });
});
