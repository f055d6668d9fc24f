// Tests run against the built bundle, built for tests into dist/addon-test with TEST_API_URL allowlisted (so a
// deploy build in dist/addon is never overwritten); rebuilt when missing, older than the add-on's sources, or
// built with another allowlist.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { builtManifest, DIST, TEST_API_URL } from "./load-addon.js";

const ROOT = path.resolve(import.meta.dirname, "../../..");

function newestSource(): number {
  let newest = 0;
  for (const dir of ["addon", "addon/html", "shared"]) {
    for (const file of readdirSync(path.join(ROOT, dir))) {
      if (!/\.(ts|html|part|json)$/.test(file) || file.endsWith(".test.ts")) continue;
      newest = Math.max(newest, statSync(path.join(ROOT, dir, file)).mtimeMs);
    }
  }
  return Math.max(newest, statSync(path.join(ROOT, "appsscript.json")).mtimeMs);
}

function upToDate(): boolean {
  const code = path.join(DIST, "Code.js");
  if (!existsSync(code) || !existsSync(path.join(DIST, "appsscript.json"))) return false;
  if (statSync(code).mtimeMs < newestSource()) return false;
  return (builtManifest().urlFetchWhitelist ?? []).includes(`${TEST_API_URL}/`);
}

export async function ensureBuiltAddon(): Promise<void> {
  if (upToDate()) return;
  const { buildAddon } = await import("../../../addon/build.js");
  await buildAddon({ apiUrl: TEST_API_URL, outDir: DIST });
}
