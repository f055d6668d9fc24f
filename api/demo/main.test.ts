// `npm start`'s logic (api/entry/main.ts) on temporary data folders: the first start seeds the demo and prints
// the dashboard URL and reader key, the second keeps the data and seeds nothing; --empty, OKR_EMPTY and an
// external DynamoDB do not seed. The last test runs the real entry point as `npm start` does.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { storeConfigFromEnv, storeFromConfig } from "../entry/environment.js";
import { startMain } from "../entry/main.js";
import { localPaths, runningEndpoint } from "../entry/main-paths.js";
import { type LocalDynamo, startDynalite } from "../store/dynalite.js";

const NOW = new Date("2026-11-24T10:30:00Z");
const folders: string[] = [];

function tempRoot(): string {
  const folder = mkdtempSync(join(tmpdir(), "okr-main-"));
  folders.push(folder);
  return folder;
}

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

async function start(env: Record<string, string>, argv: string[] = []) {
  const lines: string[] = [];
  const running = await startMain({ argv, env, port: 0, log: (line) => lines.push(line), now: () => NOW });
  return { running, lines, output: lines.join("\n") };
}

async function getJson(url: string, key: string) {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${key}` } });
  expect(response.status, url).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
  return (await response.json()) as any;
}

describe("npm start", () => {
  it("seeds the demo on the first start, then keeps the data and seeds nothing on the second", async () => {
    const root = tempRoot();
    const first = await start({ OKR_DATA_DIR: root });
    let readerKey: string;
    let orgId: string;
    let history: number;
    try {
      expect(first.running.seeded).toBe(true);
      expect(first.running.demo).not.toBeNull();
      readerKey = first.running.demo!.readerKey;
      orgId = first.running.demo!.orgId;
      expect(first.output).toContain(`Dashboard: ${first.running.url}/dashboard`);
      expect(first.output).toContain(readerKey);
      expect(first.output).toMatch(/Seeded the demo organisation "Demo AB" for 2026-Q4: 5 team sheets/);
      expect(first.running.dashboardUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/dashboard$/);

      const marker = JSON.parse(readFileSync(join(root, "demo.json"), "utf8"));
      expect(marker).toMatchObject({ orgId, readerKey, orgName: "Demo AB", cycle: "2026-Q4" });

      const rollup = await getJson(`${first.running.url}/v1/rollup?cycle=2026-Q4`, readerKey);
      expect(rollup.insights.unsupported.map((o: { id: string }) => o.id)).toEqual(["O-C4"]);
      history = (await getJson(`${first.running.url}/v1/key-results/KR-S11/check-ins`, readerKey)).checkIns
        .length;
      expect(history).toBeGreaterThan(5);
    } finally {
      await first.running.close();
    }

    const second = await start({ OKR_DATA_DIR: root });
    try {
      expect(second.running.seeded).toBe(false);
      expect(second.running.demo).toMatchObject({ orgId, readerKey });
      expect(second.output).not.toMatch(/Seeded/);
      expect(second.output).toContain(`Dashboard: ${second.running.url}/dashboard`);
      expect(second.output).toContain(readerKey);
      const sheets = await getJson(`${second.running.url}/v1/sheets`, readerKey);
      expect(sheets.sheets.map((sheet: { revision: number }) => sheet.revision)).toEqual([1, 1, 1, 1, 1]);
      // The same check-ins, not a second copy of them.
      const again = await getJson(`${second.running.url}/v1/key-results/KR-S11/check-ins`, readerKey);
      expect(again.checkIns.length).toBe(history);
    } finally {
      await second.running.close();
    }
  });

  it("--empty and OKR_EMPTY=1 start without the demo; a later plain start on the empty store seeds it", async () => {
    const root = tempRoot();
    const flagged = await start({ OKR_DATA_DIR: root }, ["--empty"]);
    await flagged.running.close();
    expect(flagged.running.seeded).toBe(false);
    expect(flagged.running.demo).toBeNull();
    expect(flagged.output).toMatch(/Started empty/);
    expect(flagged.output).not.toMatch(/okr_/);
    expect(existsSync(join(root, "demo.json"))).toBe(false);

    const byEnv = await start({ OKR_DATA_DIR: root, OKR_EMPTY: "1" });
    await byEnv.running.close();
    expect(byEnv.running.seeded).toBe(false);
    expect(existsSync(join(root, "demo.json"))).toBe(false);

    const plain = await start({ OKR_DATA_DIR: root });
    await plain.running.close();
    expect(plain.running.seeded).toBe(true);
  });

  it("does not seed an external DynamoDB unless --demo is given", async () => {
    const root = tempRoot();
    let external: LocalDynamo | null = null;
    try {
      external = await startDynalite();
      const env = {
        OKR_DATA_DIR: root,
        OKR_DYNAMODB_ENDPOINT: external.endpoint,
        TABLE_NAME: "okr-external",
        AWS_REGION: "local",
      };
      const plain = await start(env);
      await plain.running.close();
      expect(plain.running.seeded).toBe(false);
      expect(plain.output).toMatch(/External DynamoDB: the demo is not seeded/);
      expect(plain.output).toContain(`DynamoDB at ${external.endpoint}`);

      const demo = await start(env, ["--demo"]);
      try {
        expect(demo.running.seeded).toBe(true);
        const sheets = await getJson(`${demo.running.url}/v1/sheets`, demo.running.demo!.readerKey);
        expect(sheets.sheets).toHaveLength(5);
      } finally {
        await demo.running.close();
      }

      const later = await start(env, ["--demo"]);
      await later.running.close();
      expect(later.running.seeded).toBe(false);
      expect(later.running.demo?.orgId).toBe(demo.running.demo!.orgId);
    } finally {
      await external?.close();
    }
  });

  it("does not seed a local store that already holds other data", async () => {
    const root = tempRoot();
    const first = await start({ OKR_DATA_DIR: root });
    await first.running.close();
    rmSync(join(root, "demo.json"));
    const second = await start({ OKR_DATA_DIR: root });
    await second.running.close();
    expect(second.running.seeded).toBe(false);
    expect(second.running.demo).toBeNull();
    expect(second.output).toMatch(/already holds data/);
  });

  it("tells the admin CLI its dynalite endpoint while it runs (one process may open the database)", async () => {
    const root = tempRoot();
    const paths = localPaths(root);
    const read = (path: string) => readFileSync(path, "utf8");
    const first = await start({ OKR_DATA_DIR: root });
    try {
      const endpoint = runningEndpoint(paths, read);
      expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      // The admin CLI's store, through that endpoint, sees the demo organisation.
      const { store, clients } = storeFromConfig({
        ...storeConfigFromEnv({}),
        endpoint: endpoint!,
        region: "local",
      });
      expect((await store.getOrg(first.running.demo!.orgId))?.name).toBe("Demo AB");
      clients.client.destroy();
    } finally {
      await first.running.close();
    }
    expect(existsSync(paths.runningEndpoint)).toBe(false);
    // A file left behind by a process that is gone does not count.
    writeFileSync(
      paths.runningEndpoint,
      JSON.stringify({ endpoint: "http://127.0.0.1:1", pid: 2 ** 22 + 12345 }),
    );
    expect(runningEndpoint(paths, read)).toBeNull();
  });

  it("runs as the entry point: `tsx api/entry/main.ts` prints the dashboard URL and a key that reads the rollup", async () => {
    const root = tempRoot();
    const child: ChildProcess = spawn(join("node_modules", ".bin", "tsx"), ["api/entry/main.ts"], {
      cwd: process.cwd(),
      env: { ...process.env, OKR_DATA_DIR: root, PORT: "0", OKR_DYNAMODB_ENDPOINT: "", OKR_EMPTY: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      let output = "";
      const ready = new Promise<{ url: string; key: string }>((resolve, reject) => {
        child.stdout!.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          const url = /Dashboard: (http:\/\/\S+)\/dashboard/.exec(output);
          const key = /reader key of "Demo AB": (okr_\S+)/.exec(output);
          if (url && key) resolve({ url: url[1]!, key: key[1]! });
        });
        child.stderr!.on("data", (chunk: Buffer) => {
          output += chunk.toString();
        });
        child.once("exit", (code) => reject(new Error(`main exited with ${code}:\n${output}`)));
      });
      const { url, key } = await ready;
      // The child runs on the real clock: its cycle is today's quarter, whatever today is.
      const cycles = await getJson(`${url}/v1/cycles`, key);
      expect(cycles.cycles).toHaveLength(1);
      const live = await getJson(`${url}/v1/rollup?cycle=${cycles.cycles[0]}`, key);
      expect(live.roots.filter((node: { level: string }) => node.level === "company")).toHaveLength(5);
    } finally {
      child.kill("SIGTERM");
      await exited;
    }
  });
});
