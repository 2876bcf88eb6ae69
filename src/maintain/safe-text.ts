/**
 * Text from feeds, pages and OPML files on its way to a terminal or to the registry.
 *
 * A feed title can carry terminal escape sequences (clear the screen, rewrite the title bar,
 * forge a hyperlink), C0/C1 control characters and bidirectional overrides that make a printed
 * name read differently from what it is. None of them belongs in a source's name or in a table.
 */
import { stripVTControlCharacters } from "node:util";

/** C0 and C1 controls (tab and line breaks included: names and cells are one line), DEL, and the bidi marks, embeddings, overrides and isolates. */
const CONTROLS = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]+/g;

/** One line of plain text: escape sequences removed whole, other controls turned into a space. */
export function safeText(text: string): string {
  // Node's own pattern removes complete ESC/CSI/OSC sequences, so no stray "[31m" is left behind.
  return stripVTControlCharacters(text).replace(CONTROLS, " ").replace(/ {2,}/g, " ").trim();
}

/** An address as the URL parser writes it (controls percent-encoded), or its safe text when it is not one. */
export function safeUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return safeText(url);
  }
}
