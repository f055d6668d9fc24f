import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { Hono } from "hono";
import { handle } from "hono/aws-lambda";
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const app = new Hono().get("/", async (c) => c.json(await db.send(new QueryCommand({ TableName: "t", KeyConditionExpression: "PK = :p", ExpressionAttributeValues: { ":p": "x" } }))));
export const handler = handle(app);
