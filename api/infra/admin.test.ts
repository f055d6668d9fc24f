// The admin commands against a deployed table: the table and region come from cdk-outputs.json, the client takes
// the AWS default credential chain (env keys here, as from a profile or SSO), and the SDK's own
// AWS_ENDPOINT_URL_DYNAMODB points it at dynalite instead of AWS. What it writes, the API then accepts.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app/app.js";
import { DEFAULT_CONFIG } from "../app/config.js";
import { createClients } from "../store/client.js";
import { type LocalDynamo, startDynalite } from "../store/dynalite.js";
import { createDynamoStore } from "../store/dynamo-store.js";
import { ensureTable } from "../store/table.js";
import { deployedTable } from "./admin.js";

const root = path.resolve(import.meta.dirname, "../..");
const TABLE = "OkrSheets-TableCD117FA1-1ABCDEF";
let local: LocalDynamo;
let clients: ReturnType<typeof createClients>;
let dir: string;

beforeAll(async () => {
  local = await startDynalite();
  clients = createClients({ endpoint: local.endpoint, region: "local" });
  await ensureTable(clients.client, { tableName: TABLE });
  dir = mkdtempSync(path.join(tmpdir(), "okr-admin-"));
  writeFileSync(
    path.join(dir, "cdk-outputs.json"),
    JSON.stringify({
      OkrSheets: { ApiUrl: "https://a1b2c3.execute-api.eu-north-1.amazonaws.com/", TableName: TABLE },
    }),
  );
});
afterAll(async () => {
  clients?.client.destroy();
  await local?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs the command in its own process (asynchronously: dynalite answers from this one). */
async function admin(args: string[], env: Record<string, string> = {}) {
  const child = spawn(
    process.execPath,
    [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "api/infra/admin.ts"), ...args],
    {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: dir,
        AWS_CONFIG_FILE: path.join(dir, "none"),
        AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "none"),
        AWS_ACCESS_KEY_ID: "AKIAEXAMPLEADMIN",
        AWS_SECRET_ACCESS_KEY: "admin-test-secret",
        AWS_ENDPOINT_URL_DYNAMODB: local.endpoint,
        OKR_OUTPUTS_FILE: path.join(dir, "cdk-outputs.json"),
        ...env,
      },
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => {
    stdout += c;
  });
  child.stderr.on("data", (c) => {
    stderr += c;
  });
  const [code] = (await once(child, "close")) as [number];
  return { code, stdout, stderr };
}

describe("api/infra/admin.ts against the deployed table", () => {
  it("creates an organisation and keys in the table named by cdk-outputs.json, in the ApiUrl's region", async () => {
    const created = await admin(["create-org", "--name", "Acme"]);
    expect(created.stderr).toContain(`Table ${TABLE} in eu-north-1`);
    expect(created.code).toBe(0);
    const orgId = created.stdout.match(/Organisation: (\S+)/)?.[1];
    const adminKey = created.stdout.match(/Admin key \(shown once, store it now\): (\S+)/)?.[1];
    expect(orgId && adminKey).toBeTruthy();

    const reader = await admin(["create-key", "--org", orgId!, "--role", "reader", "--label", "Leaders"]);
    expect(reader.code).toBe(0);
    const listed = await admin(["list-keys", "--org", orgId!]);
    expect(listed.stdout.trim().split("\n")).toHaveLength(2);
    expect(listed.stdout).toMatch(/reader .*active {2}Leaders/);

    // The API over the same table accepts the admin key.
    const store = createDynamoStore({ client: clients.documentClient, tableName: TABLE });
    const app = createApp({ store, now: () => new Date(), config: DEFAULT_CONFIG });
    const keys = await app.request("/v1/keys", { headers: { authorization: `Bearer ${adminKey}` } });
    expect(keys.status).toBe(200);
  });

  it("says what is missing: table, region, a usable outputs file", async () => {
    const noFile = await admin(["list-keys", "--org", "x"], {
      OKR_OUTPUTS_FILE: path.join(dir, "nope.json"),
    });
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toMatch(/No table: set TABLE_NAME, or deploy with `npm run deploy:api`/);
  });
});

describe("deployedTable", () => {
  const outputs = JSON.stringify({
    OkrDev: { ApiUrl: "https://d.execute-api.eu-west-1.amazonaws.com/", TableName: "DevTable" },
    OkrProd: { ApiUrl: "https://p.execute-api.us-east-1.amazonaws.com/", TableName: "ProdTable" },
  });
  it("takes TABLE_NAME and AWS_REGION first, else the chosen stack's outputs", () => {
    expect(deployedTable({ TABLE_NAME: "T", AWS_REGION: "ap-south-1" }, "o.json", undefined)).toEqual({
      tableName: "T",
      region: "ap-south-1",
    });
    expect(deployedTable({ OKR_STACK_NAME: "OkrProd" }, "o.json", outputs)).toEqual({
      tableName: "ProdTable",
      region: "us-east-1",
    });
  });
  it("refuses to guess between stacks, a region it cannot find, or a broken file", () => {
    expect(() => deployedTable({}, "o.json", outputs)).toThrow(
      /several stacks \(OkrDev, OkrProd\); set OKR_STACK_NAME/,
    );
    expect(() => deployedTable({ TABLE_NAME: "T" }, "o.json", undefined)).toThrow(
      /No region: set AWS_REGION/,
    );
    expect(() => deployedTable({}, "o.json", "{")).toThrow(/o\.json is not valid JSON/);
  });
});
