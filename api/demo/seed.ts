// The demo organisation "Demo AB": the sample sheets in api/demo/sheets/ pushed through the same HTTP
// contract the add-on uses (POST /v1/sheets/{id}/sync with row hashes, then check-ins in batches), so the demo
// exercises the real sync path, validation and store, not a shortcut into the tables.

import { rowHash, type SyncRequest, type SyncResponse } from "../../shared/contract.js";
import { parseCycle } from "../../shared/cycle.js";
import type { Language } from "../../shared/model.js";
import { DEFAULT_TIME_ZONE, isoDayIn } from "../../shared/time-zone.js";
import { CHECK_IN_BATCH_MAX, type CheckInBatchRequest } from "../../shared/wire.js";
import { createApp } from "../app/app.js";
import { type AppConfig, DEFAULT_CONFIG } from "../app/config.js";
import { createOrgWithAdminKey } from "../auth/api-keys.js";
import type { Store } from "../store/types.js";
import { demoCheckIns } from "./check-ins.js";
import { loadDemoSheets, quarterOf } from "./sheets.js";

export const DEMO_ORG_NAME = "Demo AB";

/** The demo's people list: owners of the sample sheets, with the team they lead or work in. */
export const DEMO_PEOPLE = [
  { name: "Anna Lindqvist", team: "Leadership", role: "admin", leader: true },
  { name: "Maria Holm", team: "Leadership", role: "reader", leader: false },
  { name: "Johan Berg", team: "Sales", role: "reader", leader: true },
  { name: "Sara Nilsson", team: "Sales", role: "reader", leader: false },
  { name: "Erik Sandberg", team: "Engineering", role: "reader", leader: true },
  { name: "Priya Nair", team: "Engineering", role: "reader", leader: false },
  { name: "Tomas Wik", team: "Engineering", role: "reader", leader: false },
  { name: "Lena Ek", team: "Kundframgång", role: "reader", leader: true },
  { name: "Nils Haugen", team: "Økonomi", role: "reader", leader: true },
  { name: "Ingrid Dahl", team: "Økonomi", role: "reader", leader: false },
] as const;

/** "Anna Lindqvist" -> anna.lindqvist@demo.example (ASCII, so any mail client takes it). */
export const demoEmail = (name: string) =>
  `${name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ø/gi, "o")
    .toLowerCase()
    .replace(/[^a-z]+/g, ".")}@demo.example`;

export interface SeedDemoOptions {
  store: Store;
  /** The moment the demo is seeded for; its quarter becomes the cycle. Defaults to the clock. */
  now?: Date;
  orgName?: string;
  config?: Partial<AppConfig>;
  /**
   * Check-ins per request, at most CHECK_IN_BATCH_MAX (the default); 1 sends each through the single check-in
   * route, as the seed did before batches (test/bench/demo-seed.ts compares the two).
   */
  checkInsPerRequest?: number;
}

export interface SeededSheet {
  sheetId: string;
  name: string;
  language: Language;
  /** The writer key bound to this sheet (what its add-on would hold). */
  writerKey: string;
  revision: number;
  rows: number;
  checkIns: number;
  /** Warnings and hints the sync answered with (never errors: the seed fails on those). */
  problems: SyncResponse["problems"];
}

export interface SeedDemoResult {
  orgId: string;
  orgName: string;
  /** The current quarter, e.g. "2026-Q4": the cycle every demo objective is in. */
  cycle: string;
  /** Reads the whole organisation: sign in to the dashboard with it. */
  readerKey: string;
  adminKey: string;
  sheets: SeededSheet[];
}

/** One by one, at most this many check-in requests at once (dynalite is one process; more only queues). */
const SINGLE_CHECK_IN_CONCURRENCY = 8;

async function mapLimit<T>(items: readonly T[], limit: number, run: (item: T) => Promise<unknown>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Creates "Demo AB" with an admin key, a reader key and a writer key per sheet, syncs the five sample
 * sheets and their check-ins through the app's HTTP routes. Throws when any request fails or a sync
 * reports an error-severity problem.
 */
export async function seedDemo(options: SeedDemoOptions): Promise<SeedDemoResult> {
  const now = options.now ?? new Date();
  const today = isoDayIn(now, DEFAULT_TIME_ZONE);
  const orgName = options.orgName ?? DEMO_ORG_NAME;
  const sheets = loadDemoSheets(today);
  for (const sheet of sheets) {
    const errors = sheet.problems.filter((problem) => problem.severity === "error");
    if (errors.length > 0)
      throw new Error(
        `Demo sheet ${sheet.sheetId} does not parse: ${errors.map((p) => p.message).join("; ")}`,
      );
  }

  const appAt = (at: Date) =>
    createApp({ store: options.store, now: () => at, config: { ...DEFAULT_CONFIG, ...options.config } });
  const app = appAt(now);
  // The teams set their sheets up on the quarter's first morning; values since came with check-ins. (A sync
  // that brings a new Current counts as an update, so syncing today would make every key result look fresh.)
  const setUpAt = new Date(
    Math.min(now.getTime(), Date.parse(`${parseCycle(quarterOf(today))!.start}T08:00:00Z`)),
  );
  const setUpApp = appAt(setUpAt);
  const call = async <T>(
    method: string,
    path: string,
    key: string,
    body: unknown,
    expected: number,
    via: typeof app = app,
  ) => {
    const response = await via.request(`http://demo.local${path}`, {
      method,
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status !== expected)
      throw new Error(`Demo seed: ${method} ${path} answered ${response.status}: ${text.slice(0, 2000)}`);
    return JSON.parse(text) as T;
  };

  const { orgId, key } = await createOrgWithAdminKey(options.store, { name: orgName, now });
  const adminKey = key.secret;
  const createKey = async (body: { role: "reader" | "writer"; sheetId?: string; label: string }) =>
    (await call<{ key: string }>("POST", "/v1/keys", adminKey, body, 201)).key;
  const readerKey = await createKey({ role: "reader", label: "demo reader (dashboard)" });

  const seeded: SeededSheet[] = [];
  for (const sheet of sheets) {
    const writerKey = await createKey({
      role: "writer",
      sheetId: sheet.sheetId,
      label: `demo writer: ${sheet.name}`,
    });
    const request: SyncRequest = {
      baseRevision: 0,
      name: sheet.name,
      language: sheet.language,
      rows: sheet.rows.map((row) => ({ ...row, hash: rowHash(row) })),
    };
    const path = `/v1/sheets/${encodeURIComponent(sheet.sheetId)}/sync`;
    const answer = await call<SyncResponse>("POST", path, writerKey, request, 200, setUpApp);
    const errors = answer.problems.filter((problem) => problem.severity === "error");
    if (errors.length > 0)
      throw new Error(
        `Demo seed: syncing ${sheet.sheetId} reported errors: ${errors.map((p) => `${p.code}: ${p.message}`).join("; ")}`,
      );

    // The sheet's history in batches, as an import of past check-ins sends it (one request, not one per check-in).
    const checkIns = demoCheckIns(sheet, now);
    const sheetPath = `/v1/sheets/${encodeURIComponent(sheet.sheetId)}`;
    const perRequest = Math.min(
      CHECK_IN_BATCH_MAX,
      Math.max(1, options.checkInsPerRequest ?? CHECK_IN_BATCH_MAX),
    );
    if (perRequest === 1)
      await mapLimit(checkIns, SINGLE_CHECK_IN_CONCURRENCY, ({ krId, body }) =>
        call("POST", `${sheetPath}/key-results/${encodeURIComponent(krId)}/check-ins`, writerKey, body, 201),
      );
    else
      for (let i = 0; i < checkIns.length; i += perRequest) {
        const batch: CheckInBatchRequest = {
          checkIns: checkIns.slice(i, i + perRequest).map(({ krId, body }) => ({ krId, ...body })),
        };
        await call("POST", `${sheetPath}/check-ins`, writerKey, batch, 201);
      }
    seeded.push({
      sheetId: sheet.sheetId,
      name: sheet.name,
      language: sheet.language,
      writerKey,
      revision: answer.revision,
      rows: sheet.rows.length,
      checkIns: checkIns.length,
      problems: answer.problems,
    });
  }
  // The people behind the owners (one left out on purpose: the People page lists "Oskar Persson" as an
  // owner nobody on the list answers to), and the weekly rhythm on Mondays at 9 in Stockholm.
  for (const person of DEMO_PEOPLE)
    await call("POST", "/v1/people", adminKey, { ...person, email: demoEmail(person.name) }, 200);
  await options.store.putRhythmSettings(orgId, {
    enabled: true,
    schedule: { day: 1, hour: 9, timeZone: "Europe/Stockholm" },
    quietDays: 14,
    language: "en",
  });
  return { orgId, orgName, cycle: quarterOf(today), readerKey, adminKey, sheets: seeded };
}
