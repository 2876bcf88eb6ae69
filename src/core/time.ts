/** The group works in Brest: every date the site shows, and every date the ingest writes, is in Paris time. */
export const ZONE = "Europe/Paris";
