// CDK app entry: `npm run synth` / `npm run deploy:api`. Region and account come from the AWS CLI profile.
// It bundles the handler first (dist/lambda), so synth works from a fresh checkout and a plain `cdk deploy`
// never ships a stale bundle. Env: OKR_STACK_NAME (default OkrSheets), OKR_ALARM_EMAIL (alarm notifications),
// OKR_MAIL_FROM / OKR_MAIL_IDENTITY (SES), OKR_OIDC_CLIENT_ID / OKR_OIDC_CLIENT_SECRET / OKR_OIDC_ISSUER (sign-in).
import * as path from "node:path";
import { App } from "aws-cdk-lib";
import { buildLambdaFolder } from "./build-lambda.js";
import { OkrSheetsStack } from "./stack.js";

const root = path.resolve(import.meta.dirname, "../..");
const { bytes, totalBytes } = await buildLambdaFolder(root);
// stderr: stdout is the template when `cdk synth` prints it.
console.error(
  `Lambda bundle: ${(bytes / 1024).toFixed(0)} KiB at cold start, ${(totalBytes / 1024).toFixed(0)} KiB in all`,
);

const app = new App();
new OkrSheetsStack(app, process.env.OKR_STACK_NAME ?? "OkrSheets", {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  description: "OKR Sheets sync API: Lambda + HTTP API + DynamoDB",
  lambdaAssetPath: path.join(root, "dist/lambda"),
  ...(process.env.OKR_ALARM_EMAIL ? { alarmEmail: process.env.OKR_ALARM_EMAIL } : {}),
  // Reminders and digests through SES (a verified identity), and Google sign-in for the dashboard.
  ...(process.env.OKR_MAIL_FROM ? { mailFrom: process.env.OKR_MAIL_FROM } : {}),
  ...(process.env.OKR_MAIL_IDENTITY ? { mailIdentity: process.env.OKR_MAIL_IDENTITY } : {}),
  ...(process.env.OKR_OIDC_CLIENT_ID && process.env.OKR_OIDC_CLIENT_SECRET
    ? {
        oidc: {
          clientId: process.env.OKR_OIDC_CLIENT_ID,
          clientSecret: process.env.OKR_OIDC_CLIENT_SECRET,
          ...(process.env.OKR_OIDC_ISSUER ? { issuer: process.env.OKR_OIDC_ISSUER } : {}),
        },
      }
    : {}),
});
