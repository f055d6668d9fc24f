// Pure configuration for `npm run push`: which script (dev or prod) and which API URL the add-on may fetch.
// No file system or process access here; push.ts reads files and env and passes them in.

export type Target = "dev" | "prod";

export interface PushArgs {
  target: Target;
  /** Explicit API URL (--api-url); wins over env and the CDK outputs file. */
  apiUrl?: string;
  /** CDK outputs file written by `cdk deploy --outputs-file` (default cdk-outputs.json). */
  outputsFile: string;
}

/** A problem the user can fix; push.ts prints the message and exits 1, without a stack trace. */
export class DeployConfigError extends Error {}

export const DEFAULT_OUTPUTS_FILE = "cdk-outputs.json";
/** The stack's output holding the API base URL (api/infra/stack.ts). */
export const API_URL_OUTPUT = "ApiUrl";

const USAGE =
  "Usage: npm run push -- [--target dev|prod] [--api-url https://...] [--outputs-file cdk-outputs.json]";

export function parsePushArgs(argv: readonly string[]): PushArgs {
  const args: PushArgs = { target: "dev", outputsFile: DEFAULT_OUTPUTS_FILE };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === "" || v.startsWith("--"))
        throw new DeployConfigError(`${flag} needs a value. ${USAGE}`);
      return v;
    };
    switch (flag) {
      case "--target": {
        const t = value();
        if (t !== "dev" && t !== "prod")
          throw new DeployConfigError(`Unknown target "${t}": use dev or prod. ${USAGE}`);
        args.target = t;
        break;
      }
      case "--api-url":
        args.apiUrl = value();
        break;
      case "--outputs-file":
        args.outputsFile = value();
        break;
      default:
        throw new DeployConfigError(`Unknown argument "${arg}". ${USAGE}`);
    }
  }
  return args;
}

/** Normalises and checks an API base URL: https only (Apps Script's UrlFetchApp and the whitelist need it). */
export function checkApiUrl(raw: string, source: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new DeployConfigError(`The API URL from ${source} is not a URL: "${raw}".`);
  }
  if (url.protocol !== "https:") {
    throw new DeployConfigError(
      `The API URL from ${source} must use https (got "${raw}"); urlFetchWhitelist only accepts https.`,
    );
  }
  // The whitelist entry is a prefix; a trailing slash keeps "https://api.example.com" from also allowing
  // "https://api.example.com.evil.io".
  return `${url.origin}${url.pathname.replace(/\/*$/, "/")}`;
}

/**
 * The API URL, in order: --api-url, env OKR_API_URL, the CDK outputs file (the one stack with an ApiUrl output,
 * or the stack named by env OKR_STACK_NAME when several have one).
 */
export function resolveApiUrl(
  args: PushArgs,
  env: Readonly<Record<string, string | undefined>>,
  outputsFileText: string | undefined,
): string {
  if (args.apiUrl) return checkApiUrl(args.apiUrl, "--api-url");
  if (env.OKR_API_URL) return checkApiUrl(env.OKR_API_URL, "OKR_API_URL");
  if (outputsFileText === undefined) {
    throw new DeployConfigError(
      `No API URL: pass --api-url, set OKR_API_URL, or deploy the API with \`npm run deploy:api\` so that ${args.outputsFile} is written.`,
    );
  }
  let outputs: unknown;
  try {
    outputs = JSON.parse(outputsFileText);
  } catch (e) {
    throw new DeployConfigError(
      `${args.outputsFile} is not valid JSON (${(e as Error).message}); run \`npm run deploy:api\` again.`,
    );
  }
  const stacks = Object.entries(typeof outputs === "object" && outputs !== null ? outputs : {}).filter(
    ([, o]) =>
      typeof o === "object" &&
      o !== null &&
      typeof (o as Record<string, unknown>)[API_URL_OUTPUT] === "string",
  ) as [string, Record<string, string>][];
  const wanted = env.OKR_STACK_NAME;
  const chosen = wanted ? stacks.filter(([name]) => name === wanted) : stacks;
  if (chosen.length === 0) {
    throw new DeployConfigError(
      `${args.outputsFile} has no ${API_URL_OUTPUT} output${wanted ? ` for stack "${wanted}"` : ""}; stacks found: ${Object.keys(outputs ?? {}).join(", ") || "none"}.`,
    );
  }
  if (chosen.length > 1) {
    throw new DeployConfigError(
      `${args.outputsFile} has an ${API_URL_OUTPUT} in several stacks (${chosen.map(([n]) => n).join(", ")}); set OKR_STACK_NAME to pick one.`,
    );
  }
  const [name, stackOutputs] = chosen[0] as [string, Record<string, string>];
  return checkApiUrl(stackOutputs[API_URL_OUTPUT] as string, `${args.outputsFile} (stack ${name})`);
}

/** Apps Script IDs are 57 characters of [A-Za-z0-9_-]; anything else is a placeholder or a paste error. */
const SCRIPT_ID = /^[A-Za-z0-9_-]{20,}$/;

/**
 * The script ID for a target: env OKR_SCRIPT_ID_DEV / OKR_SCRIPT_ID_PROD, else the template
 * addon/deploy/clasp.<target>.json (its placeholder is rejected).
 */
export function resolveScriptId(
  target: Target,
  env: Readonly<Record<string, string | undefined>>,
  templateText: string | undefined,
): string {
  const envName = `OKR_SCRIPT_ID_${target.toUpperCase()}`;
  const templatePath = `addon/deploy/clasp.${target}.json`;
  const fromEnv = env[envName]?.trim();
  let id: string | undefined = fromEnv;
  let source = envName;
  if (!id) {
    source = templatePath;
    if (templateText !== undefined) {
      try {
        const parsed = JSON.parse(templateText) as { scriptId?: unknown };
        id = typeof parsed.scriptId === "string" ? parsed.scriptId.trim() : undefined;
      } catch (e) {
        throw new DeployConfigError(`${templatePath} is not valid JSON (${(e as Error).message}).`);
      }
    }
  }
  const howTo =
    `Create the ${target} script (in a sheet: Extensions > Apps Script, then Project Settings > Script ID; or ` +
    `\`npx clasp create-script --type standalone --title "OKR Sheets"\` in an empty folder, which prints ` +
    `https://script.google.com/d/<ID>/edit), then put its ID in ${templatePath} or set ${envName}.`;
  if (!id) throw new DeployConfigError(`No script ID for target ${target}. ${howTo}`);
  if (!SCRIPT_ID.test(id))
    throw new DeployConfigError(`The script ID in ${source} ("${id}") is not a script ID. ${howTo}`);
  return id;
}

/**
 * The credentials file clasp 3 reads: env clasp_config_auth (a file, or a folder holding .clasprc.json, as clasp's
 * own --auth option), else ~/.clasprc.json.
 */
export function claspAuthFile(
  env: Readonly<Record<string, string | undefined>>,
  home: string,
  isDirectory: (file: string) => boolean,
): string {
  const configured = env.clasp_config_auth?.trim();
  if (!configured) return `${home.replace(/\/+$/, "")}/.clasprc.json`;
  return isDirectory(configured) ? `${configured.replace(/\/+$/, "")}/.clasprc.json` : configured;
}

/**
 * Throws when clasp has no saved login in authFile (text undefined: no file). Logged in means what clasp 3's
 * credential store loads for the default user: tokens.default, or a clasp 1/2 global file's access_token. A file
 * left by `clasp logout` (an empty tokens map) is not a login.
 */
export function checkClaspLogin(authFile: string, text: string | undefined): void {
  const login =
    "Run `npx clasp login` once (or set clasp_config_auth to a credentials file), then push again.";
  if (text === undefined) throw new DeployConfigError(`clasp is not logged in (no ${authFile}). ${login}`);
  let saved: unknown;
  try {
    saved = JSON.parse(text);
  } catch (e) {
    throw new DeployConfigError(`${authFile} is not valid JSON (${(e as Error).message}). ${login}`);
  }
  const store = (typeof saved === "object" && saved !== null ? saved : {}) as {
    tokens?: Record<string, unknown>;
    access_token?: unknown;
  };
  const v3 = store.tokens?.default;
  if ((typeof v3 === "object" && v3 !== null) || typeof store.access_token === "string") return;
  throw new DeployConfigError(`clasp is not logged in (${authFile} holds no saved login). ${login}`);
}

/** After the build: the manifest about to be pushed must whitelist exactly this API (never a stale build's). */
export function checkBuiltManifest(manifestText: string | undefined, apiUrl: string): void {
  const fix = "Check addon/build.ts, or run `npm run build:addon` to see its error.";
  if (manifestText === undefined)
    throw new DeployConfigError(`The add-on build did not write dist/addon/appsscript.json. ${fix}`);
  const whitelist = (JSON.parse(manifestText) as { urlFetchWhitelist?: unknown }).urlFetchWhitelist;
  if (!Array.isArray(whitelist) || !whitelist.includes(apiUrl))
    throw new DeployConfigError(
      `dist/addon/appsscript.json does not whitelist ${apiUrl} (urlFetchWhitelist: ${JSON.stringify(whitelist)}). ${fix}`,
    );
}

/** The .clasp.json clasp reads: this script, and only the built add-on folder as content. */
export function claspProject(
  scriptId: string,
  rootDir = "dist/addon",
): { scriptId: string; rootDir: string } {
  return { scriptId, rootDir };
}
