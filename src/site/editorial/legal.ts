import type { Site } from "../content/schemas.ts";

/** One piece of information the law asks for that `_data/site.yaml` does not give yet. */
export interface MissingField {
  /** Where to fill it in `_data/site.yaml`. */
  field: string;
  /** What it is, in the maintainers' words. */
  label: string;
  /** The page that needs it. */
  page: string;
}

const LEGAL_NOTICE = "/mentions-legales/";
const PRIVACY = "/confidentialite/";
const ACCESSIBILITY = "/accessibilite/";

/**
 * What the group must still fill in before the site goes live: the mentions légales (LCEN art. 6),
 * the privacy notice (RGPD art. 13) and the accessibility statement (RGAA 4.1.2). A DPO is only
 * required of some bodies, and the form service only once a form is open, so they are asked for
 * only when they apply.
 */
export function missingLegalFields(site: Site): MissingField[] {
  const checks: Array<[boolean, MissingField]> = [
    [
      !site.legal.publisher.name,
      {
        field: "legal.publisher.name",
        label: "nom de l'éditeur du site (Brest métropole ou une structure membre du groupe)",
        page: LEGAL_NOTICE,
      },
    ],
    [!site.legal.publisher.address, { field: "legal.publisher.address", label: "adresse postale de l'éditeur", page: LEGAL_NOTICE }],
    [!site.legal.publisher.phone, { field: "legal.publisher.phone", label: "téléphone de l'éditeur", page: LEGAL_NOTICE }],
    [!site.legal.director, { field: "legal.director", label: "nom de la personne directrice de la publication", page: LEGAL_NOTICE }],
    [!site.legal.host.name, { field: "legal.host.name", label: "nom de l'hébergeur", page: LEGAL_NOTICE }],
    [!site.legal.host.address, { field: "legal.host.address", label: "adresse postale de l'hébergeur", page: LEGAL_NOTICE }],
    [!site.legal.host.phone, { field: "legal.host.phone", label: "téléphone de l'hébergeur", page: LEGAL_NOTICE }],
    [
      !site.contact.endpoint && !site.contact.email,
      {
        field: "contact.endpoint ou contact.email",
        label: "moyen de joindre le groupe (formulaire ou adresse électronique)",
        page: "/contact/",
      },
    ],
    [
      !site.privacy.controller,
      { field: "privacy.controller", label: "responsable du traitement des données du formulaire", page: PRIVACY },
    ],
    [
      !site.privacy.legalBasis,
      { field: "privacy.legalBasis", label: "base légale du traitement des données du formulaire", page: PRIVACY },
    ],
    [!site.privacy.retention, { field: "privacy.retention", label: "durée de conservation des messages reçus", page: PRIVACY }],
    [
      Boolean(site.contact.endpoint) && !site.privacy.formService,
      { field: "privacy.formService", label: "service qui reçoit les envois du formulaire", page: PRIVACY },
    ],
    [
      !site.accessibility.contact,
      { field: "accessibility.contact", label: "moyen ouvert à tous pour signaler un défaut d'accessibilité", page: ACCESSIBILITY },
    ],
  ];
  return checks.filter(([missing]) => missing).map(([, field]) => field);
}

/** The checklist the build prints, in French, or nothing when every field is filled. */
export function legalChecklist(missing: readonly MissingField[]): string {
  if (missing.length === 0) return "";
  const lines = missing.map((m) => `  - ${m.label} (${m.field}, page ${m.page})`);
  return [`À compléter dans _data/site.yaml avant la mise en ligne (${missing.length}) :`, ...lines].join("\n");
}
