// Start next cycle: the objectives the user picks are copied into the next cycle (shared/next-cycle.ts: the
// label, new IDs, fresh key results) and the old rows stay as they are, the old cycle's record. Both layouts
// people use: one tab for all cycles (the new rows below the last one, their Cycle set) and one tab per cycle
// (a new tab named for the cycle, with the old tab's header, set up, and the tab the add-on works in from then
// on). Either way nothing leaves the sheet: every OKR tab syncs (shared/okr-tabs.ts), so the old cycle's rows
// stay on the server whether it has ended or not, and later edits of the old tab still reach it.
import { objectiveLabel } from "../shared/formulas.js";
import type { ColumnKey, Language, OkrRow } from "../shared/model.js";
import { carryOver, nextCycleLabel, nextCycleWindow, nextTabName } from "../shared/next-cycle.js";
import { rowCells } from "../shared/sheet-setup.js";
import { knownObjectives, readCatalog } from "./catalog.js";
import { type CycleChoice, cycleChoices } from "./close-cycle.js";
import { activeSpreadsheet } from "./context.js";
import { ensureGrid } from "./grid.js";
import { pinOkrSheet, readSettings, writeSettings } from "./settings.js";
import { setUpSheet } from "./setup.js";
import { findOkrSheet, OWN_SHEETS, parseData } from "./sheet-read.js";
import { word } from "./words.js";

export type NextCycleLayout = "rows" | "tab";

export interface NextCycleContext {
  language: Language;
  /** The tab the rows are read from (the one the add-on works in; every OKR tab syncs). */
  sheetName: string;
  cycles: (CycleChoice & {
    next: string | null;
    choices: { id: string; title: string; keyResults: number }[];
  })[];
  selected: string | null;
  /** What the sheet looks like: a tab per cycle when all its objectives share one. */
  layout: NextCycleLayout;
  message: string;
}

export interface NextCycleForm {
  cycle: string;
  objectiveIds: string[];
  layout: NextCycleLayout;
}

export interface NextCycleOutcome {
  ok: boolean;
  message: string;
  sheetName?: string;
  /** New objectives and key results. */
  objectives?: number;
  keyResults?: number;
}

function today(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  return Utilities.formatDate(new Date(), spreadsheet.getSpreadsheetTimeZone(), "yyyy-MM-dd");
}

export function nextCycleContext(): NextCycleContext {
  const spreadsheet = activeSpreadsheet();
  const settings = readSettings();
  const language = settings.language;
  const found = findOkrSheet(spreadsheet, settings.okrSheet);
  if (!found)
    return {
      language,
      sheetName: "",
      cycles: [],
      selected: null,
      layout: "rows",
      message: word(language, "noOkrSheet"),
    };
  const rows = parseData(found.data, language, settings.sheetId).rows;
  const cycles = cycleChoices(rows, today(spreadsheet)).map((choice) => ({
    ...choice,
    next: nextCycleLabel(choice.label),
    choices: rows
      .filter((row) => row.type === "objective" && row.cycle === choice.label && row.id !== "")
      .map((row) => ({
        id: row.id,
        title: row.title,
        keyResults: rows.filter((kr) => kr.type === "key_result" && kr.objectiveId === row.id).length,
      })),
  }));
  // The latest cycle is the one to carry over from.
  const selected = cycles[cycles.length - 1]?.label ?? null;
  return {
    language,
    sheetName: found.data.sheet.getName(),
    cycles,
    selected,
    layout: cycles.length === 1 ? "tab" : "rows",
    message: cycles.length === 0 ? word(language, "noCycles") : "",
  };
}

export function startNextCycle(form: NextCycleForm): NextCycleOutcome {
  const spreadsheet = activeSpreadsheet();
  const settings = readSettings();
  const language = settings.language;
  const cycle = String(form.cycle ?? "").trim();
  const found = findOkrSheet(spreadsheet, settings.okrSheet);
  if (!found) return { ok: false, message: word(language, "noOkrSheet") };
  const next = nextCycleLabel(cycle);
  if (next === null) return { ok: false, message: word(language, "noNextCycle", { cycle }) };
  const { data, layout } = found;
  const known = knownObjectives(readCatalog(spreadsheet));
  const rows = parseData(data, language, settings.sheetId, known).rows;
  const chosen = (form.objectiveIds ?? []).filter((id) =>
    rows.some((row) => row.type === "objective" && row.id === id && row.cycle === cycle),
  );
  if (chosen.length === 0) return { ok: false, message: word(language, "nothingChosen", { cycle }) };

  // A cycle with dates of its own in Settings gets the window after it.
  const configured = settings.cycles.find((window) => window.label === cycle);
  if (configured && !settings.cycles.some((window) => window.label === next))
    writeSettings({ cycles: [...settings.cycles, nextCycleWindow(configured, next)] });

  const taken = new Set(known.map((objective) => objective.id));
  const header = (data.values[layout.headerRow - 1] ?? []).map((cell) => String(cell ?? ""));
  const intoTab = form.layout === "tab";
  const firstRow = intoTab ? 2 : data.sheet.getLastRow() + 1;
  const copied = carryOver(rows, chosen, next, taken, firstRow);
  const titles = new Map<string, string>();
  for (const entry of known) titles.set(entry.id, entry.title);
  for (const row of [...rows, ...copied.rows]) if (row.type === "objective") titles.set(row.id, row.title);
  const label = (id: string) => (titles.has(id) ? objectiveLabel(id, titles.get(id)!) : id);
  const block = copied.rows.map((row) => cellsOf(row, header.length, layout.columns, layout.language, label));

  const old = data.sheet.getName();
  let sheet = data.sheet;
  if (intoTab) {
    let name = nextTabName(old, cycle, next);
    const base = name;
    for (let n = 2; spreadsheet.getSheetByName(name) || OWN_SHEETS.has(name); n++) name = `${base} (${n})`;
    sheet = spreadsheet.insertSheet(name);
    ensureGrid(sheet, 1 + block.length, header.length);
    sheet.getRange(1, 1, 1, header.length).setValues([header]);
  } else ensureGrid(sheet, firstRow + block.length - 1, header.length);
  sheet.getRange(firstRow, 1, block.length, header.length).setValues(block);
  // The old tab is the one the index served, which Set up turns over to the new tab (the old one's objectives
  // then compute on their own, and the settings sheet's cycle table keeps serving both).
  if (intoTab && settings.okrSheet !== data.sheet.getSheetId()) pinOkrSheet(data.sheet.getSheetId());
  // Formulas, dropdowns and formats for the new rows; a new tab is the one the add-on works in from now on.
  setUpSheet({ sheet, pin: intoTab });
  const keyResults = copied.rows.filter((row) => row.type === "key_result").length;
  const counts = { count: chosen.length, cycle, next, keyResults };
  const message = intoTab
    ? word(language, "nextCycleTabDone", { ...counts, sheet: sheet.getName(), old })
    : word(language, "nextCycleDone", counts);
  spreadsheet.toast(message);
  return { ok: true, message, sheetName: sheet.getName(), objectives: chosen.length, keyResults };
}

/** A row's cells across the header (blank where it has nothing), words in the sheet's language. */
function cellsOf(
  row: OkrRow,
  width: number,
  columns: Partial<Record<ColumnKey, number>>,
  language: Language,
  label: (id: string) => string,
): (string | number)[] {
  const cells: (string | number)[] = Array(width).fill("");
  for (const [key, value] of Object.entries(rowCells(row, language, label)) as [
    ColumnKey,
    string | number,
  ][]) {
    const index = columns[key];
    if (index !== undefined) cells[index] = value;
  }
  return cells;
}
