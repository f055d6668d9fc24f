// `npm run push -- [--target dev|prod]`: builds the add-on with the deployed API URL in urlFetchWhitelist, writes
// .clasp.json for the chosen script and pushes dist/addon with the project's own clasp.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import * as path from "node:path";
import { claspProject, DeployConfigError, parsePushArgs, resolveApiUrl, resolveScriptId } from "./config.js";

const root = path.resolve(import.meta.dirname, "../..");
const readIfExists = (file: string): string | undefined =>
  existsSync(file) ? readFileSync(file, "utf8") : undefined;

function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0)
    throw new DeployConfigError(
      `\`${[path.basename(command), ...args].join(" ")}\` failed (exit ${result.status ?? result.signal}).`,
    );
}

function main(): void {
  const args = parsePushArgs(process.argv.slice(2));
  const apiUrl = resolveApiUrl(args, process.env, readIfExists(path.resolve(root, args.outputsFile)));
  const scriptId = resolveScriptId(
    args.target,
    process.env,
    readIfExists(path.join(root, `addon/deploy/clasp.${args.target}.json`)),
  );

  const authFile = process.env.clasp_config_auth ?? path.join(homedir(), ".clasprc.json");
  if (!existsSync(authFile)) {
    throw new DeployConfigError(
      `clasp is not logged in (no ${authFile}). Run \`npx clasp login\` once, then push again.`,
    );
  }

  // The add-on build reads OKR_API_URL for urlFetchWhitelist; build here so the URL always matches the target.
  const env = { ...process.env, OKR_API_URL: apiUrl };
  run(
    process.execPath,
    [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "addon/build.ts")],
    env,
  );
  if (!existsSync(path.join(root, "dist/addon/appsscript.json"))) {
    throw new DeployConfigError(
      "The add-on build did not write dist/addon/appsscript.json; check addon/build.ts.",
    );
  }

  writeFileSync(path.join(root, ".clasp.json"), `${JSON.stringify(claspProject(scriptId), null, 2)}\n`);
  console.log(`Pushing dist/addon to the ${args.target} script ${scriptId} (API ${apiUrl})`);
  run(
    path.join(root, "node_modules/.bin/clasp"),
    ["--project", path.join(root, ".clasp.json"), "push", "--force"],
    env,
  );
}

try {
  main();
} catch (e) {
  if (!(e instanceof DeployConfigError)) throw e;
  console.error(`push: ${e.message}`);
  process.exit(1);
}
