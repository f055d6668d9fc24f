// The layer rules bite: a fixture tree with one deliberate violation per rule (test/fixtures/layers) is
// cruised with the repository's own .dependency-cruiser.cjs, and exactly those violations come back. A rule
// whose paths drift so that it never matches, or a new rule without a fixture, fails here.
import { createRequire } from "node:module";
import { resolve } from "node:path";
import type { ICruiseResult } from "dependency-cruiser";
import { describe, expect, it } from "vitest";
import { cruiseLayers, LAYER_CONFIG } from "./support/layers.js";

const FIXTURE = resolve(import.meta.dirname, "fixtures/layers");
const ruleNames: string[] = createRequire(import.meta.url)(LAYER_CONFIG).forbidden.map(
  (rule: { name: string }) => rule.name,
);

async function violations(): Promise<string[]> {
  const { output } = await cruiseLayers(["addon", "api", "shared"], { baseDir: FIXTURE, outputType: "json" });
  const result = JSON.parse(String(output)) as ICruiseResult;
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
}

describe("layer rules (.dependency-cruiser.cjs)", () => {
  it("reports each deliberate violation of the fixture tree and nothing the rules allow", async () => {
    const found = await violations();
    expect(found).toEqual(
      [
        // A loop is reported once, at the edge where the cruise closes it; the type-only loop not at all.
        "no-circular: shared/loop-a.ts -> shared/loop-b.ts",
        "not-to-unresolvable: api/unresolved.ts -> ./gone.js",
        "shared-not-to-addon-or-api: shared/up.ts -> addon/menu.ts",
        "shared-no-node-builtins: shared/builtin.ts -> fs",
        // Packages resolve in the repository's node_modules, above the fixture tree.
        "shared-only-zod: shared/package.ts -> ../../../node_modules/hono/dist/index.js",
        "addon-not-to-api: addon/menu.ts -> api/store/table.ts",
        "dashboard-not-to-routes: api/dashboard/page.ts -> api/routes/rollup.ts",
        "store-not-to-upper-layers: api/store/table.ts -> api/dashboard/page.ts",
        "store-not-to-upper-layers: api/store/table.ts -> api/read/view.ts",
        "store-not-to-upper-layers: api/store/table.ts -> api/routes/rollup.ts",
        "store-not-to-upper-layers: api/store/table.ts -> api/sync/plan.ts",
        "read-not-to-routes: api/read/view.ts -> api/routes/rollup.ts",
        "production-not-to-test: api/routes/rollup.ts -> test/support/helper.ts",
      ].sort(),
    );
    // Every rule of the configuration has its fixture: none can silently stop matching.
    expect(new Set(found.map((line) => line.split(":")[0]))).toEqual(new Set(ruleNames));
  });
});
