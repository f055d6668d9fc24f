// The import, from files to synced sheets: read every file (read.ts), plan the sheets (plan.ts), and only
// when every file could be read and has an OKR header, sync them through the API (sync.ts). One bad file
// stops the whole import before anything is stored, with a message that names the file and what to do.
// The CLI (`npm run admin -- import`, `npm start -- --import`) and the dashboard's upload form all call this.
import type { Language, Problem } from "../../shared/model.js";
import { IMPORT_LIMITS } from "./limits.js";
import { fileErrorMessage, formatBytes, importWord } from "./messages.js";
import { type ImportPlan, type PlanError, type PlannedSheet, planImport } from "./plan.js";
import { type ReadFile, readSpreadsheetFile, sizeError } from "./read.js";
import { type ApiCall, ApiCallError, mergeProblems, syncOrder, syncSheetRows } from "./sync.js";

/** A file to import: its size is known before its bytes are read (stat, an upload's part); -1: no such file. */
export interface ImportFile {
  name: string;
  size: number;
  bytes: () => Promise<Uint8Array>;
}

/** An import file from bytes already in memory. */
export const fileFromBytes = (name: string, bytes: Uint8Array): ImportFile => ({
  name,
  size: bytes.length,
  bytes: async () => bytes,
});

export type SheetResult = {
  sheetId: string;
  name: string;
  file: string;
  tab: string | null;
  problems: Problem[];
} & (
  | {
      ok: true;
      revision: number;
      written: number;
      unchanged: number;
      deleted: number;
      unchangedSheet: boolean;
    }
  | { ok: false; reason: string }
);

export interface ImportReport {
  /** True when every file was read and every sheet synced. */
  ok: boolean;
  /** Why nothing was imported: one message per bad file or tab, in the user's language. */
  errors: { file: string; message: string }[];
  skipped: { file: string; tab: string }[];
  sheets: SheetResult[];
}

export interface ImportOptions {
  /** The user's language: every message of the report is in it. */
  language: Language;
  /** The API to sync through, with an admin key: asked for only once every file has passed. */
  connect: () => Promise<{ api: ApiCall; key: string; close?: () => Promise<void> }>;
}

function planErrorMessage(language: Language, file: string, error: PlanError): string {
  const where = (tab: string | null) => (tab === null ? file : importWord(language, "tab", { file, tab }));
  switch (error.code) {
    case "read":
      return fileErrorMessage(language, file, error.error);
    case "no_header":
      return error.tabs.length > 0
        ? importWord(language, "no_header_tabs", { file, tabs: error.tabs.join(", ") })
        : importWord(language, "no_header", { file });
    case "missing_columns":
      return `${where(error.tab)}: ${error.messages.join(" ")}`;
    case "too_many_rows":
      return importWord(language, "too_many_rows", {
        where: where(error.tab),
        limit: (IMPORT_LIMITS.tabRows - 20).toLocaleString(language === "en" ? "en-GB" : language),
      });
    case "same_sheet_id":
      return importWord(language, "same_sheet_id", {
        where: where(error.tab),
        other: error.other,
        sheetId: error.sheetId,
      });
  }
}

/** Reads and plans the files; nothing is stored. */
export async function planFiles(
  files: readonly ImportFile[],
  language: Language,
): Promise<{ plan: ImportPlan; errors: ImportReport["errors"] }> {
  if (files.length === 0)
    return {
      plan: { sheets: [], skipped: [], errors: [] },
      errors: [{ file: "", message: importWord(language, "no_files") }],
    };
  if (files.length > IMPORT_LIMITS.files)
    return {
      plan: { sheets: [], skipped: [], errors: [] },
      errors: [
        {
          file: "",
          message: importWord(language, "too_many_files", {
            count: files.length,
            limit: IMPORT_LIMITS.files,
          }),
        },
      ],
    };
  const read: ReadFile[] = [];
  const errors: ImportReport["errors"] = [];
  // One file at a time: at most one workbook is held unpacked.
  for (const file of files) {
    if (file.size < 0) {
      errors.push({ file: file.name, message: fileErrorMessage(language, file.name, { code: "not_found" }) });
      continue;
    }
    // A file over the limit is refused on its size alone: its bytes are never read.
    const tooLarge = sizeError(file.size);
    if (tooLarge) {
      errors.push({ file: file.name, message: fileErrorMessage(language, file.name, tooLarge) });
      continue;
    }
    const result = await readSpreadsheetFile(file.name, await file.bytes());
    if (result.ok) read.push(result.file);
    else errors.push({ file: file.name, message: fileErrorMessage(language, file.name, result.error) });
  }
  const plan = planImport(read, language);
  for (const { file, error } of plan.errors)
    errors.push({ file, message: planErrorMessage(language, file, error) });
  return { plan, errors };
}

function failureReason(error: unknown): string {
  if (error instanceof ApiCallError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/** Reads, plans and, when every file passed, syncs: the whole import. */
export async function importFiles(
  files: readonly ImportFile[],
  options: ImportOptions,
): Promise<ImportReport> {
  const { plan, errors } = await planFiles(files, options.language);
  if (errors.length > 0) return { ok: false, errors, skipped: plan.skipped, sheets: [] };
  const { api, key, close } = await options.connect();
  const sheets: SheetResult[] = [];
  try {
    for (const sheet of syncOrder(plan.sheets)) sheets.push(await syncOne(api, key, sheet, options.language));
  } finally {
    await close?.();
  }
  // Results in the order the files were given.
  const position = new Map(plan.sheets.map((sheet, index) => [sheet.sheetId, index]));
  sheets.sort((a, b) => position.get(a.sheetId)! - position.get(b.sheetId)!);
  return { ok: sheets.every((sheet) => sheet.ok), errors: [], skipped: plan.skipped, sheets };
}

async function syncOne(
  api: ApiCall,
  key: string,
  sheet: PlannedSheet,
  language: Language,
): Promise<SheetResult> {
  const base = { sheetId: sheet.sheetId, name: sheet.name, file: sheet.file, tab: sheet.tab };
  try {
    const answer = await syncSheetRows(api, key, { ...sheet, language });
    return {
      ...base,
      ok: true,
      revision: answer.revision,
      written: answer.written,
      unchanged: answer.unchanged,
      deleted: answer.deleted,
      unchangedSheet: answer.unchangedSheet,
      problems: mergeProblems(sheet.problems, answer.problems),
    };
  } catch (error) {
    return { ...base, ok: false, reason: failureReason(error), problems: sheet.problems };
  }
}

/** Where a sheet came from, as the report names it: the file, and the tab of a workbook. */
export function sourceOf(sheet: { file: string; tab: string | null }, language: Language): string {
  return sheet.tab === null ? sheet.file : importWord(language, "tab", { file: sheet.file, tab: sheet.tab });
}

const SEVERITY_MARK: Record<Problem["severity"], string> = { error: "✗", warning: "!", hint: "·" };

/** What became of one sheet: "Sales.xlsx, tab Q4 → sheet sales-q4 (revision 2): 1 rows written, ...". */
export function sheetResultLine(sheet: SheetResult, language: Language): string {
  const where = sourceOf(sheet, language);
  if (!sheet.ok)
    return importWord(language, "sync_failed", { where, sheetId: sheet.sheetId, reason: sheet.reason });
  return importWord(language, sheet.unchangedSheet ? "unchanged" : "synced", {
    where,
    sheetId: sheet.sheetId,
    revision: sheet.revision,
    written: sheet.written,
    unchanged: sheet.unchanged,
    deleted: sheet.deleted,
  });
}

/** The report as lines for a terminal. */
export function reportLines(report: ImportReport, language: Language): string[] {
  if (report.errors.length > 0)
    return [...report.errors.map((error) => error.message), importWord(language, "nothing_stored")];
  const lines: string[] = [];
  for (const sheet of report.sheets) {
    lines.push(sheetResultLine(sheet, language));
    if (sheet.problems.length > 0) {
      lines.push(`  ${importWord(language, "problems", { count: sheet.problems.length })}`);
      for (const problem of sheet.problems)
        lines.push(`    ${SEVERITY_MARK[problem.severity]} ${problem.message}`);
    }
  }
  for (const skipped of report.skipped)
    lines.push(
      importWord(language, "tab_skipped", {
        where: sourceOf({ file: skipped.file, tab: skipped.tab }, language),
      }),
    );
  return lines;
}

export { formatBytes, IMPORT_LIMITS };
