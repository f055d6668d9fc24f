export {
  BATCH_SIZE,
  backoffDelay,
  batchWriteAll,
  queryAll,
  type RetryOptions,
  UnprocessedItemsError,
} from "./batch.js";
export { type ClientConfig, createClients, type DynamoClients } from "./client.js";
export { type LocalDynamo, startDynalite } from "./dynalite.js";
export { createDynamoStore, DEFAULT_INDEX_NAME, type DynamoStoreOptions } from "./dynamo-store.js";
export { ensureTable, type TableConfig } from "./table.js";
export type * from "./types.js";
