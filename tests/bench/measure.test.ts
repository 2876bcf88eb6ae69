import { describe, expect, it } from "vitest";
import { measure } from "../../src/bench/measure.ts";
import { recordRatios, siteEleventyRatio } from "../../src/bench/report.ts";

describe("benchmark measurement", () => {
  it("times the first output line that matches the mark, inside the same run", async () => {
    const run = await measure(
      "bash",
      ["-c", "echo start; sleep 0.4; printf 'Wrote 12 fi'; sleep 0.1; echo 'les'; sleep 0.4; echo Wrote 99 files"],
      { cwd: process.cwd(), mark: /Wrote \d+ files/ },
    );
    expect(run.markMs).toBeGreaterThanOrEqual(500);
    expect(run.markMs).toBeLessThan(run.wallMs);
    expect(run.wallMs).toBeGreaterThanOrEqual(900);
  });

  it("leaves the mark undefined when no line matches", async () => {
    const run = await measure("bash", ["-c", "echo nothing"], { cwd: process.cwd(), mark: /Wrote \d+ files/ });
    expect(run.markMs).toBeUndefined();
  });

  it("computes the ratios of record against bare Eleventy by node, and the first one against bare Eleventy by tsx", () => {
    const usage = (wallMs: number) => ({ wallMs, cpuMs: 0, peakRssBytes: 0 });
    const figures = {
      full: usage(18_000),
      eleventyStepMs: 12_000,
      bareItems: usage(6_000),
      bare: usage(8_000),
      pagefind: { wallMs: 6_000, peakRssBytes: 0, pages: 0 },
    };
    expect(recordRatios(figures)).toEqual({ eleventy: 2, full: 3 });
    expect(siteEleventyRatio(figures)).toBe(1.5);
  });
});
