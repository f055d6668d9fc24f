// OKR files as teams have them, built in code: a Google-Sheets-like multi-tab workbook (notes above the
// header, numbers typed as text in en/sv notation, formulas with saved values, a checkbox, a date, a
// finance tab with no OKR header), and CSV files in English (commas, UTF-8), Swedish (Excel: semicolons,
// Windows-1252, a "sep=;" line) and Norwegian (semicolons, UTF-8 with BOM).
import ExcelJS from "exceljs";

export async function teamWorkbook(
  options: { salesCurrent?: number; extraKeyResult?: boolean } = {},
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sales = workbook.addWorksheet("Sales");
  sales.addRow(["Sales OKRs, Q4: owner Johan Berg. Updated every Monday."]);
  sales.addRow([]);
  sales.addRow([
    "ID",
    "Type",
    "Title",
    "Objective",
    "Aligns to",
    "Team",
    "Cycle",
    "Start",
    "Target",
    "Current",
    "KR type",
    "Confidence",
    "Notes",
  ]);
  sales.addRow(["O-S1", "Objective", "Win more mid-market customers", "", "O-C1", "Sales", "2026-Q4"]);
  const kr = sales.addRow([
    "KR-S11",
    "Key result",
    "New mid-market customers",
    "O-S1",
    "",
    "",
    "",
    "0",
    "1,200",
  ]);
  // Current fed by a formula over another tab, as finance people do: its saved value is what counts.
  kr.getCell(10).value = { formula: "SUM(Ledger!B2:B3)", result: options.salesCurrent ?? 450 };
  kr.getCell(12).value = "70%";
  const percent = sales.addRow([
    "KR-S12",
    "Key result",
    "Win rate from 18% to 25%",
    "O-S1",
    "",
    "",
    "",
    "18 %",
    0.25,
    "19%",
    "Percent",
    0.4,
  ]);
  percent.getCell(9).numFmt = "0%";
  const binary = sales.addRow([
    "KR-S13",
    "Key result",
    "Price list published",
    "O-S1",
    "",
    "",
    "",
    "",
    "",
    true,
    "Binary",
  ]);
  binary.getCell(13).value = new Date(Date.UTC(2026, 10, 2));
  binary.getCell(13).numFmt = "yyyy-mm-dd";
  // A key result without an ID: the import gives it one from its title.
  sales.addRow(["", "Key result", "Qualified pipeline in MSEK", "O-S1", "", "", "", 6, 12, 9]);
  if (options.extraKeyResult)
    sales.addRow(["KR-S15", "Key result", "Partners signed", "O-S1", "", "", "", 0, 4, 1]);

  const kund = workbook.addWorksheet("Kundframgång");
  kund.addRow([
    "ID",
    "Typ",
    "Titel",
    "Hör till mål",
    "Stödjer",
    "Team",
    "Kvartal",
    "Startvärde",
    "Målvärde",
    "Nuvarande",
    "Säkerhet",
  ]);
  kund.addRow(["O-K1", "Mål", "Nöjdare kunder", "", "O-C1", "Kundframgång", "2026-Q4"]);
  kund.addRow([
    "KR-K11",
    "Nyckelresultat",
    "Ärenden lösta samma dag",
    "O-K1",
    "",
    "",
    "",
    "1 000",
    "1 234,5",
    "1 100",
    "7",
  ]);
  kund.addRow(["KR-K12", "Nyckelresultat", "NPS", "O-K1", "", "", "", "30", "45", "abc"]);

  const ledger = workbook.addWorksheet("Ledger");
  ledger.addRow(["Account", "Amount"]);
  ledger.addRow(["4010", 300]);
  ledger.addRow(["4020", 150]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export const COMPANY_CSV = [
  "ID,Type,Title,Level,Team,Cycle",
  "O-C1,Objective,Grow in the Nordics,Company,Leadership,2026-Q4",
  "O-C2,Objective,Be the easiest to work with,Company,Leadership,2026-Q4",
  "",
].join("\r\n");

/** Swedish Excel's "CSV (semikolonavgränsad)": Windows-1252, semicolons, a sep= line. */
export function swedishExcelCsv(): Uint8Array {
  const text = [
    "sep=;",
    "ID;Typ;Titel;Hör till mål;Stödjer;Team;Kvartal;Startvärde;Målvärde;Nuvarande;KR-typ",
    "O-E1;Mål;Snabbare leveranser;;O-C2;Utveckling;2026-Q4;;;;",
    'KR-E11;Nyckelresultat;"Ledtid; dagar";O-E1;;;;10;4;7,5;Numerisk',
    "KR-E12;Nyckelresultat;Automatiserade tester;O-E1;;;;40 %;80 %;55 %;Procent",
    "",
  ].join("\r\n");
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) throw new Error("not Windows-1252");
    bytes[i] = code; // Latin-1 and Windows-1252 agree on every character used here
  }
  return bytes;
}

/** Norwegian: UTF-8 with BOM, semicolons, "1.234,5" numbers. */
export function norwegianCsv(): Uint8Array {
  const text = [
    "ID;Type;Tittel;Tilhører mål;Støtter;Team;Syklus;Startverdi;Målverdi;Nåverdi;Konfidens",
    "O-F1;Mål;Kostnad under kontroll;;O-C1;Økonomi;2026-Q4;;;;",
    "KR-F11;Nøkkelresultat;Innsparing i kroner;O-F1;;;;0;1.234,5;617,25;60 %",
    "",
  ].join("\n");
  return new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
}
