// The wire contract of a cycle's lifecycle and of value histories: closing a cycle (its grades frozen) and
// the history of a key result or KPI (check-ins and synced values, merged by time).
import * as z from "zod";

export const CloseCycleRequestSchema = z
  .object({ cycle: z.string().trim().min(1).max(200) })
  .meta({ id: "CloseCycleRequest" });

export const CloseCycleResponseSchema = z
  .object({
    cycle: z.string(),
    sheetId: z.string(),
    /** Rows frozen as the cycle's record. */
    closed: z.number(),
    /** Each objective's and key result's grade as frozen (0.0-1.0 in tenths; null without a target). */
    grades: z.array(z.object({ id: z.string(), grade: z.number().nullable() })),
  })
  .meta({ id: "CloseCycleResponse" });

export const ValuePointSchema = z
  .object({
    rowId: z.string(),
    sheetId: z.string(),
    value: z.number(),
    at: z.string(),
    source: z.enum(["check_in", "sheet"]),
    author: z.string(),
    note: z.string(),
    confidence: z.number().nullable(),
  })
  .meta({ id: "ValuePoint" });

export const HistoryResponseSchema = z.object({ points: z.array(ValuePointSchema) }).meta({ id: "History" });

export type CloseCycleResponse = z.infer<typeof CloseCycleResponseSchema>;
