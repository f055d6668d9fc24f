// The pushed file: every menu item, trigger, google.script.run call and custom function is a top-level
// function declaration of dist/addon/Code.js, no import/export is left, custom functions keep their JSDoc.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuiltAddon } from "../support/gas/built-addon.js";
import { DIST, loadAddon } from "../support/gas/load-addon.js";
import { validAllowlistPrefix } from "../support/gas/services.js";

let code = "";

beforeAll(async () => {
  await ensureBuiltAddon();
  code = readFileSync(path.join(DIST, "Code.js"), "utf8");
  console.log(`dist/addon/Code.js: ${(Buffer.byteLength(code) / 1024).toFixed(1)} KiB`);
});

const topLevel = (name: string) => new RegExp(`^function ${name}\\(`, "m");

describe("the pushed bundle", () => {
  it("is one plain script: parses, no import or export statement", () => {
    expect(() => new vm.Script(code)).not.toThrow();
    expect(code).not.toMatch(/^\s*(export|import)\s/m);
  });

  it("declares every menu handler, trigger and google.script.run target as a top-level function", () => {
    const { gas, addon } = loadAddon();
    addon.onOpen();
    const menu = gas.ui.menus
      .get("addon")!
      .flatMap((item) => (item === "separator" ? [] : [item.functionName]));
    const html = readdirSync(DIST)
      .filter((f) => f.endsWith(".html"))
      .map((f) => readFileSync(path.join(DIST, f), "utf8"))
      .join("\n");
    // Server calls in the pages: get…/submit…/save…/select… methods that are not DOM methods.
    const rpc = [
      ...new Set([...html.matchAll(/\.((?:get|submit|save|select)[A-Z]\w*)\(/g)].map((m) => m[1]!)),
    ].filter((name) => !["getElementById"].includes(name));
    const names = new Set([
      ...menu,
      "onOpen",
      "onInstall",
      "hourlySync",
      "OKR_PROGRESS",
      "OKR_STATUS",
      ...rpc,
    ]);
    expect(rpc).toEqual(
      expect.arrayContaining([
        "getQualityReport",
        "selectProblemCell",
        "getCheckInContext",
        "submitCheckIn",
        "getSettings",
        "saveSettings",
      ]),
    );
    for (const name of names) expect(code, name).toMatch(topLevel(name));
  });

  it("holds no zod: the add-on imports only zod-free modules (rowHash from shared/row-hash.ts)", () => {
    // zod was 790 KiB of an 843 KiB bundle, pulled in through shared/contract.ts for rowHash alone.
    expect(code).not.toMatch(/node_modules\/zod\//);
    expect(code).not.toMatch(/\/\/ shared\/contract\.ts/);
    expect(code).not.toMatch(/\$?Zod[A-Z]\w*|\b_zod\b|\bzod\b/i);
    expect(code).toMatch(/\/\/ shared\/row-hash\.ts/);
    // No package at all: the add-on's code is ours and shared/'s (esbuild names each bundled module in a
    // "// path" line), so any heavy dependency coming in is caught however the bundle's own code grows.
    const modules = [...code.matchAll(/^\s*\/\/ ([\w@.-][\w@./-]*\.[cm]?[jt]sx?)$/gm)].map((m) => m[1]!);
    expect(modules.length).toBeGreaterThan(40);
    expect(modules.filter((name) => !/^(addon|shared)\//.test(name))).toEqual([]);
  });

  it("keeps @customfunction JSDoc right above each custom function", () => {
    for (const name of ["OKR_PROGRESS", "OKR_STATUS"]) {
      expect(code).toMatch(new RegExp(`@customfunction\\n \\*/\\nfunction ${name}\\(`));
    }
  });

  it("ships a V8 manifest with narrow scopes", () => {
    const manifest = JSON.parse(readFileSync(path.join(DIST, "appsscript.json"), "utf8")) as {
      runtimeVersion: string;
      oauthScopes: string[];
    };
    expect(manifest.runtimeVersion).toBe("V8");
    expect(manifest.oauthScopes).toContain("https://www.googleapis.com/auth/spreadsheets.currentonly");
    expect(manifest.oauthScopes).not.toContain("https://www.googleapis.com/auth/spreadsheets");
    expect(manifest.oauthScopes).not.toContain("https://www.googleapis.com/auth/drive");
  });
});

describe("build with OKR_API_URL", () => {
  it("whitelists the API and rejects plain http", async () => {
    const { whitelistEntry } = await import("../../addon/build.js");
    expect(whitelistEntry("https://abc.execute-api.eu-north-1.amazonaws.com")).toBe(
      "https://abc.execute-api.eu-north-1.amazonaws.com/",
    );
    expect(() => whitelistEntry("http://localhost:3000")).toThrow("must be https");
    expect(() => whitelistEntry("https://localhost/")).toThrow("full domain");
    expect(() => whitelistEntry("https://*.example.com/")).toThrow("No wildcards");
  });

  it("never writes an empty allowlist: no API URL, no build; every entry is a prefix Google accepts", async () => {
    const { allowlistFor, buildAddon } = await import("../../addon/build.js");
    const saved = process.env.OKR_API_URL;
    delete process.env.OKR_API_URL;
    try {
      await expect(buildAddon({ outDir: path.join(DIST, "never") })).rejects.toThrow(
        "OKR_API_URL is required",
      );
    } finally {
      if (saved !== undefined) process.env.OKR_API_URL = saved;
    }
    expect(() => allowlistFor("")).toThrow("OKR_API_URL is required");
    expect(
      allowlistFor("https://api.example.com/okr", ["https://eu.example.com", "https://api.example.com/okr/"]),
    ).toEqual(["https://api.example.com/okr/", "https://eu.example.com/"]);
    const manifest = JSON.parse(readFileSync(path.join(DIST, "appsscript.json"), "utf8")) as {
      urlFetchWhitelist: string[];
    };
    expect(manifest.urlFetchWhitelist.length).toBeGreaterThan(0);
    for (const prefix of manifest.urlFetchWhitelist) expect(validAllowlistPrefix(prefix), prefix).toBe(true);
  });
});

describe("what Apps Script's V8 may lack", () => {
  it("uses no ES2021+ built-in the reference does not promise (Object.hasOwn, Array#at, replaceAll, ...)", () => {
    // Apps Script documents its runtime as V8 with "modern ECMAScript" syntax
    // (https://developers.google.com/apps-script/guides/v8-runtime) but lists no library version; the bundle
    // stays within ES2020 built-ins, and docs/verify-on-google.md has a person check Object.hasOwn there.
    for (const api of [
      "Object.hasOwn(",
      "structuredClone(",
      "Object.groupBy(",
      ".findLast(",
      ".toSorted(",
      ".replaceAll(",
    ])
      expect(code.includes(api), api).toBe(false);
    expect(code).not.toMatch(/\.at\(-?\d/);
  });
});
