// The API as a real process for the crash suite: the node server over dynalite persisted on disk (LevelDB, as
// `npm start` keeps .data/) or over any DynamoDB at OKR_DYNAMODB_ENDPOINT (DynamoDB Local). Bundled once by
// the suite (test/crash/harness.ts) so a restart takes well under a second.
//
// Environment:
//   PORT                     where to listen (fixed, so the add-on's API URL survives restarts)
//   OKR_CRASH_DIR            the dynalite database folder (ignored with OKR_DYNAMODB_ENDPOINT)
//   OKR_DYNAMODB_ENDPOINT    an external DynamoDB instead
//   OKR_WRITE_LEASE_MS       the write lease (short in the suite, so recovery is quick)
//   OKR_KILL_AT              the deterministic crash point (below): SIGKILL this process right there
//   OKR_CRASH_CONTROL        a file the suite may write {"at": "<point>"} to: the next sync request arms it
//                            (and removes the file), so arming needs no restart and a restart is unarmed
//   OKR_CRASH_KEYS           where the organisation's admin key is kept (made on first start)
// POST /crash/org (outside /v1) makes another organisation and answers its admin key; GET /crash/read-model
// (the round's admin key as Bearer) answers where that organisation's read model disagrees with its rows.
// Prints one JSON line when listening, {url, adminKey}, then one per request arriving and answered and one
// per write acknowledged:
//   {"arrived": "POST /v1/sheets/s/sync", "key": "..."}
//   {"request": "POST /v1/sheets/s/sync", "status": 409, "code": "request_in_progress", "key": "..."}
//   {"writes": 123, "rows": 120}
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApp } from "../../api/app/app.js";
import { DEFAULT_CONFIG } from "../../api/app/config.js";
import { createOrgWithAdminKey, sha256Hex } from "../../api/auth/api-keys.js";
import { createClients } from "../../api/store/client.js";
import { startDynalite } from "../../api/store/dynalite.js";
import { createDynamoStore } from "../../api/store/dynamo-store.js";
import { ensureTable } from "../../api/store/table.js";
import { itemsWritten } from "../support/faults.js";
import { readModelDisagreements } from "../support/read-model-check.js";

const TABLE = "okr-crash";
const env = process.env;
const print = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);

const local = env.OKR_DYNAMODB_ENDPOINT ? null : await startDynalite({ path: env.OKR_CRASH_DIR! });
if (local === null && !env.OKR_DYNAMODB_ENDPOINT) throw new Error("OKR_CRASH_DIR or OKR_DYNAMODB_ENDPOINT");
const clients = createClients({ endpoint: env.OKR_DYNAMODB_ENDPOINT ?? local!.endpoint, region: "local" });

// The kill point, OKR_KILL_AT: "<when>:<what>", what being a write the sync protocol makes:
//   after:reservation  the Idempotency-Key reserved        after:claim    the revision claimed (rows pending)
//   rows:<N>           N row items written (or more)        before:commit  every row written, not committed
//   after:commit       committed, the answer not yet kept   after:answer   the answer kept, not yet sent
type Input = {
  Item?: Record<string, unknown>;
  UpdateExpression?: string;
  RequestItems?: Record<string, unknown[]>;
};
const killAt = env.OKR_KILL_AT ?? "";
const isCommit = (input: Input) => input.UpdateExpression?.includes("REMOVE pendingToken") === true;
const kinds: Record<string, (input: Input) => boolean> = {
  reservation: (input) => input.Item?.kind === "idempotency" && input.Item.reservationToken !== undefined,
  claim: (input) => input.Item?.kind === "sheet" && input.Item.pendingToken !== undefined,
  commit: isCommit,
  answer: (input) => input.Item?.kind === "idempotency" && input.Item.status !== undefined,
};
let [when, what] = killAt.split(":") as [string, string];
let rowsAt = when === "rows" ? Number(what) : null;
/** Arms a kill point read from the control file (the suite writes it; the first sync request takes it). */
function armFromControl(): void {
  const control = env.OKR_CRASH_CONTROL;
  if (!control || !existsSync(control)) return;
  const spec = String(JSON.parse(readFileSync(control, "utf8")).at ?? "");
  rmSync(control, { force: true });
  [when, what] = spec.split(":") as [string, string];
  rowsAt = when === "rows" ? Number(what) : null;
  rows = 0;
}
const die = () => process.kill(process.pid, "SIGKILL");
let written = 0;
let rows = 0;
clients.documentClient.middlewareStack.add(
  (next, context) => async (args) => {
    const input = args.input as Input;
    if (when === "before" && kinds[what]?.(input)) die();
    const result = await next(args);
    const items = itemsWritten(context.commandName ?? "", input);
    if (items > 0) {
      written += items;
      for (const request of Object.values(input.RequestItems ?? {}).flat())
        if ((request as { PutRequest?: { Item?: { kind?: string } } }).PutRequest?.Item?.kind === "row")
          rows += 1;
      print({ writes: written, rows });
      if (when === "after" && kinds[what]?.(input)) die();
      if (rowsAt !== null && rows >= rowsAt) die();
    }
    return result;
  },
  { step: "initialize", name: "crashAt" },
);

await ensureTable(clients.client, { tableName: TABLE });
const store = createDynamoStore({ client: clients.documentClient, tableName: TABLE });
const keysFile = env.OKR_CRASH_KEYS!;
let adminKey: string;
if (existsSync(keysFile)) adminKey = JSON.parse(readFileSync(keysFile, "utf8")).adminKey;
else {
  const { key } = await createOrgWithAdminKey(store, { name: "Crash AB", now: new Date() });
  adminKey = key.secret;
  mkdirSync(keysFile.replace(/\/[^/]*$/, ""), { recursive: true });
  writeFileSync(keysFile, JSON.stringify({ adminKey }));
}

const lease = Number(env.OKR_WRITE_LEASE_MS ?? DEFAULT_CONFIG.writeLeaseMs);
const deps = { store, now: () => new Date(), config: { ...DEFAULT_CONFIG, writeLeaseMs: lease } };
const app = createApp(deps);
/** The app, with one line per answer: what the add-on's requests got, in order, for the suite's report. */
const fetch = async (request: Request, bindings: unknown) => {
  const path = new URL(request.url).pathname;
  // The suite's own door (not the API's): a new organisation per round, without a restart.
  if (request.method === "POST" && path === "/crash/org") {
    const { key } = await createOrgWithAdminKey(store, { name: "Crash round", now: new Date() });
    return Response.json({ adminKey: key.secret });
  }
  if (request.method === "GET" && path === "/crash/read-model") {
    const secret = (request.headers.get("Authorization") ?? "").replace(/^Bearer\s+/i, "");
    const key = await store.findApiKeyByHash(await sha256Hex(secret));
    if (!key) return Response.json({ error: "unknown key" }, { status: 401 });
    const today = new Date().toISOString().slice(0, 10);
    return Response.json({ disagreements: await readModelDisagreements(deps, key.orgId, today) });
  }
  const key = request.headers.get("Idempotency-Key");
  print({ arrived: `${request.method} ${path}`, key });
  if (request.method === "POST" && path.endsWith("/sync")) armFromControl();
  const res = await app.fetch(request, bindings as never);
  const code =
    res.status >= 400
      ? (
          (await res
            .clone()
            .json()
            .catch(() => null)) as { error?: { code?: string } } | null
        )?.error?.code
      : undefined;
  print({ request: `${request.method} ${path}`, status: res.status, code, key });
  return res;
};
const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
  const started = serve({ fetch, port: Number(env.PORT ?? 0), hostname: "127.0.0.1" }, () =>
    resolve(started),
  );
});
print({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, adminKey });
