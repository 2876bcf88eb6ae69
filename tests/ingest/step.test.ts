import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { sourceSchema } from "../../src/core/sources.ts";
import type { SourceState } from "../../src/core/source-state.ts";
import { settleSource, type Attempt } from "../../src/ingest/step.ts";
import type { Stored } from "../../src/ingest/store.ts";

// No server, no file: the step from an attempt to a report and a state is plain data.
const NOW = DateTime.fromISO("2026-11-23T10:00:00", { zone: "Europe/Paris" });
const FEED = "https://exemple.fr/flux.xml";
const source = sourceSchema.parse({ id: "essai", name: "Essai", feed: FEED, section: "actualites", territory: "national" });
const earlier: SourceState = {
  feed: FEED,
  status: "ok",
  etag: '"v1"',
  lastAttempt: "2026-11-22T03:00:00+01:00",
  lastSuccess: "2026-11-22T03:00:00+01:00",
  failures: 0,
  itemsAdded: 4,
};
const answered = { redirects: [] };
const nothingStored: Stored = { added: [], duplicates: 0, capped: 0, invalid: [], flagged: [] };

const settle = (attempt: Attempt, previous: SourceState | undefined = earlier) => settleSource(source, attempt, previous, NOW);

describe("settleSource", () => {
  it("reports new items and counts them in the state, with the feed's new validators", () => {
    const stored: Stored = {
      added: ["2026/2026-11-23-a.md", "2026/2026-11-22-b.md"],
      duplicates: 3,
      capped: 1,
      invalid: ["« c » : adresse de l'article trop longue"],
      flagged: [
        {
          guid: "g",
          url: "https://exemple.fr/b",
          canonicalUrl: "exemple.fr/b",
          title: "b",
          summary: "",
          date: "2026-11-23T10:00:00+01:00",
          dateFlag: "missing",
          categories: [],
        },
      ],
    };
    const { report, next } = settle({
      kind: "fetched",
      ...answered,
      validators: { etag: '"v2"' },
      reading: { format: "rss", encoding: "utf-8", filtered: 5, tooOld: 0, noLink: 1, borderline: [] },
      stored,
    });
    expect(report).toMatchObject({
      status: "ok",
      added: stored.added,
      duplicates: 3,
      capped: 1,
      filtered: 5,
      noLink: 1,
      invalid: stored.invalid,
      flaggedDates: [{ title: "b", flag: "missing" }],
      format: "rss",
    });
    expect(next).toEqual({
      feed: FEED,
      status: "ok",
      etag: '"v2"',
      lastAttempt: "2026-11-23T10:00:00+01:00",
      lastSuccess: "2026-11-23T10:00:00+01:00",
      failures: 0,
      itemsAdded: 6,
    });
  });

  it("says ok and unchanged for a 304, keeping the state as it was", () => {
    const { report, next } = settle({ kind: "not-modified", ...answered });
    expect(report).toMatchObject({ status: "ok", notModified: true });
    expect(next).toEqual(earlier);
  });

  it("reports a permanent redirect and keeps it in the state", () => {
    const { report, next } = settle({
      kind: "fetched",
      redirects: [{ from: FEED, to: "https://exemple.fr/nouveau.xml", status: 301 }],
      movedTo: "https://exemple.fr/nouveau.xml",
      validators: {},
      reading: { format: "rss", encoding: "utf-8", filtered: 0, tooOld: 0, noLink: 0, borderline: [] },
      stored: nothingStored,
    });
    expect(report).toMatchObject({ status: "ok", movedTo: "https://exemple.fr/nouveau.xml" });
    expect(next?.movedTo).toBe("https://exemple.fr/nouveau.xml");
  });

  it("marks a source failing after an error, with a back-off, keeping its validators and last success", () => {
    const { report, next } = settle({ kind: "failed", code: "http", error: "le serveur a répondu 500" });
    expect(report).toMatchObject({
      status: "failing",
      error: "le serveur a répondu 500",
      failures: 1,
      retryAfter: "2026-11-23T11:00:00+01:00",
    });
    expect(next).toMatchObject({
      status: "failing",
      etag: '"v1"',
      lastSuccess: earlier.lastSuccess,
      failures: 1,
      lastError: "le serveur a répondu 500",
    });
  });

  it("marks an answer that is no readable feed failing too", () => {
    const { report, next } = settle({ kind: "unreadable", ...answered, error: "XML invalide" }, undefined);
    expect(report).toMatchObject({ status: "failing", error: "XML invalide", failures: 1 });
    expect(next?.status).toBe("failing");
  });

  it("pauses a source until the date its server asked for", () => {
    const retryAfter = new Date("2026-11-23T14:00:00+01:00");
    const { report, next } = settle({ kind: "failed", code: "throttled", error: "trop de requêtes (429)", retryAfter });
    expect(report).toMatchObject({ status: "throttled", retryAfter: "2026-11-23T14:00:00+01:00" });
    expect(next).toMatchObject({ status: "throttled", failures: 0 });
  });

  it("marks a 410 source gone", () => {
    const { report, next } = settle({ kind: "failed", code: "gone", error: "flux supprimé (410)" });
    expect(report.status).toBe("gone");
    expect(next?.status).toBe("gone");
  });

  it("leaves the state untouched for a source the run had no time for", () => {
    const { report, next } = settle({ kind: "failed", code: "deadline", error: "délai global de la collecte dépassé" });
    expect(report).toMatchObject({ status: "skipped", error: "délai global de la collecte dépassé" });
    expect(next).toBeUndefined();
  });

  it("reports a source the state asked to wait for, with the reason and date it recorded", () => {
    const waiting: SourceState = {
      ...earlier,
      status: "failing",
      failures: 2,
      lastError: "le serveur a répondu 500",
      retryAfter: "2026-11-23T12:00:00+01:00",
    };
    const { report, next } = settle({ kind: "not-visited", reason: "waiting" }, waiting);
    expect(report).toMatchObject({ status: "waiting", error: "le serveur a répondu 500", retryAfter: "2026-11-23T12:00:00+01:00" });
    expect(next).toBeUndefined();
  });
});
