// `npm run push -- [--target dev|prod]`: builds the add-on with the deployed API URL in urlFetchWhitelist, writes
// .clasp.json for the chosen script and pushes dist/addon with clasp: the first `clasp` on PATH, else the project's
// own (under `npm run`, npm puts node_modules/.bin first, so that is the pinned clasp 3). addon/deploy/push.test.ts
// runs this file end to end with a fake clasp on PATH.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import * as path from "node:path";
import {
  checkBuiltManifest,
  checkClaspLogin,
  claspAuthFile,
  claspProject,
  DeployConfigError,
  parsePushArgs,
  resolveApiUrl,
  resolveScriptId,
} from "./config.js";

const root = path.resolve(import.meta.dirname, "../..");
const readIfExists = (file: string): string | undefined =>
  existsSync(file) ? readFileSync(file, "utf8") : undefined;

function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit" });
  if (result.error)
    throw new DeployConfigError(`Could not run ${command} (${result.error.message}); run \`npm install\`.`);
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

  const authFile = claspAuthFile(process.env, homedir(), (f) => existsSync(f) && statSync(f).isDirectory());
  checkClaspLogin(authFile, readIfExists(authFile));

  // The add-on build reads OKR_API_URL for urlFetchWhitelist; build here so the URL always matches the target.
  const env = { ...process.env, OKR_API_URL: apiUrl };
  run(
    process.execPath,
    [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "addon/build.ts")],
    env,
  );
  checkBuiltManifest(readIfExists(path.join(root, "dist/addon/appsscript.json")), apiUrl);

  writeFileSync(path.join(root, ".clasp.json"), `${JSON.stringify(claspProject(scriptId), null, 2)}\n`);
  console.log(`Pushing dist/addon to the ${args.target} script ${scriptId} (API ${apiUrl})`);
  run("clasp", ["--project", path.join(root, ".clasp.json"), "push", "--force"], {
    ...env,
    PATH: [process.env.PATH, path.join(root, "node_modules/.bin")].filter(Boolean).join(path.delimiter),
  });
}

try {
  main();
} catch (e) {
  if (!(e instanceof DeployConfigError)) throw e;
  console.error(`push: ${e.message}`);
  process.exit(1);
}
