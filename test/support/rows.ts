// Building OkrRows tersely for tests: keyResultRow is the one full row literal of the tests; every builder
// (okrRow here, test/api/rows.ts, the store contract suites) is a few overrides of it.
import type { OkrRow, SheetRows } from "../../shared/model.js";

/** A measured key result of objective O-1 at row 2, every field set; `overrides` win. */
export function keyResultRow(id: string, overrides: Partial<OkrRow> = {}): OkrRow {
  return {
    id,
    type: "key_result",
    title: `Result ${id}`,
    objectiveId: "O-1",
    alignsTo: null,
    contributesTo: [],
    level: null,
    team: "Sales",
    owner: "Kari Nordmann",
    cycle: "2026-Q4",
    start: 0,
    target: 100,
    current: 50,
    unit: "",
    krType: "numeric",
    weight: 1,
    confidence: null,
    kpiKind: null,
    notes: "",
    row: 2,
    ...overrides,
  };
}

let nextRow = 2;

/** A row of the given type with that type's defaults (no links, nothing current), on the next row number. */
export function okrRow(fields: Partial<OkrRow> & Pick<OkrRow, "id" | "type">): OkrRow {
  return keyResultRow(fields.id, {
    title: `Title of ${fields.id}`,
    objectiveId: null,
    level: fields.type === "objective" ? "team" : null,
    owner: "Ann",
    start: fields.type === "objective" ? null : 0,
    target: fields.type === "objective" ? null : 10,
    current: null,
    krType: fields.type === "key_result" ? "numeric" : null,
    row: nextRow++,
    ...fields,
  });
}

export function sheet(sheetId: string, rows: OkrRow[], name = sheetId): SheetRows {
  return { sheetId, name, rows };
}
