// The stack, synthesised offline, has what the issue asks for; and its table matches what the store creates.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { App } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClients } from "../store/client.js";
import { startDynalite } from "../store/dynalite.js";
import { DEFAULT_INDEX_NAME } from "../store/dynamo-store.js";
import { ensureTable } from "../store/table.js";
import { ALARM_METRICS } from "./cost.js";
import { OkrSheetsStack, STORE_ACTIONS, TABLE_KEYS, WEEKLY_RUN_EVENT } from "./stack.js";

let template: Template;
let asset: string;

beforeAll(() => {
  // A tiny stand-in asset, so the test does not depend on a previous `npm run build:lambda`.
  asset = mkdtempSync(path.join(tmpdir(), "okr-lambda-"));
  writeFileSync(path.join(asset, "index.mjs"), "export const handler = async () => ({ statusCode: 200 });\n");
  const app = new App();
  const stack = new OkrSheetsStack(app, "Test", {
    env: { account: "123456789012", region: "eu-north-1" },
    lambdaAssetPath: asset,
  });
  template = Template.fromStack(stack);
});

describe("the DynamoDB table", () => {
  it("is on-demand, with point-in-time recovery, deletion protection and encryption", () => {
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      BillingMode: "PAY_PER_REQUEST",
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true },
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
      KeySchema: [
        { AttributeName: TABLE_KEYS.partition, KeyType: "HASH" },
        { AttributeName: TABLE_KEYS.sort, KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: [
        Match.objectLike({
          IndexName: DEFAULT_INDEX_NAME,
          KeySchema: [
            { AttributeName: TABLE_KEYS.indexPartition, KeyType: "HASH" },
            { AttributeName: TABLE_KEYS.indexSort, KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        }),
      ],
    });
    template.hasResource("AWS::DynamoDB::Table", { DeletionPolicy: "Retain", UpdateReplacePolicy: "Retain" });
  });

  describe("matches the table the store creates for itself", () => {
    let dynalite: Awaited<ReturnType<typeof startDynalite>>;
    beforeAll(async () => {
      dynalite = await startDynalite();
    });
    afterAll(async () => {
      await dynalite.close();
    });

    it("same keys and index", async () => {
      const { client } = createClients({ endpoint: dynalite.endpoint, region: "local" });
      await ensureTable(client, { tableName: "drift", indexName: DEFAULT_INDEX_NAME });
      const { Table } = await client.send(new DescribeTableCommand({ TableName: "drift" }));
      const cfn = Object.values(template.findResources("AWS::DynamoDB::Table"))[0]!.Properties;
      expect(Table?.KeySchema).toEqual(cfn.KeySchema);
      expect(
        Table?.GlobalSecondaryIndexes?.map((i) => ({ IndexName: i.IndexName, KeySchema: i.KeySchema })),
      ).toEqual(
        cfn.GlobalSecondaryIndexes.map((i: { IndexName: string; KeySchema: unknown }) => ({
          IndexName: i.IndexName,
          KeySchema: i.KeySchema,
        })),
      );
    });
  });
});

describe("the Lambda function", () => {
  it("runs Node 22 on arm64 with sensible memory, timeout and the table's name", () => {
    template.hasResourceProperties("AWS::Lambda::Function", {
      Runtime: "nodejs22.x",
      Architectures: ["arm64"],
      MemorySize: 512,
      Timeout: 10,
      Handler: "index.handler",
      Environment: {
        Variables: Match.objectLike({
          TABLE_NAME: { Ref: Match.anyValue() },
          INDEX_NAME: DEFAULT_INDEX_NAME,
        }),
      },
    });
    // Source maps stay out of the cold start (npm run bench:lambda measured 15-18 ms for the flag).
    const fn = Object.values(template.findResources("AWS::Lambda::Function"))[0]!;
    expect(JSON.stringify(fn.Properties.Environment)).not.toContain("enable-source-maps");
  });

  it("may call only the store's actions, only on this table and its index", () => {
    const policies = Object.values(template.findResources("AWS::IAM::Policy"));
    const statements = policies.flatMap(
      (p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
    );
    const dynamo = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith("dynamodb:")));
    expect(dynamo).toHaveLength(1);
    expect([dynamo[0]!.Action].flat().sort()).toEqual([...STORE_ACTIONS].sort());
    const tableId = Object.keys(template.findResources("AWS::DynamoDB::Table"))[0]!;
    expect(dynamo[0]!.Resource).toEqual([
      { "Fn::GetAtt": [tableId, "Arn"] },
      { "Fn::Join": ["", [{ "Fn::GetAtt": [tableId, "Arn"] }, `/index/${DEFAULT_INDEX_NAME}`]] },
    ]);
    expect(JSON.stringify(statements)).not.toMatch(/dynamodb:\*|dynamodb:Scan|dynamodb:DeleteItem/);
  });

  it("logs to a group with retention", () => {
    template.hasResourceProperties("AWS::Logs::LogGroup", { RetentionInDays: 30 });
    template.hasResourceProperties("AWS::Lambda::Function", {
      LoggingConfig: { LogGroup: { Ref: Match.anyValue() } },
    });
  });

  it("has its own role that may write only to that log group: no managed policy with logs on every group", () => {
    const roles = Object.values(template.findResources("AWS::IAM::Role"));
    const lambdaRoles = roles.filter((r) =>
      JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes("lambda.amazonaws.com"),
    );
    expect(lambdaRoles).toHaveLength(1);
    expect(lambdaRoles[0]!.Properties.ManagedPolicyArns).toBeUndefined();
    const statements = Object.values(template.findResources("AWS::IAM::Policy")).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
    );
    const logs = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith("logs:")));
    const groupId = Object.keys(template.findResources("AWS::Logs::LogGroup"))[0]!;
    expect(logs).toEqual([
      {
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Effect: "Allow",
        Resource: { "Fn::GetAtt": [groupId, "Arn"] },
      },
    ]);
    expect(JSON.stringify(statements)).not.toMatch(/"Resource":"\*"/);
  });
});

describe("the HTTP API, alarms and outputs", () => {
  it("throttles the default stage", () => {
    template.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      StageName: "$default",
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
  });

  it("alarms on Lambda errors and throttles, API 5xx answers and DynamoDB throttles", () => {
    const alarms = Object.values(template.findResources("AWS::CloudWatch::Alarm")).map((a) => a.Properties);
    expect(alarms.map((a) => `${a.Namespace ?? "math"} ${a.MetricName ?? ""}`.trim()).sort()).toEqual(
      ["AWS/Lambda Errors", "AWS/Lambda Throttles", "AWS/ApiGateway 5xx", "math"].sort(),
    );
    const apiId = Object.keys(template.findResources("AWS::ApiGatewayV2::Api"))[0]!;
    expect(alarms.find((a) => a.MetricName === "5xx")!.Dimensions).toEqual([
      { Name: "ApiId", Value: { Ref: apiId } },
    ]);
    // DynamoDB: this table's read and write throttle events (2 alarm metrics, each billed).
    const tableId = Object.keys(template.findResources("AWS::DynamoDB::Table"))[0]!;
    const math = alarms.find((a) => a.Metrics)!.Metrics as {
      Expression?: string;
      MetricStat?: { Metric: { MetricName: string; Dimensions: unknown } };
    }[];
    expect(math.find((m) => m.Expression)?.Expression).toBe("reads + writes");
    expect(
      math.flatMap((m) =>
        m.MetricStat ? [[m.MetricStat.Metric.MetricName, m.MetricStat.Metric.Dimensions]] : [],
      ),
    ).toEqual([
      ["ReadThrottleEvents", [{ Name: "TableName", Value: { Ref: tableId } }]],
      ["WriteThrottleEvents", [{ Name: "TableName", Value: { Ref: tableId } }]],
    ]);
    expect(alarms.every((a) => a.Threshold === 1 && a.TreatMissingData === "notBreaching")).toBe(true);
  });

  it("has as many billed alarm metrics as the cost estimate (api/infra/cost.ts) counts", () => {
    const alarms = Object.values(template.findResources("AWS::CloudWatch::Alarm")).map((a) => a.Properties);
    const metrics = alarms.reduce(
      (n, a) =>
        n + (a.Metrics ? (a.Metrics as { MetricStat?: unknown }[]).filter((m) => m.MetricStat).length : 1),
      0,
    );
    expect(metrics).toBe(ALARM_METRICS);
  });

  it("notifies nobody by default, and an email through one SNS topic from every alarm with alarmEmail", () => {
    template.resourceCountIs("AWS::SNS::Topic", 0);
    const alarms = Object.values(template.findResources("AWS::CloudWatch::Alarm"));
    expect(alarms.every((a) => a.Properties.AlarmActions === undefined)).toBe(true);

    const emailed = Template.fromStack(
      new OkrSheetsStack(new App(), "Emailed", {
        env: { account: "123456789012", region: "eu-north-1" },
        lambdaAssetPath: asset,
        alarmEmail: "ops@example.com",
      }),
    );
    emailed.resourceCountIs("AWS::SNS::Topic", 1);
    emailed.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "email",
      Endpoint: "ops@example.com",
    });
    const topicId = Object.keys(emailed.findResources("AWS::SNS::Topic"))[0]!;
    const actions = Object.values(emailed.findResources("AWS::CloudWatch::Alarm")).map(
      (a) => a.Properties.AlarmActions,
    );
    expect(actions).toEqual(Array.from({ length: 4 }, () => [{ Ref: topicId }]));
  });

  it("outputs the API URL and the table name", () => {
    template.hasOutput("ApiUrl", {});
    template.hasOutput("TableName", { Value: { Ref: Match.anyValue() } });
  });
});

describe("the IAM actions and what the Lambda bundle calls", () => {
  // DynamoDB document-client command names -> IAM action names.
  const ACTION_OF: Record<string, string> = {
    Get: "GetItem",
    Put: "PutItem",
    Update: "UpdateItem",
    Delete: "DeleteItem",
    BatchWrite: "BatchWriteItem",
    BatchGet: "BatchGetItem",
    TransactWrite: "TransactWriteItems",
    TransactGet: "TransactGetItems",
  };

  it("grants exactly the commands sent by the code bundled into the Lambda", async () => {
    // The project's own modules esbuild bundles from api/entry/lambda.ts: local-only helpers (table creation,
    // DynamoDB Local) are not reached, so they need no permission.
    const root = path.resolve(import.meta.dirname, "../..");
    const { metafile } = await build({
      entryPoints: [path.join(root, "api/entry/lambda.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      write: false,
      metafile: true,
      outfile: path.join(tmpdir(), "okr-iam-scan.mjs"),
      logLevel: "silent",
    });
    const sources = Object.keys(metafile.inputs).filter((f) => !f.includes("node_modules"));
    expect(sources).toContain("api/store/dynamo-store.ts");
    const used = new Set<string>();
    for (const file of sources) {
      for (const [, name] of readFileSync(path.join(root, file), "utf8").matchAll(
        /new ([A-Z][A-Za-z]*?)(?:Item)?Command\(/g,
      )) {
        used.add(`dynamodb:${ACTION_OF[name!] ?? name}`);
      }
    }
    expect([...used].sort()).toEqual([...STORE_ACTIONS].sort());
  });
});

describe("the weekly rhythm: EventBridge Scheduler and SES", () => {
  const mailed = () =>
    Template.fromStack(
      new OkrSheetsStack(new App(), "Mailed", {
        env: { account: "123456789012", region: "eu-north-1" },
        lambdaAssetPath: asset,
        mailFrom: "OKR Sheets <okr@acme.example>",
      }),
    );

  it("invokes the function every hour with the weekly-run event and the API's URL, through a role that may do only that", () => {
    const schedules = Object.values(template.findResources("AWS::Scheduler::Schedule"));
    expect(schedules).toHaveLength(1);
    const schedule = schedules[0]!.Properties;
    expect(schedule.ScheduleExpression).toBe("cron(5 * * * ? *)");
    expect(schedule.FlexibleTimeWindow).toEqual({ Mode: "OFF" });
    const fnId = Object.keys(template.findResources("AWS::Lambda::Function"))[0]!;
    expect(schedule.Target.Arn).toEqual({ "Fn::GetAtt": [fnId, "Arn"] });
    expect(JSON.stringify(schedule.Target.Input)).toContain(WEEKLY_RUN_EVENT);
    expect(JSON.stringify(schedule.Target.Input)).toContain("publicUrl");
    const roleId = (schedule.Target.RoleArn as { "Fn::GetAtt": string[] })["Fn::GetAtt"][0]!;
    const role = template.findResources("AWS::IAM::Role")[roleId]!;
    expect(JSON.stringify(role.Properties.AssumeRolePolicyDocument)).toContain("scheduler.amazonaws.com");
    const policies = Object.values(template.findResources("AWS::IAM::Policy")).filter((policy) =>
      JSON.stringify(policy.Properties.Roles).includes(roleId),
    );
    expect(policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement)).toEqual([
      { Action: "lambda:InvokeFunction", Effect: "Allow", Resource: { "Fn::GetAtt": [fnId, "Arn"] } },
    ]);
  });

  it("without a From address grants no SES at all", () => {
    expect(JSON.stringify(template.findResources("AWS::IAM::Policy"))).not.toContain("ses:");
  });

  it("with a From address may SendEmail only, as that one identity, only from that address", () => {
    const t = mailed();
    const statements = Object.values(t.findResources("AWS::IAM::Policy")).flatMap(
      (p) =>
        p.Properties.PolicyDocument.Statement as {
          Action: string | string[];
          Resource: unknown;
          Condition?: unknown;
        }[],
    );
    const ses = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith("ses:")));
    expect(ses).toHaveLength(1);
    expect(ses[0]!.Action).toBe("ses:SendEmail");
    expect(JSON.stringify(ses[0]!.Resource)).toContain(":identity/acme.example");
    expect(JSON.stringify(ses[0]!.Resource)).not.toContain("*");
    expect(ses[0]!.Condition).toEqual({ StringEquals: { "ses:FromAddress": "okr@acme.example" } });
    t.hasResourceProperties("AWS::Lambda::Function", {
      Environment: {
        Variables: Match.objectLike({
          OKR_MAIL_TRANSPORT: "ses",
          OKR_MAIL_FROM: "OKR Sheets <okr@acme.example>",
        }),
      },
    });
  });
});
