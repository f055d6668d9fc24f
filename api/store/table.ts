// Creates the single table (and its sparse GSI) when missing, and waits until it is ACTIVE.
// Production tables come from the CDK stack; this is for local runs, tests and first starts.
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
} from "@aws-sdk/client-dynamodb";
import { DEFAULT_INDEX_NAME } from "./dynamo-store.js";

export interface TableConfig {
  tableName: string;
  indexName?: string;
}

async function status(client: DynamoDBClient, tableName: string): Promise<string | null> {
  try {
    const result = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return result.Table?.TableStatus ?? null;
  } catch (error) {
    if ((error as { name?: string }).name === "ResourceNotFoundException") return null;
    throw error;
  }
}

export async function ensureTable(client: DynamoDBClient, config: TableConfig): Promise<void> {
  const indexName = config.indexName ?? DEFAULT_INDEX_NAME;
  if ((await status(client, config.tableName)) === null) {
    try {
      await client.send(
        new CreateTableCommand({
          TableName: config.tableName,
          BillingMode: "PAY_PER_REQUEST",
          AttributeDefinitions: [
            { AttributeName: "PK", AttributeType: "S" },
            { AttributeName: "SK", AttributeType: "S" },
            { AttributeName: "GSI1PK", AttributeType: "S" },
            { AttributeName: "GSI1SK", AttributeType: "S" },
          ],
          KeySchema: [
            { AttributeName: "PK", KeyType: "HASH" },
            { AttributeName: "SK", KeyType: "RANGE" },
          ],
          GlobalSecondaryIndexes: [
            {
              IndexName: indexName,
              KeySchema: [
                { AttributeName: "GSI1PK", KeyType: "HASH" },
                { AttributeName: "GSI1SK", KeyType: "RANGE" },
              ],
              Projection: { ProjectionType: "ALL" },
            },
          ],
        }),
      );
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
  }
  for (let attempt = 0; attempt < 200; attempt++) {
    if ((await status(client, config.tableName)) === "ACTIVE") return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Table ${config.tableName} did not become ACTIVE`);
}
