// `npm run push` end to end without a Google account: push.ts runs for real (argument and config checks, the
// add-on build, .clasp.json) with a fake `clasp` first on PATH that records how it was called and the files it
// would upload. Each test works in a scratch copy of the project (addon/ and the manifest copied, shared/ and
// node_modules linked), so the build never rewrites the dist/addon that other tests read, and no .clasp.json
// lands in the checkout. The pure rules (precedence, messages) are unit-tested in config.test.ts.
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const REPO = path.resolve(import.meta.dirname, "../..");
const DEV_ID = "1DevScriptId_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
const PROD_ID = "1ProdScriptId_abcdefghijklmnopqrstuvwxyz0123456789ABCDEF";
const LOGGED_IN = JSON.stringify({ tokens: { default: { type: "authorized_user", refresh_token: "r" } } });

// Records one JSON line per call: argv, cwd, the parsed project file and every file of its rootDir (resolved
// against the project file's folder, as clasp 3 does).
const FAKE_CLASP = `const fs = require("node:fs");
const path = require("node:path");
const argv = process.argv.slice(2);
const call = { argv, cwd: process.cwd() };
const at = argv.indexOf("--project");
if (at >= 0) {
  const project = argv[at + 1];
  call.project = JSON.parse(fs.readFileSync(project, "utf8"));
  const dir = path.resolve(path.dirname(project), call.project.rootDir || ".");
  call.contentDir = dir;
  call.files = Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")]));
}
fs.appendFileSync(process.env.FAKE_CLASP_LOG, JSON.stringify(call) + "\\n");
process.exit(Number(process.env.FAKE_CLASP_EXIT || 0));
`;

interface ClaspCall {
  argv: string[];
  cwd: string;
  project?: { scriptId: string; rootDir: string };
  contentDir?: string;
  files?: Record<string, string>;
}

const roots: string[] = [];
afterAll(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
});

/** A scratch project: what `npm run push` reads and builds, plus a fake clasp and an empty home. */
function scratchProject(): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), "okr-push-")));
  roots.push(dir);
  cpSync(path.join(REPO, "addon"), path.join(dir, "addon"), {
    recursive: true,
    filter: (src) => !src.endsWith(".test.ts"),
  });
  // Everything else is linked (shared/, node_modules/, package.json, appsscript.json…), except what a push
  // writes or reads as deployment state.
  const own = new Set(["addon", "dist", ".clasp.json", "cdk-outputs.json", "cdk.out", ".git", "bin", "home"]);
  for (const entry of readdirSync(REPO))
    if (!own.has(entry)) symlinkSync(path.join(REPO, entry), path.join(dir, entry));
  mkdirSync(path.join(dir, "bin"));
  writeFileSync(path.join(dir, "bin/fake-clasp.cjs"), FAKE_CLASP);
  writeFileSync(
    path.join(dir, "bin/clasp"),
    `#!/bin/sh\nexec "${process.execPath}" "$(dirname "$0")/fake-clasp.cjs" "$@"\n`,
  );
  chmodSync(path.join(dir, "bin/clasp"), 0o755);
  mkdirSync(path.join(dir, "home"));
  return dir;
}

function push(dir: string, args: string[], env: Record<string, string> = {}) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(OKR_|clasp_config_)/.test(k) && k !== "HOME" && k !== "PATH",
    ),
  );
  const result = spawnSync(
    process.execPath,
    [path.join(dir, "node_modules/tsx/dist/cli.mjs"), path.join(dir, "addon/deploy/push.ts"), ...args],
    {
      cwd: dir,
      encoding: "utf8",
      env: {
        ...clean,
        HOME: path.join(dir, "home"),
        PATH: `${path.join(dir, "bin")}${path.delimiter}${process.env.PATH}`,
        FAKE_CLASP_LOG: path.join(dir, "clasp-calls.jsonl"),
        ...env,
      },
    },
  );
  const log = path.join(dir, "clasp-calls.jsonl");
  const calls: ClaspCall[] = existsSync(log)
    ? readFileSync(log, "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as ClaspCall)
    : [];
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, calls };
}

const manifestOf = (call: ClaspCall) =>
  JSON.parse(call.files?.["appsscript.json"] ?? "{}") as { urlFetchWhitelist?: string[] };
const repoManifest = JSON.parse(readFileSync(path.join(REPO, "appsscript.json"), "utf8")) as object;
const expectedFiles = [
  "Code.js",
  "appsscript.json",
  ...readdirSync(path.join(REPO, "addon/html")).filter((f) => f.endsWith(".html")),
].sort();

describe("npm run push with a fake clasp", () => {
  it("dev: builds the add-on, whitelists the ApiUrl from cdk-outputs.json, pushes dist/addon to the dev script", () => {
    const dir = scratchProject();
    const apiUrl = "https://abc123.execute-api.eu-north-1.amazonaws.com/";
    writeFileSync(
      path.join(dir, "cdk-outputs.json"),
      JSON.stringify({ OkrSheets: { ApiUrl: apiUrl, TableName: "OkrSheets-Table" } }),
    );
    writeFileSync(path.join(dir, "auth.json"), LOGGED_IN);
    expect(existsSync(path.join(dir, "dist"))).toBe(false);

    const run = push(dir, [], { OKR_SCRIPT_ID_DEV: DEV_ID, clasp_config_auth: path.join(dir, "auth.json") });
    expect(run.stderr).not.toMatch(/push:/);
    expect(run.status).toBe(0);
    expect(run.calls).toHaveLength(1);
    const [call] = run.calls as [ClaspCall];
    expect(call.argv).toEqual(["--project", path.join(dir, ".clasp.json"), "push", "--force"]);
    expect(call.cwd).toBe(dir);
    expect(call.project).toEqual({ scriptId: DEV_ID, rootDir: "dist/addon" });
    expect(call.contentDir).toBe(path.join(dir, "dist/addon"));
    // Built by this push: the bundle, the manifest and the pages, nothing else.
    expect(Object.keys(call.files ?? {}).sort()).toEqual(expectedFiles);
    expect(call.files?.["Code.js"]).toMatch(/^function onOpen\(/m);
    expect(call.files?.["Code.js"]).toContain(JSON.stringify(apiUrl.replace(/\/$/, "")));
    expect(manifestOf(call)).toEqual({ ...repoManifest, urlFetchWhitelist: [apiUrl] });
    expect(run.stdout).toContain(`Pushing dist/addon to the dev script ${DEV_ID} (API ${apiUrl})`);
  });

  it("prod: the prod template's script ID (not the dev one) and --api-url over OKR_API_URL", () => {
    const dir = scratchProject();
    writeFileSync(
      path.join(dir, "addon/deploy/clasp.prod.json"),
      JSON.stringify({ scriptId: PROD_ID, rootDir: "dist/addon" }),
    );
    writeFileSync(path.join(dir, "home/.clasprc.json"), LOGGED_IN); // the default place: ~/.clasprc.json

    const run = push(dir, ["--target", "prod", "--api-url", "https://okr.example.com/api"], {
      OKR_SCRIPT_ID_DEV: DEV_ID,
      OKR_API_URL: "https://env.example.com/",
    });
    expect(run.status).toBe(0);
    expect(run.calls).toHaveLength(1);
    const [call] = run.calls as [ClaspCall];
    expect(call.project).toEqual({ scriptId: PROD_ID, rootDir: "dist/addon" });
    expect(manifestOf(call).urlFetchWhitelist).toEqual(["https://okr.example.com/api/"]);
    expect(JSON.parse(readFileSync(path.join(dir, ".clasp.json"), "utf8"))).toEqual(call.project);
  });

  it("passes a clasp failure on as exit 1 with the command that failed (URL from OKR_API_URL)", () => {
    const dir = scratchProject();
    writeFileSync(path.join(dir, "home/.clasprc.json"), LOGGED_IN);
    const run = push(dir, [], {
      OKR_SCRIPT_ID_DEV: DEV_ID,
      OKR_API_URL: "https://env.example.com",
      FAKE_CLASP_EXIT: "3",
    });
    expect(run.status).toBe(1);
    expect(run.calls).toHaveLength(1);
    expect(manifestOf(run.calls[0]!).urlFetchWhitelist).toEqual(["https://env.example.com/"]);
    expect(run.stderr).toContain(
      `push: \`clasp --project ${path.join(dir, ".clasp.json")} push --force\` failed (exit 3)`,
    );
  });

  it("stops before building or calling clasp, with a plain message, when something is missing", () => {
    const dir = scratchProject();
    const url = { OKR_API_URL: "https://okr.example.com/" };
    const cases: [string[], Record<string, string>, string | RegExp][] = [
      // Not logged in: no credentials file at all, then one left by `clasp logout`.
      [
        [],
        { ...url, OKR_SCRIPT_ID_DEV: DEV_ID },
        `push: clasp is not logged in (no ${path.join(dir, "home/.clasprc.json")})`,
      ],
      [
        [],
        { ...url, OKR_SCRIPT_ID_DEV: DEV_ID, clasp_config_auth: path.join(dir, "logged-out.json") },
        /push: clasp is not logged in \(.*logged-out\.json holds no saved login\)\. Run `npx clasp login`/,
      ],
      // No script ID: the committed placeholder, for either target.
      [
        [],
        url,
        /push: The script ID in addon\/deploy\/clasp\.dev\.json .* is not a script ID\. Create the dev script/,
      ],
      [
        ["--target", "prod"],
        { ...url, OKR_SCRIPT_ID_DEV: DEV_ID },
        /is not a script ID\. Create the prod script/,
      ],
      // No API URL anywhere.
      [
        [],
        { OKR_SCRIPT_ID_DEV: DEV_ID },
        /push: No API URL: pass --api-url, set OKR_API_URL, or deploy the API/,
      ],
    ];
    writeFileSync(path.join(dir, "logged-out.json"), JSON.stringify({ tokens: {} }));
    for (const [args, env, message] of cases) {
      const run = push(dir, args, env);
      expect(run.status, String(message)).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(run.calls).toEqual([]);
      expect(existsSync(path.join(dir, "dist"))).toBe(false);
      expect(existsSync(path.join(dir, ".clasp.json"))).toBe(false);
    }
  });
});
