import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
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

const ID = "1AbC-dEf_ghIJklmNOpqrSTuvWXyz0123456789abcdefGHIJKLmnopq";
const outputs = (stacks: Record<string, Record<string, string>>) => JSON.stringify(stacks);

describe("parsePushArgs", () => {
  it("defaults to dev and cdk-outputs.json", () => {
    expect(parsePushArgs([])).toEqual({ target: "dev", outputsFile: "cdk-outputs.json" });
  });
  it("reads --target, --api-url and --outputs-file, spaced or with =", () => {
    expect(
      parsePushArgs(["--target", "prod", "--api-url=https://x.example/", "--outputs-file", "o.json"]),
    ).toEqual({
      target: "prod",
      apiUrl: "https://x.example/",
      outputsFile: "o.json",
    });
  });
  it("rejects unknown targets, unknown flags and missing values by name", () => {
    expect(() => parsePushArgs(["--target", "staging"])).toThrow(/Unknown target "staging": use dev or prod/);
    expect(() => parsePushArgs(["--tagret", "prod"])).toThrow(/Unknown argument "--tagret"/);
    expect(() => parsePushArgs(["--target"])).toThrow(/--target needs a value/);
    expect(() => parsePushArgs(["--api-url", "--target", "dev"])).toThrow(/--api-url needs a value/);
  });
});

describe("resolveApiUrl", () => {
  const args = parsePushArgs([]);
  const file = outputs({
    OkrSheets: { ApiUrl: "https://abc.execute-api.eu-north-1.amazonaws.com/", TableName: "T" },
  });

  it("takes --api-url first, then OKR_API_URL, then the CDK outputs file", () => {
    const withFlag = parsePushArgs(["--api-url", "https://flag.example/api"]);
    expect(resolveApiUrl(withFlag, { OKR_API_URL: "https://env.example" }, file)).toBe(
      "https://flag.example/api/",
    );
    expect(resolveApiUrl(args, { OKR_API_URL: "https://env.example" }, file)).toBe("https://env.example/");
    expect(resolveApiUrl(args, {}, file)).toBe("https://abc.execute-api.eu-north-1.amazonaws.com/");
  });
  it("ends the whitelist prefix with a slash, so a look-alike host is not allowed", () => {
    expect(resolveApiUrl(args, { OKR_API_URL: "https://api.example.com" }, undefined)).toBe(
      "https://api.example.com/",
    );
  });
  it("refuses http and non-URLs, naming where the value came from", () => {
    expect(() => resolveApiUrl(args, { OKR_API_URL: "http://api.example.com" }, undefined)).toThrow(
      /OKR_API_URL must use https/,
    );
    expect(() => resolveApiUrl(args, { OKR_API_URL: "not a url" }, undefined)).toThrow(
      /from OKR_API_URL is not a URL/,
    );
  });
  it("says how to get a URL when there is none", () => {
    expect(() => resolveApiUrl(args, {}, undefined)).toThrow(
      /pass --api-url, set OKR_API_URL, or deploy the API/,
    );
    expect(() => resolveApiUrl(args, {}, "{oops")).toThrow(DeployConfigError);
    expect(() => resolveApiUrl(args, {}, outputs({ Other: { TableName: "T" } }))).toThrow(
      /no ApiUrl output; stacks found: Other/,
    );
  });
  it("asks for OKR_STACK_NAME when several stacks have an ApiUrl, and uses it", () => {
    const two = outputs({
      OkrDev: { ApiUrl: "https://dev.example/" },
      OkrProd: { ApiUrl: "https://prod.example/" },
    });
    expect(() => resolveApiUrl(args, {}, two)).toThrow(
      /several stacks \(OkrDev, OkrProd\); set OKR_STACK_NAME/,
    );
    expect(resolveApiUrl(args, { OKR_STACK_NAME: "OkrProd" }, two)).toBe("https://prod.example/");
    expect(() => resolveApiUrl(args, { OKR_STACK_NAME: "Nope" }, two)).toThrow(/for stack "Nope"/);
  });
});

describe("resolveScriptId", () => {
  const template = (target: string) =>
    readFileSync(path.join(import.meta.dirname, `clasp.${target}.json`), "utf8");

  it("rejects the committed placeholder templates with how to get an ID", () => {
    for (const target of ["dev", "prod"] as const) {
      expect(() => resolveScriptId(target, {}, template(target))).toThrow(
        new RegExp(
          `addon/deploy/clasp\\.${target}\\.json .* is not a script ID\\. Create the ${target} script`,
        ),
      );
    }
  });
  it("reads the ID from the target's template, or from OKR_SCRIPT_ID_<TARGET> first", () => {
    expect(resolveScriptId("prod", {}, JSON.stringify({ scriptId: ID }))).toBe(ID);
    expect(resolveScriptId("prod", { OKR_SCRIPT_ID_PROD: ` ${ID} ` }, template("prod"))).toBe(ID);
    expect(() => resolveScriptId("dev", { OKR_SCRIPT_ID_PROD: ID }, template("dev"))).toThrow(
      /No script ID|is not a script ID/,
    );
  });
  it("names a missing or broken template", () => {
    expect(() => resolveScriptId("dev", {}, undefined)).toThrow(/No script ID for target dev/);
    expect(() => resolveScriptId("dev", {}, "{")).toThrow(/clasp\.dev\.json is not valid JSON/);
  });
});

describe("claspProject", () => {
  it("points clasp at the built add-on only", () => {
    expect(claspProject(ID)).toEqual({ scriptId: ID, rootDir: "dist/addon" });
  });
});

describe("clasp login", () => {
  it("finds the credentials where clasp 3 does: clasp_config_auth (file or folder), else ~/.clasprc.json", () => {
    const isDir = (f: string) => f.replace(/\/$/, "") === "/creds";
    expect(claspAuthFile({}, "/home/me/", isDir)).toBe("/home/me/.clasprc.json");
    expect(claspAuthFile({ clasp_config_auth: "/creds/" }, "/home/me", isDir)).toBe("/creds/.clasprc.json");
    expect(claspAuthFile({ clasp_config_auth: "/ci/auth.json" }, "/home/me", isDir)).toBe("/ci/auth.json");
  });
  it("accepts a clasp 3 default login and a clasp 1/2 global file", () => {
    const v3 = { tokens: { default: { type: "authorized_user", refresh_token: "r" } } };
    expect(() => checkClaspLogin("/h/.clasprc.json", JSON.stringify(v3))).not.toThrow();
    expect(() => checkClaspLogin("/h/.clasprc.json", JSON.stringify({ access_token: "a" }))).not.toThrow();
  });
  it("says how to log in when there is no file, a logged-out file, only another user, or a broken file", () => {
    const cases: [string | undefined, RegExp][] = [
      [undefined, /clasp is not logged in \(no \/h\/\.clasprc\.json\)\. Run `npx clasp login`/],
      [JSON.stringify({ tokens: {} }), /holds no saved login\)\. Run `npx clasp login`/],
      [JSON.stringify({ tokens: { work: { refresh_token: "r" } } }), /holds no saved login/],
      ["{", /\/h\/\.clasprc\.json is not valid JSON .*Run `npx clasp login`/],
    ];
    for (const [text, message] of cases) {
      expect(() => checkClaspLogin("/h/.clasprc.json", text)).toThrow(DeployConfigError);
      expect(() => checkClaspLogin("/h/.clasprc.json", text)).toThrow(message);
    }
  });
});

describe("checkBuiltManifest", () => {
  const url = "https://abc.execute-api.eu-north-1.amazonaws.com/";
  it("passes only a manifest that whitelists this API URL", () => {
    expect(() => checkBuiltManifest(JSON.stringify({ urlFetchWhitelist: [url] }), url)).not.toThrow();
    expect(() => checkBuiltManifest(JSON.stringify({ urlFetchWhitelist: [] }), url)).toThrow(
      /does not whitelist https:\/\/abc\.execute-api/,
    );
    expect(() =>
      checkBuiltManifest(JSON.stringify({ urlFetchWhitelist: ["https://old.example/"] }), url),
    ).toThrow(/"https:\/\/old\.example\/"/);
    expect(() => checkBuiltManifest(undefined, url)).toThrow(/did not write dist\/addon\/appsscript\.json/);
  });
});
