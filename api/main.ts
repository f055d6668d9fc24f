// `npm start`: the API on http://127.0.0.1:8787 (PORT), backed by dynalite persisted under .data/
// (the table is created on first start), or by any DynamoDB at OKR_DYNAMODB_ENDPOINT.
import { mkdirSync } from "node:fs";
import { configFromEnv } from "./config.js";
import { LOCAL_DATA_DIR } from "./main-paths.js";
import { storeConfigFromEnv, storeFromConfig } from "./runtime.js";
import { startServer } from "./server.js";
import { startDynalite } from "./store/dynalite.js";
import { ensureTable } from "./store/table.js";

async function main(): Promise<void> {
  const storeConfig = storeConfigFromEnv();
  let local: Awaited<ReturnType<typeof startDynalite>> | null = null;
  if (!storeConfig.endpoint) {
    mkdirSync(LOCAL_DATA_DIR, { recursive: true });
    local = await startDynalite({ path: LOCAL_DATA_DIR });
    storeConfig.endpoint = local.endpoint;
  }
  const { store, clients } = storeFromConfig(storeConfig);
  await ensureTable(clients.client, storeConfig);
  const server = await startServer({
    port: Number(process.env.PORT ?? 8787),
    store,
    config: configFromEnv(),
  });
  console.log(`OKR Sheets API on ${server.url}/v1 (OpenAPI: ${server.url}/v1/openapi.json)`);
  console.log(local ? `Data: dynalite in ${LOCAL_DATA_DIR}` : `Data: DynamoDB at ${storeConfig.endpoint}`);
  const stop = async () => {
    await server.close();
    await local?.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

await main();
