// Tests run against the built bundle; build it when it is missing or older than the add-on's sources
// (`npm test` builds first, so this only matters when one test file is run alone).
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { DIST } from "./load-addon.js";

const ROOT = path.resolve(import.meta.dirname, "../../..");

function newestSource(): number {
  let newest = 0;
  for (const dir of ["addon", "addon/html", "shared"]) {
    for (const file of readdirSync(path.join(ROOT, dir))) {
      if (!/\.(ts|html)$/.test(file) || file.endsWith(".test.ts")) continue;
      newest = Math.max(newest, statSync(path.join(ROOT, dir, file)).mtimeMs);
    }
  }
  return newest;
}

export async function ensureBuiltAddon(): Promise<void> {
  const code = path.join(DIST, "Code.js");
  if (existsSync(code) && statSync(code).mtimeMs >= newestSource()) return;
  const { buildAddon } = await import("../../../addon/build.js");
  await buildAddon();
}
