// The API's check-ins read a value as the sheet's parser reads a cell (issue 12, shared/coerce.ts toMeasure): a
// percent key result's 88, "88 %" and 0.88 are all 88 %, never 8,800 %; numbers in en/sv/nb notation; yes/no words;
// a confidence on any of its scales.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrg, startTestApp } from "../support/api-server.js";
import { caller } from "./client.js";
import { full, objective, okrRow } from "./rows.js";

const NOW = new Date("2026-11-15T12:00:00Z");
let api: Awaited<ReturnType<typeof startTestApp>>;
let http: ReturnType<typeof caller>;
let writer: string;

beforeAll(async () => {
  api = await startTestApp({ now: () => NOW });
  http = caller((request) => api.app.fetch(request));
  const admin = (await createOrg(api.store, "Acme", NOW)).adminKey;
  writer = await http.createKey(admin, { role: "writer", sheetId: "team" });
  const rows = [
    objective("O-P", { row: 2 }),
    okrRow("KR-P", { objectiveId: "O-P", krType: "percent", start: 0.5, target: 1, current: 0.5, row: 3 }),
    objective("O-N", { row: 4 }),
    okrRow("KR-N", { objectiveId: "O-N", start: 0, target: 2000, current: 0, row: 5 }),
    objective("O-B", { row: 6 }),
    okrRow("KR-B", { objectiveId: "O-B", krType: "binary", start: null, target: null, current: 0, row: 7 }),
  ];
  expect(
    (await http.sync("team", writer, { baseRevision: 0, name: "Team", rows: rows.map(full) })).status,
  ).toBe(200);
});
afterAll(() => api?.close());

/** Each check-in a second after the last, so the history's last is the one just sent. */
let sent = 0;
async function checkIn(kr: string, value: unknown, confidence: unknown = null) {
  const at = new Date(NOW.getTime() - 3_600_000 + 1000 * ++sent).toISOString();
  return http.post(`/v1/sheets/team/key-results/${kr}/check-ins`, writer, {
    value,
    confidence,
    author: "x",
    at,
  });
}

async function lastValue(kr: string) {
  const history = await http.get(`/v1/key-results/${kr}/check-ins`, writer);
  expect(history.status).toBe(200);
  const checkIns = history.json.checkIns as { value: number; confidence: number | null }[];
  return checkIns[checkIns.length - 1]!;
}

describe("check-ins through the API, in every notation", () => {
  it.each([
    ["KR-P", 88, 0.88],
    ["KR-P", "88", 0.88],
    ["KR-P", "88 %", 0.88],
    ["KR-P", "88%", 0.88],
    ["KR-P", 0.88, 0.88],
    ["KR-P", "0,88", 0.88],
    ["KR-N", "1 500", 1500],
    ["KR-N", "1,500", 1500],
    ["KR-N", "1500 kSEK", 1500],
    ["KR-N", "1\u00a0234,5", 1234.5],
    ["KR-B", "ja", 1],
    ["KR-B", "Done", 1],
    ["KR-B", "nei", 0],
  ] as const)("%s: %j is stored as %d", async (kr, given, stored) => {
    const response = await checkIn(kr, given);
    expect(response.status, JSON.stringify(response.json)).toBe(201);
    expect((await lastValue(kr)).value).toBeCloseTo(stored, 12);
  });

  it.each([
    ["70%", 0.7],
    ["70", 0.7],
    [70, 0.7],
    [7, 0.7],
    ["0,7", 0.7],
    [0.7, 0.7],
  ] as const)("confidence %j is 70 %%", async (given, stored) => {
    const response = await checkIn("KR-N", 100, given);
    expect(response.status, JSON.stringify(response.json)).toBe(201);
    expect((await lastValue("KR-N")).confidence).toBeCloseTo(stored, 12);
  });
});
