import { readFileSync } from "node:fs";
import * as YAML from "yaml";
import { describe, expect, it } from "vitest";
import { commentedYamlFormat, LIST_KEY } from "../../src/site/editor/yaml-format.js";

const format = commentedYamlFormat(YAML);
/** What the editor does: read the file, hand the values around as plain data, write them back. */
const roundTrip = (text: string, edit: (data: any) => void = () => {}) => {
  const data = structuredClone(format.fromFile(text));
  edit(data);
  return format.toFile(data);
};

describe("the editor's YAML format", () => {
  it("writes the source registry and the theme catalogue back unchanged when nothing was edited", () => {
    for (const file of ["_data/sources.yaml", "_data/themeCatalog.yaml"]) {
      const text = readFileSync(file, "utf8");
      expect(roundTrip(text)).toBe(text);
    }
  });

  it("keeps every comment when an entry of a top-level list changes", () => {
    const text =
      "# En-tête\n\n# --- Presse ---\n- id: a\n  name: A # nom court\n  themes: [laicite]\n\n# --- Recherche ---\n- id: b\n  name: B\n";
    const out = roundTrip(text, (data) => {
      data[LIST_KEY][1].name = "B modifiée";
    });
    expect(out).toBe(text.replace("name: B\n", "name: B modifiée\n"));
  });

  it("keeps each entry's comments with it when another entry is removed", () => {
    const text = "# --- Presse ---\n- id: a\n  name: A\n\n# --- Recherche ---\n- id: b\n  name: B\n- id: c\n  name: C\n";
    const out = roundTrip(text, (data) => {
      data[LIST_KEY].splice(0, 1);
    });
    // The comment just before the removed entry goes with it; the others stay with theirs.
    expect(out).toContain("# --- Recherche ---\n- id: b\n  name: B\n- id: c\n  name: C\n");
    expect(out).not.toContain("Presse");
  });

  it("adds a new entry without the optional fields left blank", () => {
    const out = roundTrip("- id: a\n", (data) => {
      data[LIST_KEY].push({ id: "b", site: "", note: null, themes: ["x"] });
    });
    expect(YAML.parse(out)).toEqual([{ id: "a" }, { id: "b", themes: ["x"] }]);
  });

  it("drops a key emptied in the form, keeps one the file had empty", () => {
    const out = roundTrip('# Identité\nname: Groupe\nphone: ""\nemail: groupe@exemple.fr # public\n', (data) => {
      data.email = "";
    });
    expect(out).toBe('# Identité\nname: Groupe\nphone: ""\n');
  });

  it("writes entries added to an empty list one per line, under the file's comments", () => {
    const out = roundTrip("# Introductions\n[]\n", (data) => {
      data[LIST_KEY].push({ week: "2026-S48", text: "Bonjour." });
    });
    expect(out).toBe("# Introductions\n- week: 2026-S48\n  text: Bonjour.\n");
  });
});
