// `npm run admin:aws -- <command>`: the admin commands of `npm run admin` (create-org, create-key,
// list-keys, revoke-key) against the DEPLOYED table, with your AWS credentials (profile, SSO or env keys).
// `npm run admin` itself always uses the local .data dynalite unless OKR_DYNAMODB_ENDPOINT is set, and that
// variable switches to fixed local keys, so it cannot reach AWS.
// The table comes from TABLE_NAME, else the TableName output in cdk-outputs.json (OKR_OUTPUTS_FILE for another
// file, OKR_STACK_NAME when it holds several stacks); the region from AWS_REGION / AWS_DEFAULT_REGION, else the
// region in the stack's ApiUrl.
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { runCommand, USAGE, UsageError } from "../admin/commands.js";
import { createClients } from "../store/client.js";
import { createDynamoStore, DEFAULT_INDEX_NAME } from "../store/dynamo-store.js";

export interface DeployedTable {
  tableName: string;
  region: string;
}

/** Where the deployed table is, from env and the CDK outputs file (undefined: no such file). */
export function deployedTable(
  env: Readonly<Record<string, string | undefined>>,
  outputsFile: string,
  outputsText: string | undefined,
): DeployedTable {
  let outputs: Record<string, string> = {};
  if (outputsText !== undefined) {
    let parsed: Record<string, Record<string, string>>;
    try {
      parsed = JSON.parse(outputsText) as Record<string, Record<string, string>>;
    } catch (e) {
      throw new UsageError(`${outputsFile} is not valid JSON (${(e as Error).message}).`);
    }
    const stacks = Object.entries(parsed).filter(([name, o]) =>
      env.OKR_STACK_NAME ? name === env.OKR_STACK_NAME : typeof o?.TableName === "string",
    );
    if (stacks.length > 1 && !env.TABLE_NAME)
      throw new UsageError(
        `${outputsFile} holds several stacks (${stacks.map(([n]) => n).join(", ")}); set OKR_STACK_NAME.`,
      );
    if (stacks.length === 1) outputs = stacks[0]?.[1] ?? {};
  }
  const tableName = env.TABLE_NAME || outputs.TableName;
  if (!tableName)
    throw new UsageError(
      `No table: set TABLE_NAME, or deploy with \`npm run deploy:api\` so that ${outputsFile} holds its TableName.`,
    );
  const region =
    env.AWS_REGION ||
    env.AWS_DEFAULT_REGION ||
    outputs.ApiUrl?.match(/\.execute-api\.([a-z0-9-]+)\.amazonaws\.com/)?.[1];
  if (!region) throw new UsageError("No region: set AWS_REGION to the region you deployed to.");
  return { tableName, region };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(import.meta.dirname, "../..");
  const outputsFile = path.resolve(root, process.env.OKR_OUTPUTS_FILE ?? "cdk-outputs.json");
  let clients: ReturnType<typeof createClients> | undefined;
  try {
    const args = process.argv.slice(2);
    if (args.length === 0 || args[0] === "help") {
      console.log(USAGE.replace("npm run admin --", "npm run admin:aws --"));
    } else {
      const table = deployedTable(
        process.env,
        path.relative(root, outputsFile),
        existsSync(outputsFile) ? readFileSync(outputsFile, "utf8") : undefined,
      );
      clients = createClients({ region: table.region }); // no endpoint: AWS, with the default credential chain
      const store = createDynamoStore({
        client: clients.documentClient,
        tableName: table.tableName,
        indexName: process.env.INDEX_NAME || DEFAULT_INDEX_NAME,
      });
      console.error(`Table ${table.tableName} in ${table.region}`);
      for (const line of await runCommand(store, args)) console.log(line);
    }
  } catch (error) {
    process.exitCode = 1;
    console.error(error instanceof UsageError ? error.message : error);
  } finally {
    clients?.client.destroy();
  }
}
