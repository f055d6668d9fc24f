// CDK app entry: `npm run synth` / `npm run deploy:api`. Region and account come from the AWS CLI profile.
import { App } from "aws-cdk-lib";
import { OkrSheetsStack } from "./stack.js";

const app = new App();
new OkrSheetsStack(app, process.env.OKR_STACK_NAME ?? "OkrSheets", {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  description: "OKR Sheets sync API: Lambda + HTTP API + DynamoDB",
});
