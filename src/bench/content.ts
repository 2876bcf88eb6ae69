/**
 * Synthetic content for the benchmark, in the real file formats (src/core/watch-item.ts): watch items as the
 * ingest pipeline writes them, resources with the directory's front matter, and a source
 * registry. French text with accents, several sources, themes and dates spread over years; the
 * same seed always gives the same files.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { DateTime } from "luxon";
import { stringify } from "yaml";
import { DATA_FILES, PROJECT_ROOT, WATCH_DIR } from "../core/paths.ts";
import { AUDIENCE_LABELS, RESOURCE_TYPE_LABELS, SECTIONS, TERRITORIES, themesFileSchema } from "../core/taxonomy.ts";
import { serialiseState, type StateFile } from "../core/source-state.ts";
import { ZONE } from "../core/time.ts";
import { loadYamlFile } from "../core/validation.ts";
import { SUMMARY_MAX } from "../core/watch-item.ts";
import { renderItemFile, slugFor } from "../ingest/store.ts";
import { contentType, folderPath } from "../site/content/content-types.ts";
import { createRandom, type Random } from "./random.ts";

export const DEFAULT_SEED = 20261123;
/** Watch item dates are spread over these years, as a site running for a while would hold. */
const FIRST_DAY = DateTime.fromISO("2019-01-01T00:00:00", { zone: ZONE });
const LAST_DAY = DateTime.fromISO("2026-11-20T00:00:00", { zone: ZONE });

/** The front-matter engine refuses any theme that `_data/themeCatalog.yaml` does not list. */
export const THEME_IDS = loadYamlFile(join(PROJECT_ROOT, DATA_FILES.themes), themesFileSchema).map((theme) => theme.id);

const ACTORS = [
  "Le Défenseur des droits",
  "La Miviludes",
  "La préfecture du Finistère",
  "Brest métropole",
  "Le CIPDR",
  "La DILCRAH",
  "Un collectif d'associations brestoises",
  "L'Éducation nationale",
  "Des chercheurs de l'Université de Bretagne occidentale",
  "La CNCDH",
  "Le conseil départemental",
  "Une équipe de sociologues",
  "Des lycéens de Saint-Marc",
  "Le tribunal judiciaire de Brest",
  "La Commission européenne",
  "Le réseau Canopé",
  "L'Observatoire de la laïcité",
  "Une mission d'information parlementaire",
];
const ACTIONS = [
  "publie un rapport sur",
  "alerte sur",
  "lance une campagne contre",
  "réunit des professionnels autour de",
  "présente une étude inédite sur",
  "forme ses agents à la prévention de",
  "s'inquiète de",
  "dresse le bilan de",
  "appelle à mieux prévenir",
  "ouvre un appel à projets sur",
  "propose un guide pratique face à",
  "interroge les élus sur",
];
const SUBJECTS = [
  "les discriminations à l'embauche",
  "la laïcité dans les services publics",
  "les dérives sectaires en santé",
  "la radicalisation des mineurs en ligne",
  "les théories du complot chez les adolescents",
  "l'antisémitisme et le racisme",
  "les violences homophobes et transphobes",
  "l'emprise mentale",
  "la haine en ligne",
  "le fait religieux au travail",
  "l'égalité femmes-hommes dans le sport",
  "les discours extrémistes sur les réseaux sociaux",
  "l'accès au logement des personnes étrangères",
  "les contrôles d'identité discriminatoires",
  "le désengagement de la violence",
  "la désinformation pendant les élections",
  "les pratiques de soins non conventionnelles",
  "la tranquillité publique des quartiers",
];
const PLACES = [
  "à Brest",
  "en Finistère",
  "en Bretagne",
  "à Quimper",
  "à Morlaix",
  "à Landerneau",
  "en France",
  "en Europe",
  "à Plougastel-Daoulas",
  "à Guipavas",
  "au Relecq-Kerhuon",
  "dans les quartiers de Bellevue et Pontanézen",
];
const SENTENCES = [
  (s: string, p: string) =>
    `Selon une enquête menée ${p}, près d'un répondant sur ${3 + (s.length % 5)} déclare avoir été témoin de situations liées à ${s}.`,
  (s: string) =>
    `Les professionnels de terrain – travailleurs sociaux, enseignants, agents d'accueil – décrivent des réponses encore très inégales face à ${s}.`,
  (s: string, p: string) => `Le document recense des pratiques inspirantes ${p} et formule une dizaine de recommandations concrètes.`,
  () => `Les auteurs insistent sur la nécessité d'une coordination entre l'État, les collectivités et le tissu associatif.`,
  (s: string) => `Une journée d'échanges est prévue à l'automne pour présenter ces résultats et débattre des suites à donner sur ${s}.`,
  () => `Ce travail s'appuie sur des entretiens approfondis et sur l'analyse de plusieurs centaines de décisions de justice.`,
  (s: string, p: string) => `Élus et responsables associatifs ${p} réagissent : « il faut continuer à former, à écouter et à orienter ».`,
];
const SOURCE_KINDS = [
  "Observatoire",
  "Revue",
  "Carnet de recherche",
  "Lettre d'information",
  "Journal",
  "Centre de ressources",
  "Réseau",
  "Collectif",
];
const SOURCE_TOPICS = [
  "des discriminations",
  "de la laïcité",
  "des dérives sectaires",
  "de la prévention",
  "de l'égalité",
  "du vivre-ensemble",
  "des solidarités",
];
const SOURCE_PLACES = ["de Brest", "du Finistère", "de Bretagne", "d'Île-de-France", "européen", "international", "national", "de l'Ouest"];
const ORGANISATIONS = [
  "Défenseur des droits",
  "Mission interministérielle de vigilance et de lutte contre les dérives sectaires (Miviludes)",
  "Comité interministériel de prévention de la délinquance et de la radicalisation (CIPDR)",
  "Réseau Canopé",
  "Forum européen pour la sécurité urbaine (Efus)",
  "Département du Finistère",
  "Université de Bretagne occidentale",
  "Centre national de la fonction publique territoriale (CNFPT)",
  "Ligue de l'enseignement du Finistère",
];

export interface GeneratedFile {
  /** Relative to the site's root. */
  path: string;
  text: string;
}

/** A registry entry, as src/core/sources.ts validates it. */
export interface BenchSource {
  id: string;
  name: string;
  feed: string;
  site: string;
  section: (typeof SECTIONS)[number];
  territory: (typeof TERRITORIES)[number];
  themes: string[];
  keep: "all";
  reuse: "excerpt" | "full";
}

export interface Article {
  title: string;
  summary: string;
  /** Sanitised HTML for `reuse: full` sources, empty otherwise. */
  html: string;
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, cut.lastIndexOf(" "))}…`;
}

/** A French news item: title, a two-or-three-sentence summary and, for `full` sources, a body. */
export function article(random: Random, reuse: BenchSource["reuse"] = "excerpt"): Article {
  const subject = random.pick(SUBJECTS);
  const place = random.pick(PLACES);
  const title = `${random.pick(ACTORS)} ${random.pick(ACTIONS)} ${subject} ${place}`;
  const sentences = random.sample(SENTENCES, random.int(2, 3)).map((sentence) => sentence(subject, place));
  const html =
    reuse === "full" ? sentences.map((s) => `<p>${s} ${random.pick(SENTENCES)(random.pick(SUBJECTS), place)}</p>`).join("\n") : "";
  return { title, summary: clip(sentences.join(" "), SUMMARY_MAX), html };
}

function frontMatter(data: Record<string, unknown>, body: string): string {
  // Written like the pipeline writes watch items: every string double-quoted, no folded lines.
  return `---\n${stringify(data, { defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN", lineWidth: 0 })}---\n${body}`;
}

export function benchSources(count: number, seed: number, feedUrl: (id: string) => string): BenchSource[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, (_, index) => {
    const base = `${random.pick(SOURCE_KINDS)} ${random.pick(SOURCE_TOPICS)} ${random.pick(SOURCE_PLACES)}`;
    const name = `${base} n° ${index + 1}`;
    const id = `${slugFor(base)}-${index + 1}`;
    return {
      id,
      name,
      feed: feedUrl(id),
      site: `https://${id}.example.org/`,
      section: random.pick(SECTIONS),
      territory: random.pick(TERRITORIES),
      themes: random.sample(THEME_IDS, random.int(0, 2)),
      keep: "all",
      // One source in five lets the site republish its articles, as a few research blogs do.
      reuse: index % 5 === 4 ? "full" : "excerpt",
    };
  });
}

export function registryYaml(sources: readonly BenchSource[]): string {
  return stringify(sources, { lineWidth: 0 });
}

/** `_data/sourceState.json` after nightly runs: every source fetched, a few of them failing. */
export function sourceStateJson(sources: readonly BenchSource[], seed: number): string {
  const random = createRandom(seed);
  const night = LAST_DAY.plus({ hours: 3 }).toISO({ suppressMilliseconds: true })!;
  const state: StateFile = Object.fromEntries(
    sources.map((source) => {
      const failures = random.next() < 0.1 ? random.int(1, 5) : 0;
      return [
        source.id,
        {
          feed: source.feed,
          status: failures ? "failing" : "ok",
          etag: `"${random.int(1e8, 9e8).toString(16)}"`,
          lastModified: LAST_DAY.minus({ hours: random.int(1, 48) }).toHTTP()!,
          lastAttempt: night,
          lastSuccess: failures ? LAST_DAY.minus({ days: failures }).toISO({ suppressMilliseconds: true })! : night,
          failures,
          ...(failures ? { lastError: "HTTP 503 Service Unavailable" } : {}),
          itemsAdded: random.int(0, 12),
        },
      ];
    }),
  );
  return serialiseState(state);
}

/**
 * Where an item is stored: `content/veille/<YYYY>/<YYYY-MM-DD>-<slug>.md`. Its URL drops the day
 * (`/veille/<YYYY>/<slug>/`), so the slug is made unique within its year, as the pipeline does.
 */
function itemPath(date: DateTime, title: string, taken: Set<string>): string {
  const base = slugFor(title);
  let slug = base;
  for (let n = 2; taken.has(`${date.year}/${slug}`); n++) slug = `${base}-${n.toString(36)}`;
  taken.add(`${date.year}/${slug}`);
  return `${WATCH_DIR}/${date.year}/${date.toISODate()}-${slug}.md`;
}

export function watchItemFiles(count: number, sources: readonly BenchSource[], seed: number): GeneratedFile[] {
  const random = createRandom(seed);
  const span = LAST_DAY.diff(FIRST_DAY, "minutes").minutes;
  const taken = new Set<string>();
  return Array.from({ length: count }, (_, index) => {
    const source = random.pick(sources);
    const { title, summary, html } = article(random, source.reuse);
    const date = FIRST_DAY.plus({ minutes: random.int(0, span) }).startOf("minute");
    const url = `${source.site}articles/${index + 1}-${slugFor(title)}`;
    const themes = [...new Set([...source.themes, ...random.sample(THEME_IDS, random.int(1, 2))])];
    const data = {
      title,
      date: date.toISO({ suppressMilliseconds: true })!,
      source: source.id,
      url,
      guid: url,
      section: source.section,
      territory: source.territory,
      themes,
      summary,
      fetched: date.plus({ hours: random.int(1, 20) }).toISO({ suppressMilliseconds: true })!,
    };
    return { path: itemPath(date, title, taken), text: renderItemFile(data, html) };
  });
}

export function resourceFiles(count: number, seed: number): GeneratedFile[] {
  const random = createRandom(seed);
  const types = Object.keys(RESOURCE_TYPE_LABELS);
  const audiences = Object.keys(AUDIENCE_LABELS);
  return Array.from({ length: count }, (_, index) => {
    const { title, summary } = article(random);
    const data = {
      title: `Fiche ${index + 1} : ${title}`,
      organisation: random.pick(ORGANISATIONS),
      url: `https://ressources.example.org/fiche-${index + 1}`,
      type: random.pick(types),
      themes: random.sample(THEME_IDS, random.int(1, 3)),
      territory: random.pick(TERRITORIES),
      audiences: random.sample(audiences, random.int(1, 4)),
      language: "fr",
      summary,
      updated: FIRST_DAY.plus({ days: random.int(0, 2500) }).toISODate(),
    };
    const body = `${summary}\n\n## Ce que l'on y trouve\n\n- Des repères juridiques et des exemples commentés.\n- Des contacts utiles ${random.pick(PLACES)}.\n- Une bibliographie pour aller plus loin.\n`;
    return {
      path: `${folderPath(contentType("resource"), "")}/bench-${String(index + 1).padStart(3, "0")}.md`,
      text: frontMatter(data, body),
    };
  });
}

export interface SiteSize {
  items: number;
  resources: number;
  /** Sources the items come from; the build shows their names. */
  sources?: number;
}

/** Writes the synthetic content into a copy of the project (never the repository's own content/). */
export async function writeSyntheticSite(root: string, size: SiteSize, seed = DEFAULT_SEED): Promise<void> {
  const sources = benchSources(size.sources ?? 40, seed, (id) => `https://${id}.example.org/feed.xml`);
  const files = [
    { path: DATA_FILES.sources, text: registryYaml(sources) },
    { path: DATA_FILES.sourceState, text: sourceStateJson(sources, seed + 3) },
    ...watchItemFiles(size.items, sources, seed + 1),
    ...resourceFiles(size.resources, seed + 2),
  ];
  for (const dir of new Set(files.map((f) => dirname(join(root, f.path))))) await mkdir(dir, { recursive: true });
  for (const file of files) await writeFile(join(root, file.path), file.text);
}
