import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sharedSite, type SiteBuild } from "../support/site-build.ts";

// Every legal field filled in, as the group will do before going live (values made up for the test).
const FILLED = {
  contact: { endpoint: "https://formulaire.example/envoi", email: "groupe@structure.example" },
  procedures: { acknowledgement: "Un accusé de réception vous est adressé dans la semaine." },
  legal: {
    publisher: { name: "Structure éditrice d'essai", address: "1 rue de l'Essai, 29200 Brest", phone: "02 00 00 00 01", email: "" },
    director: "Camille Essai",
    host: { address: "Adresse de l'hébergeur d'essai", phone: "+1 000 000 0002" },
  },
  privacy: {
    controller: "Structure éditrice d'essai",
    dpo: "dpo@structure.example",
    legalBasis: "votre consentement",
    formService: "Service d'envoi d'essai",
    retention: "un an après le dernier échange",
  },
  accessibility: {
    status: "partiellement",
    auditDate: "2027-03-15",
    auditor: "Cabinet d'essai",
    rate: "82 %",
    contact: "accessibilite@structure.example",
  },
};

let site: SiteBuild;
const text = (url: string) =>
  readFileSync(join(site.output, url, "index.html"), "utf8")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .replace(/[’]/g, "'")
    .replace(/\u202F/g, " ");

beforeAll(async () => {
  site = await sharedSite({ site: FILLED });
});

describe("the legal pages once site.yaml is filled", () => {
  it("print the publisher, its address and phone, the director and the host's address and phone", () => {
    const notice = text("/mentions-legales/");
    for (const value of [
      "Structure éditrice d'essai",
      "1 rue de l'Essai, 29200 Brest",
      "02 00 00 00 01",
      "Camille Essai",
      "Adresse de l'hébergeur d'essai",
      "+1 000 000 0002",
    ])
      expect(notice).toContain(value);
    expect(notice).not.toContain("pas encore");
  });

  it("print the controller, DPO, legal basis, form service, retention and where to exercise rights", () => {
    const privacy = text("/confidentialite/");
    for (const value of [
      "Structure éditrice d'essai",
      "dpo@structure.example",
      "repose sur votre consentement",
      "Service d'envoi d'essai",
      "conservés un an après le dernier échange",
      "groupe@structure.example",
      "CNIL",
    ])
      expect(privacy).toContain(value);
    expect(privacy).not.toContain("pas encore");
  });

  it("print the audit's date, auditor and rate, and the open feedback contact", () => {
    const statement = text("/accessibilite/");
    expect(statement).toContain("partiellement conforme");
    expect(statement).toContain("15 mars 2027 par Cabinet d'essai");
    expect(statement).toContain("82 %");
    expect(statement).toContain("accessibilite@structure.example");
  });

  it("say on the contact page what the group does on receipt", () => {
    expect(text("/contact/")).toContain("Un accusé de réception vous est adressé dans la semaine.");
  });

  it("leave the build's checklist out", () => {
    expect(site.stdout).not.toContain("À compléter");
  });
});
