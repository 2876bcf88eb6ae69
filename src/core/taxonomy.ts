import { z } from "zod";

/**
 * The vocabularies a value may be taken from, each named once. A schema whose values come from one
 * carries its name (`.meta({ vocabulary })`): the editor offers that vocabulary's options wherever
 * the schema is used, and nowhere else (src/site/editor/fields.ts), whatever the key is called.
 */
export type Vocabulary = "territory" | "section" | "resourceType" | "audience" | "themes" | "sources";
const fromVocabulary = (vocabulary: Vocabulary) => ({ vocabulary });

/** A closed vocabulary declared by its French labels: its values are the keys, in their order. */
function valuesOf<K extends string>(labels: Record<K, string>): [K, ...K[]] {
  return Object.keys(labels) as [K, ...K[]];
}

/** Where a watch item or a resource is anchored, from the most local to the widest. */
export const TERRITORY_LABELS = {
  brest: "Brest métropole",
  finistere: "Finistère",
  bretagne: "Bretagne",
  national: "National",
  europe: "Europe",
  international: "International",
} as const;
export type Territory = keyof typeof TERRITORY_LABELS;
export const TERRITORIES = valuesOf(TERRITORY_LABELS);
export const territorySchema = z.enum(TERRITORIES).meta(fromVocabulary("territory"));

/** The three shelves of the watch. */
export const SECTION_LABELS = { actualites: "Actualité", recherche: "Recherche", partenaires: "Partenaire" } as const;
export type Section = keyof typeof SECTION_LABELS;
export const SECTIONS = valuesOf(SECTION_LABELS);
export const sectionSchema = z.enum(SECTIONS).meta(fromVocabulary("section"));

export const idSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    message: "identifiant attendu : lettres minuscules sans accent, chiffres et tirets (ex. « defenseur-des-droits »)",
  });
/** The id of a theme of the catalogue (`_data/themeCatalog.yaml`). */
export const themeIdSchema = idSchema.meta(fromVocabulary("themes"));
/** The id of a source of the registry (`_data/sources.yaml`). */
export const sourceIdSchema = idSchema.meta(fromVocabulary("sources"));

/**
 * One theme of `_data/themeCatalog.yaml`. The keyword lists drive the watch's classifier
 * (src/ingest/classify.ts): `strong` terms keep an item on their own, `weak` clues need another
 * clue, a strong term or a local place; `ignore` lists fixed expressions that look like a theme
 * word but are not (« in extremis »). A trailing `*` marks a prefix (`discrimin*`), `a + b` two
 * words near each other; matching folds case, accents, plurals and feminine forms.
 */
export const themeSchema = z.strictObject({
  id: idSchema,
  label: z.string().min(1),
  description: z.string().min(1),
  crossCutting: z.boolean().default(false),
  strong: z.array(z.string().min(1)).default([]),
  weak: z.array(z.string().min(1)).default([]),
  // Optional rather than defaulted, so theme objects written by hand (tests, tools) need not list it.
  ignore: z.array(z.string().min(1)).optional(),
});
export type Theme = z.infer<typeof themeSchema>;

export const themesFileSchema = z.array(themeSchema).superRefine((themes, ctx) => {
  const seen = new Set<string>();
  themes.forEach((theme, index) => {
    if (seen.has(theme.id))
      ctx.addIssue({ code: "custom", path: [index, "id"], message: `identifiant « ${theme.id} » déjà utilisé par un autre thème` });
    seen.add(theme.id);
  });
});

/** Kinds of entries in the resource directory, in the order the directory lists them. */
export const RESOURCE_TYPE_LABELS = {
  guide: "Guide ou boîte à outils",
  rapport: "Rapport ou étude",
  recherche: "Article de recherche ou thèse",
  juridique: "Texte juridique ou circulaire",
  pedagogique: "Outil pédagogique",
  video: "Vidéo ou podcast",
  formation: "Formation ou MOOC",
  pratique: "Pratique inspirante",
  evenement: "Événement",
  financement: "Appel à projets ou financement",
  donnees: "Données",
  annuaire: "Annuaire ou contact",
} as const;
export type ResourceType = keyof typeof RESOURCE_TYPE_LABELS;
export const resourceTypeSchema = z.enum(valuesOf(RESOURCE_TYPE_LABELS)).meta(fromVocabulary("resourceType"));

export const AUDIENCE_LABELS = {
  elus: "Élu·e·s",
  agents: "Agents des collectivités",
  "travail-social": "Travail social",
  education: "Éducation",
  sante: "Santé",
  "sport-culture": "Sport et culture",
  associations: "Associations",
  police: "Police",
  justice: "Justice et PJJ",
} as const;
export type Audience = keyof typeof AUDIENCE_LABELS;
export const audienceSchema = z.enum(valuesOf(AUDIENCE_LABELS)).meta(fromVocabulary("audience"));
