import { relative } from "node:path";
import type { Reporter, TestModule } from "vitest/node";

const SLOWEST_SHOWN = 10;

/**
 * Ends the run with the slowest test files (to keep the suite fast, see docs/architecture.md)
 * and a plain « N passed, N failed » line, which CI reads whatever the runner; vitest's own
 * summary is kept above it for people.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    process.stdout.write(slowestFiles(testModules));
    process.stdout.write(`\n${countLine(testModules)}\n`);
  }
}

/** The files that took longest, set-up included (importing the module, its hooks and its tests). */
function slowestFiles(testModules: ReadonlyArray<TestModule>): string {
  const timed = testModules.map((module) => {
    const { collectDuration, setupDuration, duration } = module.diagnostic();
    return { file: relative(process.cwd(), module.moduleId), seconds: (collectDuration + setupDuration + duration) / 1000 };
  });
  const rows = timed.sort((a, b) => b.seconds - a.seconds).slice(0, SLOWEST_SHOWN);
  return `\nSlowest test files:\n${rows.map((r) => `  ${r.seconds.toFixed(1).padStart(6)} s  ${r.file}`).join("\n")}\n`;
}

function countLine(testModules: ReadonlyArray<TestModule>): string {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const module of testModules) {
    for (const test of module.children.allTests()) {
      const state = test.result().state;
      if (state === "passed" || state === "failed" || state === "skipped") counts[state] += 1;
    }
    // A file that fails to load has no tests to count, but it is a failure all the same.
    if (module.state() === "failed" && [...module.children.allTests()].length === 0) counts.failed += 1;
  }
  return `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
}
