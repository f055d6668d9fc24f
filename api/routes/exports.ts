// Organisation-wide CSVs for finance and ops: every key result and KPI (its values with check-ins counted,
// progress, status, confidence, last update), in the chosen language with its separators and a byte-order mark.
import * as z from "zod";
import {
  CSV_STATUS_WORDS,
  type CsvColumn,
  csvHeader,
  csvLocale,
  csvWord,
  localCsv,
} from "../../shared/csv-locale.js";
import { LANGUAGES } from "../../shared/model.js";
import { computeRows } from "../../shared/progress.js";
import { DEFAULT_TIME_ZONE, isoDayIn } from "../../shared/time-zone.js";
import type { AppDeps } from "../app/config.js";
import { csvDownload } from "../lib/csv.js";
import { requireKey } from "../middleware/auth/index.js";
import { liveSheetsWithUpdates } from "../read/index.js";
import { createRoute, ERROR_RESPONSES, newRouter, SECURITY } from "./router.js";

const COLUMNS: CsvColumn[] = [
  { word: "sheet" },
  { column: "team" },
  { column: "objective" },
  { column: "id" },
  { column: "type" },
  { column: "title" },
  { column: "owner" },
  { column: "cycle" },
  { column: "kpiKind" },
  { column: "start" },
  { column: "target" },
  { column: "current" },
  { column: "unit" },
  { column: "progress" },
  { column: "status" },
  { column: "confidence" },
  { word: "lastUpdate" },
];

const round = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 10_000);

export function exportRoutes(deps: AppDeps) {
  const readers = requireKey(deps.store, ["admin", "reader"]);
  const keyResultsCsv = createRoute({
    method: "get",
    path: "/key-results.csv",
    summary: "Every key result and KPI of the organisation as CSV (language and separator as asked)",
    security: SECURITY,
    middleware: [readers] as const,
    request: {
      query: z.object({
        language: z.enum(LANGUAGES).default("en"),
        separator: z.enum([",", ";"]).optional(),
      }),
    },
    responses: {
      200: { description: "CSV", content: { "text/csv": { schema: z.string() } } },
      ...ERROR_RESPONSES,
    },
  });
  return newRouter().openapi(keyResultsCsv, async (c) => {
    const { language, separator } = c.req.valid("query");
    const orgId = c.get("auth").orgId;
    const [{ sheets, lastUpdates }, org] = await Promise.all([
      liveSheetsWithUpdates(deps.store, orgId),
      deps.store.getOrg(orgId),
    ]);
    const asOf = isoDayIn(deps.now(), org?.timeZone ?? DEFAULT_TIME_ZONE);
    const lines: (string | number | null)[][] = [];
    for (const sheet of sheets) {
      const computed = computeRows(sheet.rows, { asOf });
      for (const row of sheet.rows) {
        if (row.type === "objective") continue;
        const values = computed.get(row.id);
        lines.push([
          sheet.name || sheet.sheetId,
          row.team,
          row.objectiveId,
          row.id,
          csvWord("type", row.type, language),
          row.title,
          row.owner,
          row.cycle,
          csvWord("kpiKind", row.kpiKind, language),
          row.start,
          row.target,
          row.current,
          row.unit,
          round(values?.progress ?? null),
          values ? CSV_STATUS_WORDS[language][values.status] : null,
          row.confidence,
          lastUpdates.get(row.id) ?? null,
        ]);
      }
    }
    const body = localCsv(csvHeader(COLUMNS, language), lines, csvLocale(language, separator));
    return csvDownload(c, `okr-key-results-${language}.csv`, body);
  });
}
