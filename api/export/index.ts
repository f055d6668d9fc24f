// Downloads: a stored sheet of the organisation, or a starter template, as an .xlsx workbook (workbook.ts),
// for the dashboard and the admin CLI. Reads the store as the dashboard's views do (live rows only).

import type { Language } from "../../shared/model.js";
import { catalogEntry } from "../../shared/sheet-setup.js";
import { DEFAULT_TIME_ZONE, isoDayIn } from "../../shared/time-zone.js";
import type { AppDeps } from "../app/config.js";
import { quarterOf } from "../demo/sheets.js";
import { foldToAscii } from "../import/plan.js";
import { buildWorkbook, templateRows } from "./workbook.js";

const TEMPLATE_NAMES: Record<Language, string> = { en: "OKR template", sv: "OKR-mall", nb: "OKR-mal" };

/** A file name from a sheet's name or ID: letters, digits, dots, dashes and underscores. */
export function xlsxFileName(name: string): string {
  const safe = foldToAscii(name).replace(/[^A-Za-z0-9._-]+/g, "_");
  return `${safe.replace(/^_+|_+$/g, "") || "okr-sheet"}.xlsx`;
}

/** Content-Disposition of a download: the name as written (RFC 6266 filename*), and an ASCII one. */
export function attachment(name: string): string {
  const written = `${name.replace(/[\\/:*?"<>|]+/g, "_").trim() || "okr-sheet"}.xlsx`;
  return `attachment; filename="${xlsxFileName(name)}"; filename*=UTF-8''${encodeURIComponent(written)}`;
}

export const templateFileName = (language: Language) => xlsxFileName(TEMPLATE_NAMES[language]);
export const templateName = (language: Language) => TEMPLATE_NAMES[language];

/** A stored sheet as .xlsx, or null when the organisation has no such sheet. */
export async function exportSheet(
  deps: AppDeps,
  orgId: string,
  sheetId: string,
  language: Language,
): Promise<Uint8Array | null> {
  const [sheet, rows, objectives] = await Promise.all([
    deps.store.getSheet(orgId, sheetId),
    deps.store.getSheetRows(orgId, sheetId),
    deps.store.listLinkableRows(orgId, ["objective"]),
  ]);
  if (!sheet) return null;
  const live = rows.filter((row) => !row.deleted);
  const catalog = new Map(
    [...objectives.map((entry) => entry.row), ...live.filter((row) => row.type === "objective")].map(
      (row) => [row.id, catalogEntry(row)],
    ),
  );
  return buildWorkbook({
    sheetId,
    name: sheet.name || sheetId,
    language,
    rows: live,
    catalog: [...catalog.values()],
    asOf: isoDayIn(deps.now(), DEFAULT_TIME_ZONE),
  });
}

/** The starter template in a language: one objective, two key results and a KPI for the current quarter. */
export async function exportTemplate(language: Language, now: Date): Promise<Uint8Array> {
  const today = isoDayIn(now, DEFAULT_TIME_ZONE);
  const rows = templateRows(language, quarterOf(today));
  const catalog = rows.filter((row) => row.type === "objective").map(catalogEntry);
  return buildWorkbook({
    sheetId: null,
    name: TEMPLATE_NAMES[language],
    language,
    rows,
    catalog,
    asOf: today,
  });
}
