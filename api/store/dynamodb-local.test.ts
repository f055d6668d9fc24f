// The same store suite on Amazon's DynamoDB Local. Without Java it skips locally, but fails in CI:
// a CI run must never report this suite as passing when it did not run.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { describeStoreContract } from "../../test/support/store-contract.js";
import { javaAvailable, startDynamoDbLocal } from "./dynamodb-local.js";

if (javaAvailable()) {
  describeStoreContract("DynamoDB Local", () => startDynamoDbLocal());

  describe("startDynamoDbLocal", () => {
    it("stops its Java process when the process that started it ends without closing it", () => {
      const script = `import { startDynamoDbLocal } from ${JSON.stringify(new URL("./dynamodb-local.ts", import.meta.url).pathname)};
        const local = await startDynamoDbLocal(); console.log(local.pid); process.exit(0);`;
      const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
        encoding: "utf8",
        timeout: 90_000,
      });
      const pid = Number(out.trim().split("\n").at(-1));
      expect(pid).toBeGreaterThan(0);
      // kill(pid, 0) throws ESRCH once no such process exists (the SIGKILL is sent as the parent exits).
      const alive = () => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      const until = Date.now() + 10_000;
      while (alive() && Date.now() < until) execFileSync("sleep", ["0.1"]);
      expect(alive()).toBe(false);
    }, 120_000);
  });
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
