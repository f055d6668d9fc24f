// `npm run admin -- <command>`: organisations and API keys, against the local .data dynalite by
// default or any DynamoDB via OKR_DYNAMODB_ENDPOINT / TABLE_NAME / AWS credentials.
import { mkdirSync, readFileSync } from "node:fs";
import { storeConfigFromEnv, storeFromConfig } from "../entry/environment.js";
import { localPaths, runningEndpoint } from "../entry/main-paths.js";
import { startDynalite } from "../store/dynalite.js";
import { ensureTable } from "../store/table.js";
import { runCommand, UsageError } from "./commands.js";

const config = storeConfigFromEnv();
let local: Awaited<ReturnType<typeof startDynalite>> | null = null;
if (!config.endpoint) {
  // The same folder `npm start` uses (OKR_DATA_DIR moves both); while it runs, through its dynalite.
  const paths = localPaths(process.env.OKR_DATA_DIR || undefined);
  const running = runningEndpoint(paths, (path) => readFileSync(path, "utf8"));
  if (running) config.endpoint = running;
  else {
    mkdirSync(paths.dynalite, { recursive: true });
    local = await startDynalite({ path: paths.dynalite });
    config.endpoint = local.endpoint;
  }
}
const { store, clients } = storeFromConfig(config);
try {
  if (local) await ensureTable(clients.client, config);
  for (const line of await runCommand(store, process.argv.slice(2))) console.log(line);
} catch (error) {
  process.exitCode = 1;
  console.error(error instanceof UsageError ? error.message : error);
} finally {
  clients.client.destroy();
  await local?.close();
}
