// `npm start`: the API on http://127.0.0.1:8787 (PORT), backed by dynalite persisted under .data/
// (OKR_DATA_DIR; the table is created on first start), or by any DynamoDB at OKR_DYNAMODB_ENDPOINT.
//
// On an empty local store it seeds the demo organisation "Demo AB" (api/demo/) and prints the dashboard
// URL and a reader key to sign in with; .data/demo.json remembers both, so the next start prints them
// again and seeds nothing. `npm start -- --empty` (or OKR_EMPTY=1) never seeds. Against an external
// DynamoDB the demo is seeded only with `--demo`.
//
// `npm start -- --import FILE...` (.xlsx or .csv) imports the user's own sheets into a local organisation
// of their own ("My organisation", or --org-name), made on the first import and remembered in
// .data/own-org.json with an admin and a reader key; the import goes through the API like the add-on's
// sync. On an empty store, --import seeds no demo (--demo still does).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { languageFromLocale } from "../../shared/i18n.js";
import type { Language } from "../../shared/model.js";
import { DEFAULT_CONFIG, DEFAULT_WEBHOOK_HOSTS } from "../app/config.js";
import { inProcessApi } from "../app/in-process.js";
import {
  createOrgWithAdminKey,
  generateSecret,
  issueApiKey,
  sha256Hex,
  verifyApiKey,
} from "../auth/api-keys.js";
import { seedDemo } from "../demo/seed.js";
import { filesAt } from "../import/files.js";
import { type ImportReport, importFiles, reportLines } from "../import/index.js";
import { startLocalSmtp } from "../mail/local-outbox.js";
import { type Mailer, smtpMailer } from "../mail/mailer.js";
import type { DynamoClients } from "../store/client.js";
import { startDynalite } from "../store/dynalite.js";
import { ensureTable } from "../store/table.js";
import type { Store } from "../store/types.js";
import { configFromEnv, type StoreConfig, storeConfigFromEnv, storeFromConfig } from "./environment.js";
import { localPaths } from "./main-paths.js";
import { startServer } from "./server.js";

export const DASHBOARD_PATH = "/dashboard";

/** What .data/demo.json holds. */
export interface DemoMarker {
  orgId: string;
  orgName: string;
  /** The reader key's secret: kept only in this local file, for the demo. */
  readerKey: string;
  cycle: string;
  seededAt: string;
}

/** What .data/own-org.json holds: the organisation of the user's imported sheets. */
export interface OwnOrgMarker {
  orgId: string;
  orgName: string;
  /** Kept only in this local file: the dashboard's upload form needs an admin sign-in. */
  adminKey: string;
  readerKey: string;
  createdAt: string;
}

export const OWN_ORG_NAME = "My organisation";

export interface MainOptions {
  /** Command-line flags: --empty, --demo, --import FILE..., --org-name NAME. */
  argv?: readonly string[];
  env?: Record<string, string | undefined>;
  /** Overrides PORT; 0 picks a free port. */
  port?: number;
  log?: (line: string) => void;
  now?: () => Date;
}

export interface RunningMain {
  /** The server's base URL, e.g. http://127.0.0.1:8787. */
  url: string;
  dashboardUrl: string;
  /** True when this start seeded the demo. */
  seeded: boolean;
  /** The demo organisation this store holds, if any. */
  demo: DemoMarker | null;
  /** The organisation of the user's own sheets, once `--import` made it. */
  ownOrg: OwnOrgMarker | null;
  /** What `--import` did, when it was given. */
  importReport: ImportReport | null;
  close(): Promise<void>;
}

const truthy = (value: string | undefined) => /^(1|true|yes|on)$/i.test(value?.trim() ?? "");

function readMarker(path: string): DemoMarker | null {
  try {
    const marker = JSON.parse(readFileSync(path, "utf8")) as Partial<DemoMarker>;
    if (typeof marker.orgId === "string" && typeof marker.readerKey === "string")
      return {
        orgId: marker.orgId,
        orgName: marker.orgName ?? "",
        readerKey: marker.readerKey,
        cycle: marker.cycle ?? "",
        seededAt: marker.seededAt ?? "",
      };
  } catch {
    // no marker yet, or not ours: seed as if none
  }
  return null;
}

function readOwnOrg(path: string): OwnOrgMarker | null {
  try {
    const marker = JSON.parse(readFileSync(path, "utf8")) as Partial<OwnOrgMarker>;
    if (
      typeof marker.orgId === "string" &&
      typeof marker.adminKey === "string" &&
      typeof marker.readerKey === "string"
    )
      return {
        orgId: marker.orgId,
        orgName: marker.orgName ?? "",
        adminKey: marker.adminKey,
        readerKey: marker.readerKey,
        createdAt: marker.createdAt ?? "",
      };
  } catch {
    // none yet
  }
  return null;
}

/** The marker's organisation, if the store still holds it and both its keys still work. */
async function existingOwnOrg(store: Store, marker: OwnOrgMarker | null): Promise<OwnOrgMarker | null> {
  if (!marker || !(await store.getOrg(marker.orgId))) return null;
  for (const secret of [marker.adminKey, marker.readerKey]) {
    const key = await verifyApiKey(store, secret);
    if (!key.ok || key.key.orgId !== marker.orgId) return null;
  }
  return marker;
}

/** Command-line values: the files after --import (up to the next flag), the name after --org-name. */
export function importArgs(argv: readonly string[]): { paths: string[]; orgName: string | null } {
  const paths: string[] = [];
  const at = argv.indexOf("--import");
  if (at >= 0) for (let i = at + 1; i < argv.length && !argv[i]!.startsWith("--"); i++) paths.push(argv[i]!);
  const nameAt = argv.indexOf("--org-name");
  const orgName = nameAt >= 0 ? (argv[nameAt + 1] ?? "").trim() || null : null;
  return { paths, orgName };
}

function writeMarker(path: string, marker: DemoMarker | OwnOrgMarker): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(marker, null, 2)}\n`, { mode: 0o600 });
}

/** True when the table holds no item at all (one Scan of at most one item). */
export async function storeIsEmpty(clients: DynamoClients, config: StoreConfig): Promise<boolean> {
  const page = await clients.client.send(
    new ScanCommand({ TableName: config.tableName, Limit: 1, ProjectionExpression: "PK" }),
  );
  return (page.Items?.length ?? 0) === 0 && !page.LastEvaluatedKey;
}

/** The marker's organisation, if the store still holds it and its reader key still works. */
async function existingDemo(store: Store, marker: DemoMarker | null): Promise<DemoMarker | null> {
  if (!marker) return null;
  if (!(await store.getOrg(marker.orgId))) return null;
  const key = await verifyApiKey(store, marker.readerKey);
  return key.ok && key.key.orgId === marker.orgId ? marker : null;
}

/** Starts the store, seeds the demo when it should, and serves. */
export async function startMain(options: MainOptions = {}): Promise<RunningMain> {
  const argv = options.argv ?? [];
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.log(line));
  const now = options.now ?? (() => new Date());
  const empty = argv.includes("--empty") || truthy(env.OKR_EMPTY);
  const forceDemo = argv.includes("--demo");
  const wantsImport = argv.includes("--import");
  const { paths: importPaths, orgName } = importArgs(argv);
  const language: Language = languageFromLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
  const paths = localPaths(env.OKR_DATA_DIR || undefined);

  const storeConfig = storeConfigFromEnv(env);
  const external = Boolean(storeConfig.endpoint);
  let local: Awaited<ReturnType<typeof startDynalite>> | null = null;
  if (!external) {
    mkdirSync(paths.dynalite, { recursive: true });
    local = await startDynalite({ path: paths.dynalite });
    storeConfig.endpoint = local.endpoint;
    writeFileSync(
      paths.runningEndpoint,
      `${JSON.stringify({ endpoint: local.endpoint, pid: process.pid })}\n`,
    );
  }
  const { store, clients } = storeFromConfig(storeConfig);
  const closeStore = async () => {
    clients.client.destroy();
    if (local) rmSync(paths.runningEndpoint, { force: true });
    await local?.close();
  };

  let demo: DemoMarker | null = null;
  let seeded = false;
  let seedNote: string | null = null;
  let ownOrg: OwnOrgMarker | null = null;
  let importReport: ImportReport | null = null;
  const importLines: string[] = [];
  try {
    await ensureTable(clients.client, storeConfig);
    demo = await existingDemo(store, readMarker(paths.demoMarker));
    ownOrg = await existingOwnOrg(store, readOwnOrg(paths.ownOrgMarker));
    if (wantsImport) {
      if (importPaths.length === 0) importLines.push("--import needs one or more .xlsx or .csv files.");
      else {
        const deps = { store, now, config: DEFAULT_CONFIG };
        importReport = await importFiles(filesAt(importPaths), {
          language,
          // The organisation is made only once every file has passed: a bad file leaves nothing behind.
          connect: async () => {
            ownOrg ??= await createOwnOrg(store, orgName ?? OWN_ORG_NAME, now());
            writeMarker(paths.ownOrgMarker, ownOrg);
            return { api: inProcessApi(deps), key: ownOrg.adminKey };
          },
        });
        importLines.push(...reportLines(importReport, language));
      }
    }
    // The user came for their own sheets: an empty store gets no demo unless asked for.
    if (!demo && !empty && !(wantsImport && !forceDemo)) {
      if (external && !forceDemo)
        seedNote = "External DynamoDB: the demo is not seeded (npm start -- --demo seeds it).";
      else if (!forceDemo && !(await storeIsEmpty(clients, storeConfig)))
        seedNote = "The store already holds data: the demo is not seeded (npm start -- --demo seeds it).";
      else {
        const result = await seedDemo({ store, now: now() });
        demo = {
          orgId: result.orgId,
          orgName: result.orgName,
          readerKey: result.readerKey,
          cycle: result.cycle,
          seededAt: now().toISOString(),
        };
        writeMarker(paths.demoMarker, demo);
        seeded = true;
        const checkIns = result.sheets.reduce((sum, sheet) => sum + sheet.checkIns, 0);
        seedNote =
          `Seeded the demo organisation "${result.orgName}" for ${result.cycle}: ` +
          `${result.sheets.length} team sheets (${result.sheets.map((sheet) => sheet.name).join(", ")}), ` +
          `${checkIns} check-ins. Admin key (shown once, not saved): ${result.adminKey}`;
      }
    }
  } catch (error) {
    await closeStore();
    throw error;
  }

  // Mail: OKR_SMTP_URL when given, else a real SMTP server on loopback whose messages the dashboard's
  // Outbox shows (nothing leaves the machine).
  let localSmtp: Awaited<ReturnType<typeof startLocalSmtp>> | null = null;
  let mailer: Mailer;
  try {
    if (env.OKR_SMTP_URL) mailer = await smtpMailer(env.OKR_SMTP_URL, env.OKR_MAIL_FROM || undefined);
    else {
      localSmtp = await startLocalSmtp(paths.outbox, Number(env.OKR_SMTP_PORT) || 0);
      mailer = await smtpMailer(localSmtp.url, env.OKR_MAIL_FROM || undefined);
    }
  } catch (error) {
    await closeStore();
    throw error;
  }
  const closeMail = async () => {
    mailer.close?.();
    await localSmtp?.close();
  };

  const portText = env.PORT;
  const config = configFromEnv(env);
  const server = await startServer({
    port: options.port ?? (portText !== undefined && portText !== "" ? Number(portText) : 8787),
    store,
    config,
    mailer,
    ...(localSmtp ? { outbox: localSmtp.outbox } : {}),
    ...(options.now ? { now: options.now } : {}),
  }).catch(async (error) => {
    await closeMail();
    await closeStore();
    throw error;
  });

  // The weekly rhythm's scheduler (EventBridge Scheduler's job when deployed): every OKR_RHYTHM_INTERVAL_MS
  // (5 minutes; 0 turns it off) each organisation whose day and hour have come gets its week, once.
  const interval = env.OKR_RHYTHM_INTERVAL_MS === undefined ? 300_000 : Number(env.OKR_RHYTHM_INTERVAL_MS);
  const publicUrl = config.publicUrl ?? server.url;
  const timer =
    interval > 0
      ? setInterval(() => {
          import("../rhythm/run.js")
            .then(({ runDue }) =>
              runDue({
                store,
                mailer,
                now: options.now ?? (() => new Date()),
                publicUrl,
                webhookHosts: config.webhookHosts ?? DEFAULT_WEBHOOK_HOSTS,
              }),
            )
            .then((reports) => {
              for (const report of reports)
                log(
                  `Weekly run ${report.week} for ${report.orgId}: ${report.sent} sent, ${report.failed} failed`,
                );
            })
            .catch((error) =>
              log(`Weekly run failed: ${error instanceof Error ? error.message : String(error)}`),
            );
        }, interval)
      : null;
  timer?.unref();
  const dashboardUrl = `${server.url}${DASHBOARD_PATH}`;

  log(`OKR Sheets API on ${server.url}/v1 (OpenAPI: ${server.url}/v1/openapi.json)`);
  log(local ? `Data: dynalite in ${paths.dynalite}` : `Data: DynamoDB at ${storeConfig.endpoint}`);
  if (seedNote) log(seedNote);
  if (empty && !demo) log("Started empty: no demo organisation.");
  for (const line of importLines) log(line);
  log(`Dashboard: ${dashboardUrl}`);
  log(
    localSmtp
      ? `Mail: a local SMTP server on ${localSmtp.url}; the dashboard's Outbox shows what it received`
      : `Mail: through ${env.OKR_SMTP_URL}`,
  );
  if (demo) {
    log(`Demo organisation "${demo.orgName || "Demo"}": ID ${demo.orgId}`);
    log(`Sign in with the reader key of "${demo.orgName || "the demo"}": ${demo.readerKey}`);
    const admin = (await store.listPeople(demo.orgId)).find((person) => person.role === "admin");
    if (admin) {
      // A fresh one-time link each start (sign-in links are kept only as hashes).
      const token = generateSecret();
      const at = (options.now ?? (() => new Date()))();
      await store.putSignInLink(await sha256Hex(token), {
        orgId: demo.orgId,
        email: admin.email,
        createdAt: at.toISOString(),
        expiresAt: new Date(at.getTime() + 7 * 86_400_000).toISOString(),
        usedAt: null,
      });
      log(`Or sign in as ${admin.name} (admin; a one-time link): ${dashboardUrl}/invite?t=${token}`);
    }
    if (local) log(`(saved in ${paths.demoMarker}; delete ${paths.root} to start over)`);
  }
  if (ownOrg) {
    log(`Your organisation "${ownOrg.orgName}": ID ${ownOrg.orgId}`);
    log(`Sign in with its admin key (upload and download sheets on the dashboard): ${ownOrg.adminKey}`);
    log(`or with its reader key (read only): ${ownOrg.readerKey}`);
    if (local) log(`(saved in ${paths.ownOrgMarker})`);
  }
  if (!demo && !ownOrg)
    log(
      'Sign in with a reader key: npm run admin -- create-org --name "Acme", then ' +
        "npm run admin -- create-key --org ORG_ID --role reader",
    );
  log("Next:");
  const target = ownOrg ?? demo;
  if (ownOrg)
    log(
      `  Import more sheets (while this runs): npm run admin -- import --org ${ownOrg.orgId} FILE.xlsx FILE.csv`,
    );
  else
    log(
      "  Try it on your own sheets: npm start -- --import FILE.xlsx FILE.csv (.xlsx from Google Sheets or Excel)",
    );
  log(`  Upload and download sheets as .xlsx: ${dashboardUrl}/sheets (admin key)`);
  if (target)
    log(`  Keys and more: npm run admin -- list-keys --org ${target.orgId} (npm run admin -- help)`);
  log("  Walk-through: docs/try-it-on-your-own-sheets.md");

  return {
    url: server.url,
    dashboardUrl,
    seeded,
    demo,
    ownOrg,
    importReport,
    close: async () => {
      if (timer) clearInterval(timer);
      await server.close();
      await closeMail();
      await closeStore();
    },
  };
}

/** The user's own organisation with its admin key and a reader key (the reader key through the API). */
async function createOwnOrg(store: Store, name: string, now: Date): Promise<OwnOrgMarker> {
  const { orgId, key } = await createOrgWithAdminKey(store, { name, now });
  const reader = await issueApiKey(store, {
    orgId,
    role: "reader",
    sheetId: null,
    label: "own sheets (dashboard)",
    now,
  });
  return {
    orgId,
    orgName: name,
    adminKey: key.secret,
    readerKey: reader.secret,
    createdAt: now.toISOString(),
  };
}

async function runCli(): Promise<void> {
  const running = await startMain({ argv: process.argv.slice(2) });
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

// Run only as the entry point (`tsx api/entry/main.ts`), not when a test imports startMain.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await runCli();
