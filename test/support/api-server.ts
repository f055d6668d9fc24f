// A real API for tests and benches: in-memory dynalite, the table, the store with its operations
// counted, an organisation with an admin key, and (optionally) the node server on a random port.

import { type AppConfig, type AppDeps, DEFAULT_CONFIG } from "../../api/app/config.js";
import { createOrgWithAdminKey } from "../../api/auth/api-keys.js";
import { createClients, type DynamoClients } from "../../api/store/client.js";
import { type LocalDynamo, startDynalite } from "../../api/store/dynalite.js";
import { createDynamoStore } from "../../api/store/dynamo-store.js";
import { countOperations, type OperationCounter } from "../../api/store/instrument.js";
import { ensureTable } from "../../api/store/table.js";
import type { Store } from "../../api/store/types.js";

export const TEST_TABLE = "okr-test";

export interface TestBackend {
  local: LocalDynamo;
  clients: DynamoClients;
  store: Store;
  /** Counts every DynamoDB command and written item. */
  counter: OperationCounter;
  close(): Promise<void>;
}

/** dynalite in memory (or any started LocalDynamo) with the table created and the store wired. */
export async function startBackend(
  start: () => Promise<LocalDynamo> = () => startDynalite(),
): Promise<TestBackend> {
  const local = await start();
  const clients = createClients({ endpoint: local.endpoint, region: "local" });
  await ensureTable(clients.client, { tableName: TEST_TABLE });
  const counter = countOperations(clients.documentClient);
  const store = createDynamoStore({ client: clients.documentClient, tableName: TEST_TABLE });
  return {
    local,
    clients,
    store,
    counter,
    close: async () => {
      clients.client.destroy();
      await local.close();
    },
  };
}

export async function createOrg(
  store: Store,
  name = "Acme",
  now = new Date(),
): Promise<{ orgId: string; adminKey: string }> {
  const { orgId, key } = await createOrgWithAdminKey(store, { name, now });
  return { orgId, adminKey: key.secret };
}

export interface TestApiOptions {
  now?: () => Date;
  config?: Partial<AppConfig>;
  mailer?: AppDeps["mailer"];
}

/** The app for app.request() tests. */
export async function startTestApp(options: TestApiOptions = {}) {
  const backend = await startBackend();
  // Loaded on demand so store-only suites do not pull in the whole app.
  const { createApp } = await import("../../api/app/app.js");
  const app = createApp({
    store: backend.store,
    now: options.now ?? (() => new Date()),
    config: { ...DEFAULT_CONFIG, ...options.config },
  });
  return { ...backend, app };
}

/** The node server on a random loopback port, over in-memory dynalite. */
export async function startApiServer(options: TestApiOptions = {}) {
  const backend = await startBackend();
  const { startServer } = await import("../../api/entry/server.js");
  const server = await startServer({
    store: backend.store,
    ...(options.now ? { now: options.now } : {}),
    ...(options.config ? { config: options.config } : {}),
    ...(options.mailer ? { mailer: options.mailer } : {}),
  });
  return {
    ...backend,
    url: server.url,
    close: async () => {
      await server.close();
      await backend.close();
    },
  };
}
