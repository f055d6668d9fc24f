// The same store suite on Amazon's DynamoDB Local. Without Java it skips locally, but fails in CI:
// a CI run must never report this suite as passing when it did not run.
import { describe, it } from "vitest";
import { describeStoreContract } from "../../test/support/store-contract.js";
import { javaAvailable, startDynamoDbLocal } from "./dynamodb-local.js";

if (javaAvailable()) {
  describeStoreContract("DynamoDB Local", () => startDynamoDbLocal());
} else if (process.env.CI === "true") {
  describe("DynamoDB store on DynamoDB Local", () => {
    it("needs Java on the PATH in CI", () => {
      throw new Error(
        "java is not on the PATH: the DynamoDB Local store suite cannot run (install Java 17+)",
      );
    });
  });
} else {
  describe.skip("DynamoDB store on DynamoDB Local (java not on the PATH)", () => {
    it("runs when Java is installed", () => {});
  });
}
