import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["shared/**/*.test.ts", "addon/**/*.test.ts", "api/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["node_modules/**", "dist/**", "**/cdk.out/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
