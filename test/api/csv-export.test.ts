// The organisation-wide CSV of key results and KPIs, as a spreadsheet in each language opens it: a byte-order
// mark, the locale's separator and decimal comma, words in the chosen language; parsed back with the
// locale's separator it gives the same values in every language.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrg, startTestApp } from "../support/api-server.js";
import { caller } from "./client.js";
import { full, objective, okrRow } from "./rows.js";

const NOW = new Date("2026-11-15T12:00:00Z");
let api: Awaited<ReturnType<typeof startTestApp>>;
let http: ReturnType<typeof caller>;
let admin: string;

beforeAll(async () => {
  api = await startTestApp({ now: () => NOW });
  http = caller((request) => api.app.fetch(request));
  admin = (await createOrg(api.store, "Acme", NOW)).adminKey;
  const rows = [
    objective("E-O", { title: "Öka intäkterna; i Norden", row: 2 }),
    okrRow("E-KR", {
      objectiveId: "E-O",
      title: 'Sälj "mer", 2026',
      current: 12.5,
      confidence: 0.75,
      row: 3,
    }),
    okrRow("E-KPI", {
      type: "kpi",
      objectiveId: "E-O",
      krType: null,
      kpiKind: "leading",
      title: "=1+1",
      current: 0.25,
      row: 4,
    }),
  ];
  expect((await http.sync("e", admin, { baseRevision: 0, name: "Sälj", rows: rows.map(full) })).status).toBe(
    200,
  );
});
afterAll(() => api?.close());

/** RFC 4180 with a chosen separator: what Excel and Sheets do when they open the file. */
function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  return rows;
}

const fetchCsv = async (query: string) => {
  const res = await api.app.fetch(
    new Request(`http://okr.test/v1/key-results.csv?${query}`, {
      headers: { Authorization: `Bearer ${admin}` },
    }),
  );
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toContain("text/csv");
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1);
};

describe("GET /v1/key-results.csv", () => {
  it("in English: commas and decimal points; in Swedish and Norwegian: semicolons, decimal commas, their words", async () => {
    const en = parseCsv(await fetchCsv("language=en"), ",");
    const sv = parseCsv(await fetchCsv("language=sv"), ";");
    const nb = parseCsv(await fetchCsv("language=nb"), ";");
    for (const table of [en, sv, nb]) expect(table).toHaveLength(3);
    expect(en[0]).toContain("Status");
    expect(sv[0]![0]).toBe("Blad");
    expect(nb[0]![0]).toBe("Ark");
    const kr = (table: string[][]) => table.find((line) => line.includes("E-KR"))!;
    const kpi = (table: string[][]) => table.find((line) => line.includes("E-KPI"))!;
    expect(kr(en)).toContain('Sälj "mer", 2026');
    expect(kr(sv)).toContain('Sälj "mer", 2026');
    // formula-like text stays text
    expect(kpi(en)).toContain("'=1+1");
    // the same numbers, read as each locale reads them
    const numbers = (line: string[], decimal: string) =>
      line.filter((cell) => /^-?\d+([.,]\d+)?$/.test(cell)).map((cell) => Number(cell.replace(decimal, ".")));
    expect(numbers(kr(sv), ",")).toEqual(numbers(kr(en), "."));
    expect(numbers(kpi(nb), ",")).toEqual(numbers(kpi(en), "."));
    expect(kpi(en)).toContain("0.25");
    expect(kpi(sv)).toContain("0,25");
    // codes in the chosen language, not English
    expect(kpi(en)).toContain("Leading");
    expect(kpi(sv)).not.toContain("Leading");
    expect(kr(sv)).not.toContain("on_track");
  });

  it("takes the separator asked for", async () => {
    const text = await fetchCsv("language=sv&separator=,");
    expect(parseCsv(text, ",")[0]![0]).toBe("Blad");
  });
});
