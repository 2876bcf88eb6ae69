import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // vitest's default is one worker less than the cores: a single worker on this 2-core machine, one core idle
    // while a file waits on a build or a browser. Two workers run two files at a time.
    maxWorkers: 2,
    globalSetup: ["tests/support/global-setup.ts"],
    reporters: ["default", "./tests/support/summary-reporter.ts"],
  },
});
