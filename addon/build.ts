// `npm run build:addon`: bundles addon/main.ts with esbuild into dist/addon/Code.js (one V8 script, no
// import/export), plus appsscript.json and the sidebar/dialog HTML. esbuild's IIFE hides the exports, and Apps
// Script only calls top-level `function` declarations, so every export of main.ts gets a top-level stub that
// calls into the bundle; custom functions carry their @customfunction JSDoc on the stub.
// Env OKR_API_URL (required): the default API URL and the urlFetchWhitelist entry; OKR_URL_ALLOWLIST (optional,
// comma-separated https URLs): more APIs the add-on may be pointed at in Settings. No build writes an empty
// allowlist: an add-on without one could fetch nothing once published (Google requires the field for a versioned
// deployment), and Settings checks every URL against the same list.
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { errorMessage } from "./errors.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.join(ROOT, "dist/addon");
const BUNDLE_GLOBAL = "OKR_SHEETS";

/**
 * The allowlist entry for an API URL: https, a full domain and a path ending in a slash
 * (https://developers.google.com/apps-script/manifest/allowlist-url: "Each prefix must use https://", "must have a
 * full domain", "must have a non-empty path"); the slash keeps https://api.example.com from also allowing
 * https://api.example.com.evil.io.
 */
export function whitelistEntry(apiUrl: string): string {
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    throw new Error(`Not a URL: ${apiUrl}`);
  }
  if (url.protocol !== "https:")
    throw new Error(`OKR_API_URL must be https (Apps Script fetches only https): ${apiUrl}`);
  if (url.hostname.includes("*"))
    throw new Error(`No wildcards: list each API URL the add-on may call (${apiUrl})`);
  if (!url.hostname.includes("."))
    throw new Error(`The API URL needs a full domain name (an allowlist rule): ${apiUrl}`);
  return `${url.origin}${url.pathname.replace(/\/*$/, "/")}`;
}

export interface BuildOptions {
  /** The API the add-on talks to by default; required. */
  apiUrl?: string;
  /** More API URLs Settings may point the add-on at. */
  allowlist?: readonly string[];
  outDir?: string;
}

/** The manifest's urlFetchWhitelist: the API first, never empty. */
export function allowlistFor(apiUrl: string | undefined, extra: readonly string[] = []): string[] {
  if (!apiUrl?.trim())
    throw new Error(
      "OKR_API_URL is required: the add-on may only fetch URLs its manifest allowlists (e.g. OKR_API_URL=https://abc.execute-api.eu-north-1.amazonaws.com npm run build:addon).",
    );
  return [...new Set([apiUrl, ...extra].map((url) => whitelistEntry(url.trim())))];
}

/** Tests may build while another test file reads the bundle: never leave a half-written file. */
function writeAtomically(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}

export function topLevelStubs(names: readonly string[], docs: Record<string, string>): string {
  return names
    .map((name) => {
      const doc = docs[name];
      const jsdoc = doc
        ? `/**\n${doc
            .split("\n")
            .map((line) => ` * ${line}`)
            .join("\n")}\n */\n`
        : "";
      return `${jsdoc}function ${name}() {\n  return ${BUNDLE_GLOBAL}.${name}.apply(this, arguments);\n}`;
    })
    .join("\n\n");
}

/** The page's first line marks where the dialogs' one head goes (doctype, base target, charset, body font). */
const DIALOG_HEAD_MARK = "<!-- dialog-head -->\n";

function withDialogHead(file: string, html: string, head: string): string {
  if (!html.startsWith(DIALOG_HEAD_MARK))
    throw new Error(
      `addon/html/${file} must start with ${DIALOG_HEAD_MARK.trim()} (addon/html/dialog-head.part)`,
    );
  return head + html.slice(DIALOG_HEAD_MARK.length);
}

export async function buildAddon(
  options: BuildOptions = {},
): Promise<{ bytes: number; entries: string[]; allowlist: string[] }> {
  const apiUrl = (options.apiUrl ?? process.env.OKR_API_URL ?? "").trim();
  const extra =
    options.allowlist ??
    (process.env.OKR_URL_ALLOWLIST ?? "")
      .split(",")
      .map((url) => url.trim())
      .filter(Boolean);
  const allowlist = allowlistFor(apiUrl, extra);
  const out = options.outDir ?? OUT;
  const main = (await import("./main.js")) as Record<string, unknown>;
  const { CUSTOM_FUNCTION_DOCS } = await import("./custom-functions.js");
  const entries = Object.keys(main)
    .filter((name) => typeof main[name] === "function")
    .sort();

  const result = await build({
    entryPoints: [path.join(ROOT, "addon/main.ts")],
    bundle: true,
    format: "iife",
    globalName: BUNDLE_GLOBAL,
    platform: "neutral",
    mainFields: ["module", "main"],
    target: "es2020",
    write: false,
    legalComments: "none",
    minifySyntax: true,
    define: {
      __OKR_DEFAULT_API_URL__: JSON.stringify(apiUrl.replace(/\/+$/, "")),
      __OKR_URL_ALLOWLIST__: JSON.stringify(allowlist),
    },
    logLevel: "warning",
  });
  const bundle = result.outputFiles[0]?.text ?? "";
  const code = `// OKR Sheets add-on: generated by addon/build.ts; do not edit.\n${bundle}\n${topLevelStubs(entries, CUSTOM_FUNCTION_DOCS)}\n`;
  if (/^\s*(export|import)\s/m.test(code))
    throw new Error("The bundle still holds an import/export statement");

  mkdirSync(out, { recursive: true });
  writeAtomically(path.join(out, "Code.js"), code);
  const manifest = JSON.parse(readFileSync(path.join(ROOT, "appsscript.json"), "utf8")) as Record<
    string,
    unknown
  >;
  manifest.urlFetchWhitelist = allowlist;
  if (allowlist.length === 0) throw new Error("The allowlist is empty");
  writeAtomically(path.join(out, "appsscript.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  const head = readFileSync(path.join(ROOT, "addon/html/dialog-head.part"), "utf8");
  for (const file of readdirSync(path.join(ROOT, "addon/html"))) {
    if (file.endsWith(".html"))
      writeAtomically(
        path.join(out, file),
        withDialogHead(file, readFileSync(path.join(ROOT, "addon/html", file), "utf8"), head),
      );
  }
  return { bytes: Buffer.byteLength(code), entries, allowlist };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const { bytes, entries, allowlist } = await buildAddon();
    console.log(
      `dist/addon/Code.js: ${(bytes / 1024).toFixed(1)} KiB, ${entries.length} entry functions (${entries.join(", ")}); urlFetchWhitelist: ${allowlist.join(", ")}`,
    );
  } catch (error) {
    console.error(`build:addon: ${errorMessage(error)}`);
    process.exit(1);
  }
}
