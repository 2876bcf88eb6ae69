import { describe, expect, it } from "vitest";
import { CONTENT_TYPES, contentFileOf, declarationProblems, typeOfFile } from "../../src/site/content/content-types.ts";

const typeAt = (path: string) => {
  const file = contentFileOf(path);
  return file && typeOfFile(file)?.id;
};

describe("content type declarations", () => {
  it("give every type its own folder, id and collection", () => {
    expect(declarationProblems(CONTENT_TYPES)).toEqual([]);
  });

  it("report two types declared in one folder", () => {
    const [page] = CONTENT_TYPES;
    expect(declarationProblems([page, { ...page, id: "autre" }])).toEqual(["dossier « content/ » déclaré deux fois"]);
  });

  it("type a file by the exact folder it sits in, whatever the order of the declarations", () => {
    const paths = {
      "./content/a-propos.md": "page",
      "./content/ressources/guide.md": "resource",
      "./content/blog/2026-11-23-billet.md": "post",
      "./content/veille/2026/2026-11-20-essai.md": "watch",
      "./content/veille/lettre/note.md": undefined,
      "./content/veille/2026/sous/essai.md": undefined,
      "./content/ressources/index.njk": undefined,
    };
    for (const [path, id] of Object.entries(paths)) expect(typeAt(path), path).toBe(id);
    const reversed = [...CONTENT_TYPES].reverse();
    for (const [path, id] of Object.entries(paths)) {
      const file = contentFileOf(path);
      expect(file && typeOfFile(file, reversed)?.id, path).toBe(id);
    }
  });

  it("give a watch item the URL of its year and whole file name, so same-title items never collide", () => {
    const watch = CONTENT_TYPES.find((t) => t.id === "watch")!;
    const urls = ["./content/veille/2026/2026-11-20-agenda.md", "./content/veille/2026/2026-11-27-agenda.md"].map((p) =>
      watch.permalink(contentFileOf(p)!),
    );
    expect(urls).toEqual(["/veille/2026/2026-11-20-agenda/", "/veille/2026/2026-11-27-agenda/"]);
  });
});
