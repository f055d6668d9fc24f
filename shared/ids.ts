// Short, readable, org-unique IDs for rows that have none: "O-7F3K", "KR-9QX2", "KPI-H4TB".
import type { OkrRow, RowType } from "./model.js";

/** Crockford base32: no I, L, O, U, so IDs survive being read aloud and retyped. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const PREFIX: Record<RowType, string> = { objective: "O", key_result: "KR", kpi: "KPI" };
const TRIES_PER_LENGTH = 16;

export function newId(type: RowType, taken: Set<string>, random: () => number = Math.random): string {
  for (let length = 4; ; length++) {
    for (let attempt = 0; attempt < TRIES_PER_LENGTH; attempt++) {
      let suffix = "";
      for (let i = 0; i < length; i++)
        suffix += ALPHABET[Math.floor(random() * ALPHABET.length) % ALPHABET.length];
      const id = `${PREFIX[type]}-${suffix}`;
      if (!taken.has(id)) {
        taken.add(id);
        return id;
      }
    }
    if (length > 12) throw new Error("newId: the random source repeats itself");
  }
}

/** Gives every row with an empty ID a new one, in place; returns what to write back to the sheet. */
export function assignIds(
  rows: OkrRow[],
  taken: Set<string>,
  random: () => number = Math.random,
): { row: number; id: string }[] {
  for (const row of rows) if (row.id) taken.add(row.id);
  const assigned: { row: number; id: string }[] = [];
  for (const row of rows) {
    if (row.id) continue;
    row.id = newId(row.type, taken, random);
    assigned.push({ row: row.row, id: row.id });
  }
  return assigned;
}
