// Team sheets as users write them: headers in their language, some columns missing, a formula in Current.
import { FakeWorkbook } from "../support/gas/spreadsheet.js";

/** The columns of the synced team sheets (IDs present, no computed columns yet). */
export const SYNC_HEADER = [
  "ID",
  "Type",
  "Title",
  "Objective",
  "Aligns to",
  "Level",
  "Team",
  "Owner",
  "Cycle",
  "Start",
  "Target",
  "Current",
];

/** An English team sheet without ID, Expected, Status, Level and a few more columns; one KR reads Finance. */
export function teamWorkbook(): FakeWorkbook {
  const book = new FakeWorkbook();
  book.addSheet("Team", [
    [
      "Type",
      "Title",
      "Objective",
      "Aligns to",
      "Team",
      "Owner",
      "Cycle",
      "Start",
      "Target",
      "Current",
      "KR type",
      "Weight",
      "Progress",
    ],
    ["Objective", "Delight our customers", "", "", "Support", "Ada", "2026-Q4", "", "", "", "", "", ""],
    ["Key result", "Raise NPS from 20 to 40", "", "", "", "Ada", "", 20, 40, 30, "", 2, ""],
    ["Key result", "Cut first reply time to 2 h", "", "", "", "Bo", "", 8, 2, 5, "", "", ""],
    ["Key result", "Ship the help centre", "", "", "", "Bo", "", "", "", "ja", "Binary", "", ""],
    ["KPI", "Monthly revenue (kSEK)", "", "", "", "Cy", "", 100, 200, "=Finance!B2", "", "", ""],
  ]);
  book.addSheet("Finance", [
    ["Month", "Revenue"],
    ["2026-10", 150],
  ]);
  book.active = book.sheet("Team") ?? null;
  return book;
}

/** Fills in objective references after IDs exist (KRs point at the objective on row 2). */
export function linkKeyResults(book: FakeWorkbook): void {
  const sheet = book.sheet("Team")!;
  const values = sheet.values();
  const header = values[0]!.map(String);
  const id = header.indexOf("ID");
  const objective = header.indexOf("Objective");
  const objectiveId = values[1]![id];
  for (let r = 3; r <= 6; r++) sheet.write(r, objective + 1, [[objectiveId]]);
}

/**
 * A sheet of `count` data rows: objectives each followed by three key results, IDs already present; every
 * eighth row (the fifth of each pair of objectives) is a KPI beside its objective instead.
 */
export function largeWorkbook(count: number, prefix = "T"): FakeWorkbook {
  const book = new FakeWorkbook();
  const rows: unknown[][] = [
    ["ID", "Type", "Title", "Objective", "Team", "Owner", "Cycle", "Start", "Target", "Current"],
  ];
  let objective = "";
  for (let i = 0; i < count; i++) {
    if (i % 4 === 0) {
      objective = `O-${prefix}${i}`;
      rows.push([
        objective,
        "Objective",
        `Grow segment ${i} revenue`,
        "",
        "Sales",
        "Ada",
        "2026-Q4",
        "",
        "",
        "",
      ]);
    } else if (i % 8 === 5) {
      rows.push([
        `KPI-${prefix}${i}`,
        "KPI",
        `Pipeline of segment ${i}`,
        objective,
        "Sales",
        "Cy",
        "2026-Q4",
        0,
        100,
        i % 50,
      ]);
    } else {
      rows.push([
        `KR-${prefix}${i}`,
        "Key result",
        `Win ${i} new accounts in segment`,
        objective,
        "Sales",
        "Bo",
        "2026-Q4",
        0,
        10 + i,
        i % 7,
      ]);
    }
  }
  book.addSheet("OKRs", rows);
  return book;
}
