// Model-level checks on rows, wherever they came from: a parsed sheet, or a sync request to the API.
import { headerLabel, valueLabels } from "./columns.js";
import { parseCycle } from "./cycle.js";
import { parseThreshold } from "./kpi-health.js";
import { type RowProblemCode, rowProblem } from "./messages.js";
import {
  type ColumnKey,
  type Language,
  type OkrRow,
  type Problem,
  type Severity,
  STATUSES,
} from "./model.js";
import type { ProblemFields } from "./problem.js";

export interface ValidateOptions {
  language?: Language;
  /** Objectives (and key results, for KPIs) in the organisation's other sheets. */
  knownObjectiveIds?: ReadonlySet<string>;
  /** The user's own header texts, for messages; defaults to the canonical header in `language`. */
  headerNames?: Partial<Record<ColumnKey, string>>;
  /** Set on every problem (the sheet the rows came from). */
  sheetId?: string;
  /** Sheet rows linked to an objective that has no ID yet (by position or title): no missing_objective. */
  linkedRows?: ReadonlySet<number>;
}

/** Largest weight that reads as meant (weights are shares such as 1, 2 or 40%; 1e308 is a typo). */
export const WEIGHT_MAX = 1_000_000;

const SEVERITY: Partial<Record<RowProblemCode, Severity>> = {
  objective_fields_on_key_result: "warning",
  target_equals_start: "hint",
  invalid_cycle: "warning",
  missing_level: "warning",
};

/** Why a threshold cannot be read, as the problem that says so (the parser reports the same). */
export const THRESHOLD_PROBLEMS = {
  unreadable: "bad_threshold",
  reversed: "threshold_reversed",
  month_twice: "threshold_month_twice",
} as const satisfies Record<string, RowProblemCode>;

export function validateRows(rows: readonly OkrRow[], options: ValidateOptions = {}): Problem[] {
  const language = options.language ?? "en";
  const known = options.knownObjectiveIds ?? new Set<string>();
  const problems: Problem[] = [];
  const add = (
    row: OkrRow,
    column: ColumnKey,
    code: RowProblemCode,
    params: Record<string, string | number> = {},
  ) => {
    const name = options.headerNames?.[column] ?? headerLabel(column, language);
    const fields: ProblemFields & { code: RowProblemCode } = {
      code,
      severity: SEVERITY[code] ?? "error",
      row: row.row,
      column,
    };
    if (params.id !== undefined) fields.ids = [String(params.id)];
    if (row.id !== "") fields.rowId = row.id;
    if (options.sheetId !== undefined) fields.sheetId = options.sheetId;
    problems.push(rowProblem(language, fields, { row: row.row, column: name, ...params }));
  };

  // IDs that differ only in case are one ID to a spreadsheet (SUMIFS, the dropdowns ignore case): duplicates.
  const firstRowOfId = new Map<string, OkrRow>();
  const typeOfId = new Map<string, OkrRow["type"]>();
  for (const row of rows) {
    if (!row.id) continue;
    const key = row.id.toLowerCase();
    const first = firstRowOfId.get(key);
    if (first) {
      add(row, "id", "duplicate_id", { id: row.id, other: first.row });
      add(first, "id", "duplicate_id", { id: row.id, other: row.row });
    } else {
      firstRowOfId.set(key, row);
      typeOfId.set(row.id, row.type);
    }
  }
  const linked = options.linkedRows ?? new Set<number>();

  for (const row of rows) {
    if (row.type !== "objective") {
      if (row.alignsTo) add(row, "alignsTo", "objective_fields_on_key_result");
      if (row.contributesTo.length > 0) add(row, "contributesTo", "objective_fields_on_key_result");
      const parent = row.objectiveId;
      if (parent === null) {
        if (row.type === "key_result" && !linked.has(row.row)) add(row, "objective", "missing_objective");
      } else {
        const parentType = typeOfId.get(parent);
        if (parentType === "key_result" && row.type === "key_result") {
          add(row, "objective", "parent_is_key_result", { id: parent });
        } else if (parentType === undefined && !known.has(parent)) {
          add(row, "objective", "unknown_objective", { id: parent });
        }
      }
    }
    if (row.type === "key_result" && row.krType !== "binary") {
      // A missing target is a quality rule (key_result_not_measurable), reported once, there.
      if (row.krType !== "milestone" && row.target !== null && row.target === row.start) {
        add(row, "target", "target_equals_start", { value: row.target });
      }
    }
    if (row.confidence !== null && (row.confidence < 0 || row.confidence > 1)) {
      add(row, "confidence", "confidence_out_of_range", { value: row.confidence });
    }
    if (row.threshold) {
      // A threshold sent through the API is held to what the parser reads from a Target cell.
      const read = parseThreshold(row.threshold, { percentUnit: row.unit === "%" });
      if (!read?.ok)
        add(row, "target", THRESHOLD_PROBLEMS[read?.reason ?? "unreadable"], { value: row.threshold });
    }
    // The owner's word, when a caller other than the parser (which reads only status words) sends one.
    if (row.ownerStatus !== undefined && !(STATUSES as readonly string[]).includes(row.ownerStatus))
      add(row, "ownerStatus", "unknown_value", {
        value: String(row.ownerStatus),
        options: valueLabels("status", language).join(", "),
      });
    if (row.weight < 0) add(row, "weight", "negative_weight", { value: row.weight });
    else if (!(row.weight <= WEIGHT_MAX)) add(row, "weight", "weight_out_of_range", { value: row.weight });
    if (row.cycle && parseCycle(row.cycle) === null) add(row, "cycle", "invalid_cycle", { value: row.cycle });
    if (row.type === "objective" && row.level === null) {
      add(row, "level", "missing_level", { options: valueLabels("level", language).join(", ") });
    }
  }
  return problems;
}
