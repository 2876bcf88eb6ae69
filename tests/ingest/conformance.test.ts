import { join } from "node:path";
import { expect, it } from "vitest";
import { formatConformance, runConformance } from "../../src/eval/conformance.ts";
import { FIXTURES } from "./support.ts";

it("scores a corpus per folder by properties: attack neutralised with its text kept, encoding decoded, ill-formed feed reported", async () => {
  const report = await runConformance(join(FIXTURES, "mini-corpus"));
  expect(report.summary.sanitize).toMatchObject({ total: 1, pass: 1 });
  expect(report.summary.encoding).toMatchObject({ total: 1, pass: 1 });
  expect(report.summary.illformed).toMatchObject({ total: 1, pass: 1 });
  expect(report.results.find((r) => r.folder === "illformed")!.detail).toMatch(/^XML invalide/);
  expect(formatConformance(report)).toContain("sanitize/ : 1/1 cas réussis");
});
