// Faults injected into a real DynamoDB client's middleware stack (the store's code runs unchanged):
// the database going away after N items written, and write answers held back (a writer stalled after its
// writes landed). The crash suite (test/crash/) kills real processes; these are the in-process version.
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

const WRITE_COMMANDS = new Set(["PutCommand", "UpdateCommand", "DeleteCommand"]);
const BATCH_WRITE = new Set(["BatchWriteCommand", "BatchWriteItemCommand"]);

/** Items a command writes: one per Put/Update/Delete, one per request of a BatchWriteItem. */
export function itemsWritten(commandName: string, input: unknown): number {
  if (WRITE_COMMANDS.has(commandName) || WRITE_COMMANDS.has(commandName.replace("Item", ""))) return 1;
  if (!BATCH_WRITE.has(commandName)) return 0;
  const requests = (input as { RequestItems?: Record<string, unknown[]> }).RequestItems ?? {};
  return Object.values(requests).reduce((sum, list) => sum + list.length, 0);
}

/** What the SDK throws when the database's socket closes under it. */
export function connectionReset(): Error {
  return Object.assign(new Error("socket hang up"), { code: "ECONNRESET", name: "Error" });
}

export interface Faults {
  /** From now on every call fails once `items` more items were written (0: every call fails now). */
  failAfterWrites(items: number): void;
  /** Every call works again. */
  heal(): void;
  /** Holds the answers of the next `count` BatchWriteItem calls (their items are written); release() lets them go. */
  holdBatchAnswers(count: number): { held: () => number; release: () => void };
  /** Items written since the client was wrapped. */
  written(): number;
}

export function injectFaults(client: DynamoDBDocumentClient): Faults {
  let written = 0;
  let failAt: number | null = null;
  let toHold = 0;
  let held = 0;
  let gate: { promise: Promise<void>; open: () => void } | null = null;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? "";
      if (failAt !== null && written >= failAt) throw connectionReset();
      const items = itemsWritten(name, args.input);
      const result = await next(args);
      written += items;
      if (BATCH_WRITE.has(name) && toHold > 0 && gate) {
        toHold -= 1;
        held += 1;
        await gate.promise;
      }
      return result;
    },
    { step: "initialize", name: `injectFaults${Math.random()}` },
  );
  return {
    failAfterWrites(items) {
      failAt = written + items;
    },
    heal() {
      failAt = null;
    },
    holdBatchAnswers(count) {
      let open = () => {};
      const promise = new Promise<void>((resolve) => {
        open = resolve;
      });
      gate = { promise, open };
      toHold = count;
      held = 0;
      return {
        held: () => held,
        release: () => {
          toHold = 0;
          open();
        },
      };
    },
    written: () => written,
  };
}
