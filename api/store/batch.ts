// The two DynamoDB loops every bulk operation needs: BatchWriteItem in chunks of 25 with
// UnprocessedItems retried (exponential backoff, full jitter), and Query following LastEvaluatedKey.
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
} from "@aws-sdk/lib-dynamodb";

export const BATCH_SIZE = 25;

type WriteRequest = NonNullable<BatchWriteCommandInput["RequestItems"]>[string][number];

export interface RetryOptions {
  /** Attempts per chunk before giving up (the first try included). */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Chunks in flight at once. */
  concurrency?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Awaited before every BatchWriteItem call (retries too): renews a lease, or throws to stop writing. */
  beforeChunk?: () => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Full-jitter backoff: a random wait up to base * 2^attempt, capped. */
export function backoffDelay(attempt: number, options: RetryOptions = {}): number {
  const base = options.baseDelayMs ?? 25;
  const cap = options.maxDelayMs ?? 2_000;
  const random = options.random ?? Math.random;
  return Math.floor(random() * Math.min(cap, base * 2 ** attempt));
}

export class UnprocessedItemsError extends Error {
  constructor(readonly remaining: number) {
    super(`DynamoDB left ${remaining} items unprocessed after all retries`);
    this.name = "UnprocessedItemsError";
  }
}

async function writeChunk(
  client: DynamoDBDocumentClient,
  tableName: string,
  chunk: WriteRequest[],
  options: RetryOptions,
): Promise<void> {
  const maxAttempts = options.maxAttempts ?? 8;
  const sleep = options.sleep ?? defaultSleep;
  let pending = chunk;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt >= maxAttempts) throw new UnprocessedItemsError(pending.length);
    if (attempt > 0) await sleep(backoffDelay(attempt, options));
    await options.beforeChunk?.();
    const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
    pending = (result.UnprocessedItems?.[tableName] as WriteRequest[] | undefined) ?? [];
  }
}

/** Writes all requests in chunks of 25, retrying unprocessed items until none are left. */
export async function batchWriteAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  requests: readonly WriteRequest[],
  options: RetryOptions = {},
): Promise<void> {
  const chunks: WriteRequest[][] = [];
  for (let i = 0; i < requests.length; i += BATCH_SIZE) chunks.push(requests.slice(i, i + BATCH_SIZE));
  const concurrency = Math.max(1, options.concurrency ?? 4);
  let next = 0;
  // Once one chunk fails no worker starts another: the caller is told at once, and nothing is written
  // behind its back after it was.
  let failed = false;
  const worker = async () => {
    while (next < chunks.length && !failed) {
      const chunk = chunks[next++]!;
      try {
        await writeChunk(client, tableName, chunk, options);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const workers = Array.from({ length: Math.min(concurrency, chunks.length) }, worker);
  // Settle every worker before answering, so none is still writing when the caller hears of the failure.
  const results = await Promise.allSettled(workers);
  const failure = results.find((result) => result.status === "rejected");
  if (failure) throw (failure as PromiseRejectedResult).reason;
}

/** Runs a Query to the end, following LastEvaluatedKey page by page. */
export async function queryAll<T = Record<string, unknown>>(
  client: DynamoDBDocumentClient,
  input: QueryCommandInput,
): Promise<T[]> {
  const items: T[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    for (const item of page.Items ?? []) items.push(item as T);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
