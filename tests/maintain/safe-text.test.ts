import { describe, expect, it } from "vitest";
import { safeText, safeUrl } from "../../src/maintain/safe-text.ts";

describe("text from feeds on its way to a terminal or the registry", () => {
  it("loses terminal escape sequences whole (colours, clear screen, window title, hyperlinks)", () => {
    expect(safeText("a\u001b[31mb\u001b[2Jc\u001b]0;titre\u0007d\u001b]8;;https://x.example/\u0007e\u001b]8;;\u0007")).toBe("abcde");
  });

  it("loses C1 controls, including the one-byte CSI", () => {
    expect(safeText("Revue\u009b31m piégée\u0085")).toBe("Revue piégée");
  });

  it("loses bidirectional overrides, embeddings, isolates and marks", () => {
    expect(safeText("facture\u202egpj.exe \u2066x\u2069\u200f\u061c")).toBe("facture gpj.exe x");
  });

  it("keeps a name on one line: tabs, line breaks and other C0 controls become one space", () => {
    expect(safeText("  Revue\n- id: autre\t\u0000fin ")).toBe("Revue - id: autre fin");
  });

  it("leaves French text, other scripts and emoji as they are", () => {
    expect(safeText("« Laïcité » : l’œuvre – مرحبا Привет 你好 🙂")).toBe("« Laïcité » : l’œuvre – مرحبا Привет 你好 🙂");
  });

  it("writes addresses as the URL parser does, controls percent-encoded", () => {
    expect(safeUrl("https://exemple.fr/a\u001b[31m\u202e")).toBe("https://exemple.fr/a%1B[31m%E2%80%AE");
    expect(safeUrl("pas une\u001b[2J adresse")).toBe("pas une adresse");
  });
});
