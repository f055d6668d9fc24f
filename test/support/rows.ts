// Building OkrRows tersely for tests.
import type { OkrRow, SheetRows } from "../../shared/model.js";

let nextRow = 2;

export function okrRow(fields: Partial<OkrRow> & Pick<OkrRow, "id" | "type">): OkrRow {
  return {
    title: `Title of ${fields.id}`,
    objectiveId: null,
    alignsTo: null,
    contributesTo: [],
    level: fields.type === "objective" ? "team" : null,
    team: "Sales",
    owner: "Ann",
    cycle: "2026-Q4",
    start: fields.type === "objective" ? null : 0,
    target: fields.type === "objective" ? null : 10,
    current: null,
    unit: "",
    krType: fields.type === "key_result" ? "numeric" : null,
    weight: 1,
    confidence: null,
    kpiKind: null,
    notes: "",
    row: nextRow++,
    ...fields,
  };
}

export function sheet(sheetId: string, rows: OkrRow[], name = sheetId): SheetRows {
  return { sheetId, name, rows };
}
