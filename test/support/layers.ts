// The layer rules of .dependency-cruiser.cjs run through dependency-cruiser's own API, as its CLI does: the
// CLI (`depcruise`) refuses Node 20 by its engines field (^22), the API runs on it. Used by `npm run deps`
// (the repository) and by test/deps.test.ts (a fixture tree with one violation per rule).
import { resolve } from "node:path";
import { cruise, type IReporterOutput } from "dependency-cruiser";
import extractDepcruiseConfig from "dependency-cruiser/config-utl/extract-depcruise-config";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";

const ROOT = resolve(import.meta.dirname, "../..");
export const LAYER_CONFIG = resolve(ROOT, ".dependency-cruiser.cjs");

/** Cruises `paths` (relative to `baseDir`) against the layer rules; "err" output is depcruise's own report. */
export async function cruiseLayers(
  paths: string[],
  { baseDir = ROOT, outputType = "err" }: { baseDir?: string; outputType?: "err" | "json" } = {},
): Promise<IReporterOutput> {
  const ruleSet = await extractDepcruiseConfig(LAYER_CONFIG);
  const tsConfig = extractTSConfig(resolve(ROOT, "tsconfig.json"));
  return cruise(paths, { ruleSet, validate: true, outputType, baseDir }, {}, { tsConfig });
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const result = await cruiseLayers(process.argv.slice(2));
  process.stdout.write(String(result.output));
  process.exitCode = result.exitCode;
}
