// AWS Lambda entry (Function URL / HTTP API v2 events). Config from env: TABLE_NAME, INDEX_NAME,
// OKR_MAX_BODY_BYTES, OKR_CORS_ORIGINS. The table is created by the CDK stack, not here.
import { handle } from "hono/aws-lambda";
import { createApp } from "./app.js";
import { configFromEnv } from "./config.js";
import { storeConfigFromEnv, storeFromConfig } from "./runtime.js";

const { store } = storeFromConfig(storeConfigFromEnv());

export const app = createApp({ store, now: () => new Date(), config: configFromEnv() });
export const handler = handle(app);
