// Everything read from environment variables, shared by main.ts, lambda.ts and the admin CLI: the app's settings
// (OKR_*) and the store (TABLE_NAME, INDEX_NAME, OKR_DYNAMODB_ENDPOINT: any DynamoDB-compatible endpoint, AWS_REGION).
import { type AppConfig, DEFAULT_CONFIG } from "../app/config.js";
import { oidcFromEnv } from "../auth/oidc-config.js";
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

/** Config from environment variables (OKR_MAX_BODY_BYTES, OKR_CORS_ORIGINS comma-separated, OKR_WRITE_LEASE_MS). */
export function configFromEnv(env: Record<string, string | undefined> = process.env): AppConfig {
  const maxBody = Number(env.OKR_MAX_BODY_BYTES);
  const lease = Number(env.OKR_WRITE_LEASE_MS);
  return {
    maxBodyBytes: Number.isFinite(maxBody) && maxBody > 0 ? maxBody : DEFAULT_CONFIG.maxBodyBytes,
    writeLeaseMs: Number.isFinite(lease) && lease >= 100 ? lease : DEFAULT_CONFIG.writeLeaseMs,
    corsOrigins: (env.OKR_CORS_ORIGINS ?? "")
      .split(",")
      .map((origin) => origin.trim())
      .filter(Boolean),
    oidc: oidcFromEnv(env),
    ...(env.OKR_PUBLIC_URL?.trim() ? { publicUrl: env.OKR_PUBLIC_URL.trim().replace(/\/+$/, "") } : {}),
    ...(env.OKR_WEBHOOK_HOSTS?.trim()
      ? {
          webhookHosts: env.OKR_WEBHOOK_HOSTS.split(",")
            .map((host) => host.trim())
            .filter(Boolean),
        }
      : {}),
  };
}
