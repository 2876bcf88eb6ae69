import { describe, expect, it } from "vitest";
import { loadYamlFile } from "../../src/core/validation.ts";
import { legalChecklist, missingLegalFields } from "../../src/site/editorial/legal.ts";
import { failingLinks, linkCheck, type LinkRecord } from "../../src/site/editorial/link-state.ts";
import { siteSchema, type Site } from "../../src/site/content/schemas.ts";
import { PROJECT_ROOT } from "../support/site-build.ts";

const site = loadYamlFile(`${PROJECT_ROOT}/_data/site.yaml`, siteSchema);

function filled(): Site {
  return {
    ...site,
    contact: { endpoint: "https://formulaire.example/envoi", email: "" },
    legal: {
      publisher: { name: "Structure éditrice", address: "1 rue de l'Exemple, 29200 Brest", phone: "02 00 00 00 00", email: "" },
      director: "Camille Exemple",
      host: { ...site.legal.host, address: "Adresse de l'hébergeur", phone: "+1 000 000 0000" },
    },
    privacy: {
      controller: "Structure éditrice",
      dpo: "",
      legalBasis: "votre consentement",
      formService: "Service d'exemple",
      retention: "un an",
    },
    accessibility: { ...site.accessibility, contact: "accessibilite@structure.example" },
  };
}

describe("the legal checklist", () => {
  it("names every empty field of the committed site.yaml with where to fill it", () => {
    const fields = missingLegalFields(site).map((m) => m.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        "legal.publisher.name",
        "legal.director",
        "privacy.controller",
        "privacy.retention",
        "accessibility.contact",
      ]),
    );
  });

  it("is empty, and prints nothing, once every field is filled", () => {
    expect(missingLegalFields(filled())).toEqual([]);
    expect(legalChecklist([])).toBe("");
  });

  it("does not ask for a DPO, which only some bodies must appoint", () => {
    expect(missingLegalFields(filled()).map((m) => m.field)).not.toContain("privacy.dpo");
  });

  it("asks for the form service only once a form endpoint is set", () => {
    const noForm = {
      ...filled(),
      contact: { endpoint: "", email: "groupe@structure.example" },
      privacy: { ...filled().privacy, formService: "" },
    };
    expect(missingLegalFields(noForm)).toEqual([]);
    const form = { ...filled(), privacy: { ...filled().privacy, formService: "" } };
    expect(missingLegalFields(form).map((m) => m.field)).toEqual(["privacy.formService"]);
  });

  it("reads as a French list headed by the count", () => {
    expect(legalChecklist(missingLegalFields({ ...filled(), legal: { ...filled().legal, director: "" } }))).toBe(
      "À compléter dans _data/site.yaml avant la mise en ligne (1) :\n  - nom de la personne directrice de la publication (legal.director, page /mentions-legales/)",
    );
  });
});

describe("the accessibility status in site.yaml", () => {
  it("refuses « partiellement » without the audit's date, auditor and rate", () => {
    const result = siteSchema.safeParse({ ...site, accessibility: { ...site.accessibility, status: "partiellement" } });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual([
      "accessibility.auditDate",
      "accessibility.auditor",
      "accessibility.rate",
    ]);
  });
});

const record = (patch: Partial<LinkRecord>): LinkRecord => ({
  checked: "2026-11-30T02:00:00Z",
  lastSuccess: null,
  firstFailure: null,
  status: null,
  error: null,
  ...patch,
});

describe("a resource's link check", () => {
  it("says nothing when no check state exists", () => {
    expect(linkCheck(undefined, "https://a.example/")).toBeUndefined();
  });

  it("says nothing for a link the check has not recorded", () => {
    expect(linkCheck({}, "https://a.example/")).toBeUndefined();
  });

  it("gives the last success of a working link", () => {
    expect(linkCheck({ "https://a.example/": record({ lastSuccess: "2026-11-30T02:00:00Z" }) }, "https://a.example/")).toEqual({
      kind: "ok",
      date: "2026-11-30T02:00:00Z",
    });
  });

  it("gives the first failure of a failing link, even if it once worked", () => {
    const state = {
      "https://a.example/": record({ lastSuccess: "2026-11-01T02:00:00Z", firstFailure: "2026-11-28T02:00:00Z", status: 404 }),
    };
    expect(linkCheck(state, "https://a.example/")).toEqual({ kind: "failing", date: "2026-11-28T02:00:00Z" });
  });

  it("lists failing resources for the maintainers, oldest failure first", () => {
    const state = {
      "https://a.example/": record({ firstFailure: "2026-11-28T02:00:00Z" }),
      "https://b.example/": record({ lastSuccess: "2026-11-30T02:00:00Z" }),
      "https://c.example/": record({ firstFailure: "2026-11-20T02:00:00Z" }),
    };
    const resources = ["a", "b", "c"].map((x) => ({ data: { url: `https://${x}.example/` } }));
    expect(failingLinks(resources, state).map((row) => row.resource.data.url)).toEqual(["https://c.example/", "https://a.example/"]);
  });
});
