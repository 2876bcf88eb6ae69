import { describe, expect, it } from "vitest";
import { fold } from "../../src/core/text.ts";

/** The general rule, without the shortcut for Latin text. */
const general = (text: string) =>
  text
    .normalize("NFD")
    .replace(/(\p{Script=Latin})\p{M}+/gu, "$1")
    .normalize("NFC")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae");

describe("fold", () => {
  it("drops Latin accents and case, keeps the marks of other scripts", () => {
    expect(fold("Laïcité, ŒUVRE et Æther")).toBe("laicite, oeuvre et aether");
    expect(fold("が की Ἀθῆναι")).toBe(general("が की Ἀθῆναι"));
  });

  it("takes the shortcut for Latin text only where the general rule gives the same", () => {
    const latin: string[] = []; // the ranges of LATIN_TEXT in src/core/text.ts
    for (const [from, to] of [
      [0, 0x24f],
      [0x2000, 0x206f],
      [0x20ac, 0x20ac],
    ] as const)
      for (let c = from; c <= to; c++) latin.push(String.fromCharCode(c));
    const wrong: string[] = [];
    for (const a of latin) for (const b of latin) if (fold(a + b) !== general(a + b)) wrong.push(a + b);
    expect(wrong).toEqual([]);
  });
});
