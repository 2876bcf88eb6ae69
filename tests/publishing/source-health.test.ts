import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { Source } from "../../src/core/sources.ts";
import type { SourceState } from "../../src/core/source-state.ts";
import { countByKind, healthSummary, sourceHealth } from "../../src/site/editorial/source-health.ts";

const NOW = DateTime.fromISO("2026-11-23T09:00:00+01:00", { setZone: true });
const FEED = "https://example.org/feed";
const source = (extra: Partial<Source> = {}): Source => ({
  id: "essai",
  name: "Essai",
  feed: FEED,
  section: "actualites",
  territory: "brest",
  themes: [],
  keep: "keywords",
  include: [],
  exclude: [],
  reuse: "excerpt",
  enabled: true,
  ...extra,
});
const state = (extra: Partial<SourceState>): SourceState => ({ feed: FEED, status: "ok", failures: 0, itemsAdded: 0, ...extra });
const healthOf = (s: Source, st?: SourceState) => sourceHealth([s], st ? { [s.id]: st } : {}, NOW)[0]!;

describe("sourceHealth", () => {
  it("says a source fetched without trouble is up to date, with its last success and count", () => {
    expect(healthOf(source(), state({ lastSuccess: "2026-11-23T02:00:00+01:00", itemsAdded: 9 }))).toMatchObject({
      kind: "ok",
      status: "à jour",
      lastSuccess: "2026-11-23T02:00:00+01:00",
      itemsAdded: 9,
    });
  });

  it("counts whole days of failure since the last success", () => {
    expect(healthOf(source(), state({ status: "failing", lastSuccess: "2026-11-20T02:00:00+01:00", lastError: "HTTP 500" }))).toMatchObject(
      { kind: "failing", status: "en erreur depuis 3 jours", error: "HTTP 500" },
    );
  });

  it("writes one day in the singular and today in words", () => {
    expect(healthOf(source(), state({ status: "failing", lastSuccess: "2026-11-22T08:00:00+01:00" })).status).toBe(
      "en erreur depuis 1 jour",
    );
    expect(healthOf(source(), state({ status: "failing", lastSuccess: "2026-11-23T02:00:00+01:00" })).status).toBe(
      "en erreur depuis aujourd'hui",
    );
  });

  it("says when a failing source never succeeded", () => {
    expect(healthOf(source(), state({ status: "failing" })).status).toBe("en erreur, jamais relevée avec succès");
  });

  it("asks to correct the registry after a permanent redirect", () => {
    expect(healthOf(source(), state({ movedTo: "https://example.org/new" }))).toMatchObject({
      kind: "moved",
      status: "redirection permanente à corriger : remplacer l'adresse du flux par https://example.org/new",
    });
  });

  it("says a source is gone", () => {
    expect(healthOf(source(), state({ status: "gone", lastError: "HTTP 410" }))).toMatchObject({ kind: "gone", error: "HTTP 410" });
  });

  it("gives the date until which a throttled source is paused", () => {
    expect(healthOf(source(), state({ status: "throttled", retryAfter: "2026-11-25T12:00:00+01:00" })).status).toBe(
      "en pause jusqu'au 25 novembre 2026, à la demande du site",
    );
  });

  it("treats a state kept for another feed URL as a source not yet fetched", () => {
    expect(healthOf(source(), { ...state({ itemsAdded: 4 }), feed: "https://example.org/old" })).toMatchObject({
      kind: "new",
      itemsAdded: 0,
    });
  });

  it("says a disabled source is disabled whatever its state", () => {
    expect(healthOf(source({ enabled: false }), state({ status: "failing" })).kind).toBe("disabled");
  });

  it("keeps the registry's order", () => {
    const rows = sourceHealth([source({ id: "b" }), source({ id: "a" })], {}, NOW);
    expect(rows.map((r) => r.id)).toEqual(["b", "a"]);
  });
});

describe("countByKind", () => {
  it("counts sources per kind, zero included", () => {
    const rows = sourceHealth([source({ id: "a" }), source({ id: "b", enabled: false })], {}, NOW);
    expect(countByKind(rows)).toEqual({ ok: 0, new: 1, disabled: 1, throttled: 0, moved: 0, failing: 0, gone: 0 });
  });
});

describe("healthSummary", () => {
  const none = { ok: 0, new: 0, disabled: 0, throttled: 0, moved: 0, failing: 0, gone: 0 };

  it("always says how many sources are up to date, and only the other kinds that occur", () => {
    expect(healthSummary({ ...none, ok: 3 })).toBe("3 à jour");
  });

  it("makes each word agree with its number", () => {
    expect(healthSummary({ ...none, ok: 1, gone: 2, new: 1, disabled: 2 })).toBe(
      "1 à jour, 2 disparues, 1 pas encore relevée, 2 désactivées",
    );
  });
});
