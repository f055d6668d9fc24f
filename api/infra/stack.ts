// The AWS stack: one DynamoDB table (the store's single-table design), the API as one arm64 Lambda behind an
// HTTP API with throttling, logs with retention, alarms, and an IAM policy limited to what the store calls.
import * as path from "node:path";
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import * as apigw from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as cloudwatchActions from "aws-cdk-lib/aws-cloudwatch-actions";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as logs from "aws-cdk-lib/aws-logs";
import * as scheduler from "aws-cdk-lib/aws-scheduler";
import * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import type { Construct } from "constructs";
import { DEFAULT_INDEX_NAME } from "../store/dynamo-store.js";

/** The store's key attributes (api/store/table.ts creates the same locally; the stack test checks they agree). */
export const TABLE_KEYS = {
  partition: "PK",
  sort: "SK",
  indexPartition: "GSI1PK",
  indexSort: "GSI1SK",
} as const;

/** Exactly the DynamoDB actions api/store calls. */
export const STORE_ACTIONS = [
  "dynamodb:BatchGetItem",
  "dynamodb:BatchWriteItem",
  "dynamodb:GetItem",
  "dynamodb:PutItem",
  "dynamodb:Query",
  "dynamodb:UpdateItem",
] as const;

export interface OkrSheetsStackProps extends StackProps {
  /** Folder holding the bundled handler (index.mjs); built by `npm run build:lambda`. */
  lambdaAssetPath?: string;
  /** Requests per second and burst for the whole API. */
  throttle?: { rateLimit: number; burstLimit: number };
  logRetention?: logs.RetentionDays;
  /** Who hears about the alarms: an SNS topic with this email subscribed (env OKR_ALARM_EMAIL in app.ts). */
  alarmEmail?: string;
  /**
   * The From address of reminders, digests and invites, sent through Amazon SES (env OKR_MAIL_FROM); absent:
   * no mail (team webhooks still post). Its SES identity (domain or address) must be verified in the account.
   */
  mailFrom?: string;
  /** The SES identity the function may send as; default: the domain of mailFrom. */
  mailIdentity?: string;
  /** OIDC sign-in (Google by default): issuer, client ID and secret handed to the function as env. */
  oidc?: { issuer?: string; clientId: string; clientSecret: string };
}

/** The weekly run's event: EventBridge Scheduler sends it every hour; each organisation's own day and hour decide. */
export const WEEKLY_RUN_EVENT = "okr-weekly-run";

/** The From address's bare e-mail and its domain. */
export function mailAddress(from: string): { email: string; domain: string } {
  const email = (/<([^<>]+)>\s*$/.exec(from)?.[1] ?? from).trim();
  return { email, domain: email.slice(email.lastIndexOf("@") + 1) };
}

export class OkrSheetsStack extends Stack {
  readonly table: dynamodb.Table;
  readonly handler: lambda.Function;
  readonly api: apigw.HttpApi;

  constructor(scope: Construct, id: string, props: OkrSheetsStackProps = {}) {
    super(scope, id, props);

    this.table = new dynamodb.Table(this, "Table", {
      partitionKey: { name: TABLE_KEYS.partition, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sort, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
      // Idempotency records expire by themselves (api/store writes the expiry time here).
      timeToLiveAttribute: "expiresAt",
    });
    this.table.addGlobalSecondaryIndex({
      indexName: DEFAULT_INDEX_NAME,
      partitionKey: { name: TABLE_KEYS.indexPartition, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.indexSort, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });

    const logGroup = new logs.LogGroup(this, "ApiLogs", {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // The function's own role: no AWSLambdaBasicExecutionRole (logs on every group, "*"), only writing to its
    // log group, plus the table statement below.
    const role = new iam.Role(this, "ApiRole", {
      assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
      description: "OKR Sheets API Lambda: its log group and the store's DynamoDB calls on its table",
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
        resources: [logGroup.logGroupArn],
      }),
    );

    this.handler = new lambda.Function(this, "Api", {
      role,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      handler: "index.handler",
      code: lambda.Code.fromAsset(
        props.lambdaAssetPath ?? path.resolve(import.meta.dirname, "../../dist/lambda"),
      ),
      memorySize: 512,
      // Below the API's write lease (OKR_WRITE_LEASE_MS, 15 s): a Lambda killed at its timeout holds no
      // Idempotency-Key or pending sheet revision longer than that lease.
      timeout: Duration.seconds(10),
      logGroup,
      environment: {
        TABLE_NAME: this.table.tableName,
        INDEX_NAME: DEFAULT_INDEX_NAME,
        ...(props.mailFrom ? { OKR_MAIL_TRANSPORT: "ses", OKR_MAIL_FROM: props.mailFrom } : {}),
        ...(props.oidc
          ? {
              OKR_OIDC_CLIENT_ID: props.oidc.clientId,
              OKR_OIDC_CLIENT_SECRET: props.oidc.clientSecret,
              ...(props.oidc.issuer ? { OKR_OIDC_ISSUER: props.oidc.issuer } : {}),
            }
          : {}),
        // No NODE_OPTIONS=--enable-source-maps: it cost 15-18 ms of every cold start in npm run bench:lambda.
        // Set it on the function for a debugging session; index.mjs.map ships with the bundle.
      },
    });
    // Least privilege: the store's actions on this table and its index only (no grantReadWriteData, which adds
    // Scan, DeleteItem, transactions and more).
    this.handler.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [...STORE_ACTIONS],
        resources: [this.table.tableArn, `${this.table.tableArn}/index/${DEFAULT_INDEX_NAME}`],
      }),
    );

    this.api = new apigw.HttpApi(this, "HttpApi", {
      defaultIntegration: new HttpLambdaIntegration("ApiIntegration", this.handler),
      createDefaultStage: false,
    });
    const throttle = props.throttle ?? { rateLimit: 50, burstLimit: 100 };
    const stage = new apigw.HttpStage(this, "DefaultStage", {
      httpApi: this.api,
      stageName: "$default",
      autoDeploy: true,
      throttle,
    });

    // Mail through SES: SendEmail only, only as the one identity, only from the configured address.
    if (props.mailFrom) {
      const { email, domain } = mailAddress(props.mailFrom);
      this.handler.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ["ses:SendEmail"],
          resources: [
            Stack.of(this).formatArn({
              service: "ses",
              resource: "identity",
              resourceName: props.mailIdentity ?? domain,
            }),
          ],
          conditions: { StringEquals: { "ses:FromAddress": email } },
        }),
      );
    }

    // The weekly rhythm: every hour EventBridge Scheduler invokes the function with the run event; each
    // organisation's day, hour and time zone decide whether its week is due (sent once, by conditional write).
    const schedulerRole = new iam.Role(this, "WeeklyRunRole", {
      assumedBy: new iam.ServicePrincipal("scheduler.amazonaws.com", {
        conditions: { StringEquals: { "aws:SourceAccount": Stack.of(this).account } },
      }),
      description: "OKR Sheets weekly run: may invoke the API function, nothing else",
    });
    schedulerRole.addToPolicy(
      new iam.PolicyStatement({ actions: ["lambda:InvokeFunction"], resources: [this.handler.functionArn] }),
    );
    new scheduler.CfnSchedule(this, "WeeklyRun", {
      description: "Reminders, digests and team posts: hourly; each organisation's own schedule decides",
      scheduleExpression: "cron(5 * * * ? *)",
      scheduleExpressionTimezone: "UTC",
      flexibleTimeWindow: { mode: "OFF" },
      target: {
        arn: this.handler.functionArn,
        roleArn: schedulerRole.roleArn,
        // The API's own URL: the links in messages (dashboard, unsubscribe) point at it.
        input: Stack.of(this).toJsonString({ source: WEEKLY_RUN_EVENT, publicUrl: stage.url }),
        retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 },
      },
    });

    const topic = props.alarmEmail
      ? new sns.Topic(this, "Alarms", { displayName: "OKR Sheets alarms" })
      : undefined;
    if (topic && props.alarmEmail)
      topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    const alarm = (name: string, metric: cloudwatch.IMetric, description: string) => {
      const created = new cloudwatch.Alarm(this, name, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      if (topic) created.addAlarmAction(new cloudwatchActions.SnsAction(topic));
      return created;
    };
    alarm(
      "LambdaErrors",
      this.handler.metricErrors({ period: Duration.minutes(5) }),
      "The API Lambda failed (crash, timeout or out of memory).",
    );
    // The app turns its own exceptions into JSON 500s, which Lambda counts as successes: this one sees them.
    alarm(
      "ApiServerErrors",
      this.api.metricServerError({ period: Duration.minutes(5) }),
      "The API answered 5xx (an error in the app, or the Lambda failing).",
    );
    alarm(
      "LambdaThrottles",
      this.handler.metricThrottles({ period: Duration.minutes(5) }),
      "The API Lambda was throttled.",
    );
    alarm(
      "TableThrottles",
      // Table-level throttle events, read + write: two alarm metrics ($0.10 each) where one ThrottledRequests
      // metric per operation took five. A throttle the SDK's retries do not absorb also shows as an API 5xx.
      new cloudwatch.MathExpression({
        expression: "reads + writes",
        usingMetrics: {
          reads: this.table.metric("ReadThrottleEvents", { statistic: "Sum" }),
          writes: this.table.metric("WriteThrottleEvents", { statistic: "Sum" }),
        },
        period: Duration.minutes(5),
        label: "DynamoDB throttle events",
      }),
      "DynamoDB throttled the store's reads or writes.",
    );

    new CfnOutput(this, "ApiUrl", { value: stage.url, description: "Base URL of the OKR Sheets API" });
    new CfnOutput(this, "TableName", {
      value: this.table.tableName,
      description: "DynamoDB table (TABLE_NAME for npm run admin)",
    });
  }
}
