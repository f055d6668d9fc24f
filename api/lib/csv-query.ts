// The query parameters every CSV of the API takes: ?language= for a reader's file (headers and codes in
// that language, its separator and decimal mark), ?separator= to choose "," or ";" all the same. Without
// language the file is the machine form (api/lib/csv.ts).
import * as z from "zod";
import { LANGUAGES } from "../../shared/model.js";

export const CSV_QUERY = {
  language: z.enum(LANGUAGES).optional(),
  separator: z.enum([",", ";"]).optional(),
};

export { csvFormatOf } from "./csv.js";
