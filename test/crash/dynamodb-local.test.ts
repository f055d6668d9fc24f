// Crash suite on Amazon's DynamoDB Local (Java, data on disk): the API process killed mid-sync as on dynalite,
// and the database process itself killed (SIGKILL) mid-sync and started again on the same data, while the
// API keeps running and answers 503 store_unavailable meanwhile. The built add-on retries as it does; the
// store must then hold exactly the sheet. Without Java it skips locally, but fails in CI (as the store suite).
import { afterAll, beforeAll, describe, it } from "vitest";
import { javaAvailable, startDynamoDbLocal } from "../../api/store/dynamodb-local.js";
import { freePort, prepare, printReports, tempDir } from "./harness.js";
import { type Database, Lane, LanePool, type Round, runRound } from "./rounds.js";

const SMALL = 120;
const EDIT = { version: 1, drop: 10, extra: 10 };

const rounds: Round[] = [
  { name: "first sync, half the rows", prefix: "DF", rows: SMALL, kill: { at: "rows:60" } },
  {
    name: "update sync, database killed mid-rows",
    prefix: "DB2",
    rows: SMALL,
    update: EDIT,
    kill: { databaseAfterWrites: 30 },
  },
];

type Running = Awaited<ReturnType<typeof startDynamoDbLocal>>;

if (javaAvailable()) {
  const data = tempDir("ddb-local");
  let port: number;
  let dynamo: Running;
  const database: Database = {
    env: () => ({ OKR_DYNAMODB_ENDPOINT: dynamo.endpoint }),
    async bounce(pauseMs) {
      const stopped = dynamo;
      process.kill(stopped.pid, "SIGKILL");
      await stopped.close();
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      dynamo = await startDynamoDbLocal({ path: data.path, port });
    },
  };
  let pool: LanePool;

  beforeAll(async () => {
    await prepare();
    port = await freePort();
    dynamo = await startDynamoDbLocal({ path: data.path, port });
    // One lane: the database bounces under every round of it, so no other round may share the database then.
    pool = new LanePool([await Lane.open(0, database)]);
  }, 120_000);

  afterAll(async () => {
    printReports("Crash rounds on DynamoDB Local (Java, data on disk):");
    await Promise.all(pool?.lanes.map((lane) => lane.close()) ?? []);
    await dynamo?.close();
    data.remove();
  });

  describe("the API or DynamoDB Local killed mid-sync", () => {
    for (const round of rounds)
      it(round.name, () => pool.use((lane) => runRound(lane, round, database)), 180_000);
  });
} else if (process.env.CI === "true") {
  describe("crash suite on DynamoDB Local", () => {
    it("needs Java on the PATH in CI", () => {
      throw new Error(
        "java is not on the PATH: the DynamoDB Local crash suite cannot run (install Java 17+)",
      );
    });
  });
} else {
  describe.skip("crash suite on DynamoDB Local (java not on the PATH)", () => {
    it("runs when Java is installed", () => {});
  });
}
