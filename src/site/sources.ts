import { existsSync, readFileSync } from "node:fs";
import { parseYamlText } from "../core/validation.ts";

/**
 * Source id → display name, for watch items. The registry itself is validated by the ingest
 * pipeline; the site only needs the names, and builds without a registry (a fresh fork).
 */
export function loadSourceNames(file: string): Map<string, string> {
  if (!existsSync(file)) return new Map();
  const entries = parseYamlText(readFileSync(file, "utf8"), file);
  if (!Array.isArray(entries)) return new Map();
  return new Map(
    entries
      .filter((e): e is { id: string; name: string } => typeof e?.id === "string" && typeof e?.name === "string")
      .map((e) => [e.id, e.name]),
  );
}
