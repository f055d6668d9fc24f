// The wire contract of the KPI board (GET /v1/kpis) as zod schemas, declared to satisfy the zod-free types in
// ./wire.ts (shared/wire.test.ts proves schema = type both ways).
import * as z from "zod";
import { IsoDate } from "./contract.js";
import { KPI_KINDS } from "./model.js";
import { type KpiBoard, type KpiBoardEntry, type KpiBoardQuery, LIMITS } from "./wire.js";

type Wire<T, I = T> = z.ZodType<T, I>;

export const KpiBoardQuerySchema = z.object({
  cycle: z.string().min(1).max(LIMITS.shortText),
  asOf: IsoDate.optional(),
}) satisfies Wire<KpiBoardQuery>;

export const KpiBoardEntrySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    sheetId: z.string(),
    team: z.string(),
    owner: z.string(),
    kind: z.enum(KPI_KINDS).nullable(),
    objectiveId: z.string(),
    objectiveTitle: z.string(),
    keyResultId: z.string().nullable(),
    start: z.number().nullable(),
    target: z.number().nullable(),
    current: z.number().nullable(),
    unit: z.string(),
    progress: z.number().nullable(),
    threshold: z.string().nullable(),
    health: z.enum(["healthy", "unhealthy"]).nullable(),
    trend: z.array(z.number()),
  })
  .meta({ id: "KpiBoardEntry" }) satisfies Wire<KpiBoardEntry>;

export const KpiBoardSchema = z
  .object({ cycle: z.string(), asOf: z.string(), kpis: z.array(KpiBoardEntrySchema) })
  .meta({ id: "KpiBoard" }) satisfies Wire<KpiBoard>;
