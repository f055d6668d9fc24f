// DynamoDB clients from plain config: a local endpoint (dynalite, DynamoDB Local) or AWS defaults.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

export interface ClientConfig {
  /** e.g. http://127.0.0.1:4567; absent: AWS as configured by the environment. */
  endpoint?: string;
  region?: string;
}

export interface DynamoClients {
  client: DynamoDBClient;
  documentClient: DynamoDBDocumentClient;
}

export function createClients(config: ClientConfig = {}): DynamoClients {
  const local = config.endpoint !== undefined;
  const client = new DynamoDBClient({
    region: config.region ?? process.env.AWS_REGION ?? "eu-north-1",
    ...(local
      ? { endpoint: config.endpoint, credentials: { accessKeyId: "local", secretAccessKey: "local" } }
      : {}),
    maxAttempts: 5,
  });
  const documentClient = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { client, documentClient };
}
