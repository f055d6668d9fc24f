// What a row's Status cell shows in the sheet, as the engine computes it (the Status formula in
// shared/formulas.ts computes the same: the formula oracle proves it). In order: the grade frozen by Close
// cycle (the Grade column); once the cycle has ended (As of after its last day), the grade of its progress and
// the band (0.7 and up achieved); the owner's word, where the Owner status column holds a status word; else the
// pace (computeRows' status, which the engine and the API keep as the pace status whatever the owner says).
import { DECIMAL_MARK, GRADE_BAND_LABELS, STATUS_LABELS } from "./columns.js";
import { parseCycle } from "./cycle.js";
import { GRADE_SEPARATOR } from "./formulas.js";
import type { CycleWindow, Language, OkrRow, Status } from "./model.js";
import { type ComputedRow, gradeBand, gradeTenths } from "./progress.js";

/** A grade as the Status shows it: "0.8 · Achieved", "0,8 · Uppnått". */
export function gradeLabel(score: number, language: Language): string {
  const tenths = gradeTenths(score);
  const decimal = DECIMAL_MARK[language];
  const number = tenths === 10 ? `1${decimal}0` : `0${decimal}${tenths}`;
  return `${number}${GRADE_SEPARATOR}${GRADE_BAND_LABELS[language][gradeBand(score)]}`;
}

/** The status an Owner status cell names, in the sheet's language (trimmed, any case); null for none. */
export function ownerStatusOf(cell: unknown, language: Language): Status | null {
  if (cell === null || cell === undefined) return null;
  const said = String(cell).trim().replace(/ +/g, " ").toLowerCase();
  if (said === "") return null;
  for (const [status, label] of Object.entries(STATUS_LABELS[language]) as [Status, string][])
    if (label.toLowerCase() === said) return status;
  return null;
}

export interface SheetStatusOptions {
  asOf: string;
  language: Language;
  resolveCycle?: (label: string) => CycleWindow | null;
  /** The Grade cell's number (frozen by Close cycle); null when blank. */
  frozenGrade?: number | null;
  /** What the Owner status cell holds. */
  ownerStatus?: unknown;
}

/** The Status cell's text for a row and what computeRows computed for it. */
export function sheetStatus(
  row: Pick<OkrRow, "type" | "cycle">,
  computed: ComputedRow,
  options: SheetStatusOptions,
): string {
  const graded = row.type === "objective" || row.type === "key_result";
  const frozen = options.frozenGrade ?? null;
  if (graded && frozen !== null) return gradeLabel(frozen, options.language);
  const window = row.cycle === "" ? null : (options.resolveCycle ?? parseCycle)(row.cycle);
  if (graded && window !== null && window.end < options.asOf && computed.progress !== null)
    return gradeLabel(computed.progress, options.language);
  const owner = ownerStatusOf(options.ownerStatus, options.language);
  return STATUS_LABELS[options.language][owner ?? computed.status];
}
