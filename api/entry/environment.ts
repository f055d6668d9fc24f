// Wiring from environment variables, shared by main.ts, lambda.ts and the admin CLI:
// TABLE_NAME, INDEX_NAME, OKR_DYNAMODB_ENDPOINT (any DynamoDB-compatible endpoint), AWS_REGION.
import { createClients, type DynamoClients } from "../store/client.js";
import { createDynamoStore, DEFAULT_INDEX_NAME } from "../store/dynamo-store.js";
import type { Store } from "../store/types.js";

export const DEFAULT_TABLE_NAME = "okr-sheets";

export interface StoreConfig {
  tableName: string;
  indexName: string;
  endpoint?: string;
  region?: string;
}

export function storeConfigFromEnv(env: Record<string, string | undefined> = process.env): StoreConfig {
  return {
    tableName: env.TABLE_NAME || DEFAULT_TABLE_NAME,
    indexName: env.INDEX_NAME || DEFAULT_INDEX_NAME,
    ...(env.OKR_DYNAMODB_ENDPOINT ? { endpoint: env.OKR_DYNAMODB_ENDPOINT } : {}),
    ...(env.AWS_REGION ? { region: env.AWS_REGION } : {}),
  };
}

export function storeFromConfig(config: StoreConfig): { store: Store; clients: DynamoClients } {
  const clients = createClients({
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.region ? { region: config.region } : {}),
  });
  const store = createDynamoStore({
    client: clients.documentClient,
    tableName: config.tableName,
    indexName: config.indexName,
  });
  return { store, clients };
}
