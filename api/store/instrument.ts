// Counts DynamoDB operations by wrapping a client's middleware stack: how tests and the
// benchmark prove "zero writes" and see pagination, without touching the store's code.
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

export interface OperationCounter {
  /** Commands sent, by name (e.g. "QueryCommand"). */
  readonly commands: Map<string, number>;
  /** Items written: one per Put/Update/Delete, one per request in a BatchWriteItem. */
  writes(): number;
  reset(): void;
}

const WRITE_COMMANDS = new Set([
  "PutCommand",
  "UpdateCommand",
  "DeleteCommand",
  "PutItemCommand",
  "UpdateItemCommand",
  "DeleteItemCommand",
]);

export function countOperations(client: DynamoDBDocumentClient): OperationCounter {
  const commands = new Map<string, number>();
  let writes = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? "unknown";
      commands.set(name, (commands.get(name) ?? 0) + 1);
      if (WRITE_COMMANDS.has(name)) writes += 1;
      if (name === "BatchWriteCommand" || name === "BatchWriteItemCommand") {
        const input = args.input as { RequestItems?: Record<string, unknown[]> };
        for (const requests of Object.values(input.RequestItems ?? {})) writes += requests.length;
      }
      return next(args);
    },
    { step: "initialize", name: `countOperations${Math.random()}` },
  );
  return {
    commands,
    writes: () => writes,
    reset: () => {
      commands.clear();
      writes = 0;
    },
  };
}
