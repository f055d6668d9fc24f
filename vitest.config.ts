import { availableParallelism } from "node:os";
import { relative } from "node:path";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The files that take longest (CPU seconds on 2 cores, slowest first): started first, so the two workers finish
 * together instead of one running a 40-second file alone at the end. Without this, a fresh clone (no vitest
 * results cache) starts the largest files first, and these are small files.
 */
const LONGEST_FIRST = [
  "api/demo/main.test.ts",
  "test/crash/dynalite.test.ts",
  "test/addon/call-count.test.ts",
  "test/addon/google.test.ts",
  "test/crash/dynamodb-local.test.ts",
  "test/browser/dashboard.test.ts",
  "test/api/large-sync.test.ts",
  "test/formula-oracle-dirty.test.ts",
  "api/store/dynamodb-local.test.ts",
  "test/formula-oracle.test.ts",
  "test/addon/natural-layouts.test.ts",
  "test/addon/sync.test.ts",
  "test/browser/review-meeting.test.ts",
  "test/addon/first-hour.test.ts",
];

class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) =>
      LONGEST_FIRST.indexOf(relative(spec.project.config.root, spec.moduleId));
    const known = files.filter((spec) => rank(spec) >= 0).sort((a, b) => rank(a) - rank(b));
    return [...known, ...(await super.sort(files.filter((spec) => rank(spec) < 0)))];
  }
}

export default defineConfig({
  test: {
    include: ["shared/**/*.test.ts", "addon/**/*.test.ts", "api/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["node_modules/**", "dist/**", "**/cdk.out/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // vitest's default is one worker less than the cores: on 2 cores, one file at a time. Much of the suite waits
    // on other processes (the API, DynamoDB Local, Chromium, tsx), so two files at once use both cores.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    sequence: { sequencer: LongestFirstSequencer },
  },
});
