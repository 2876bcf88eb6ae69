import { rm } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { refuseReservedName } from "../../src/site/content/plugin.ts";
import { prepareSite, runBuild } from "../support/site-build.ts";

/**
 * A data file is known to the pages by its name: `_data/constructor.yaml` would be `constructor`,
 * which JavaScript already gives every object. The build used to replace such a file by the
 * built-in, silently (red team 2, M6); it now stops and names the file.
 */
describe("data files named like JavaScript built-ins", () => {
  it("stop the real build with a French message naming the file", async () => {
    const root = await prepareSite({ files: { "_data/constructor.yaml": "a: VALEUR-DU-FICHIER\n" } });
    try {
      const failure = await runBuild(root).then(
        () => undefined,
        (error: Error) => error.message,
      );
      expect(failure).toBeDefined();
      expect(failure).toContain("_data/constructor.yaml");
      expect(failure).toMatch(/le nom « constructor » est réservé.*renommez-le/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }, 120_000);

  it.each(["__proto__.yaml", "toString.yaml", "hasOwnProperty.json", "prototype.yaml", "valueOf.yml"])("refuses %s", (name) => {
    expect(() => refuseReservedName(`_data/${name}`)).toThrow(/est réservé/);
  });

  it.each(["site.yaml", "letterIntros.yaml", "constructors.yaml", "proto.yaml", "sourceState.json"])("accepts %s", (name) => {
    expect(() => refuseReservedName(`_data/${name}`)).not.toThrow();
  });
});
