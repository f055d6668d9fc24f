import { describe, expect, it } from "vitest";
import { rowHash } from "../../shared/contract.js";
import { full, okrRow, stub } from "../../test/api/rows.js";
import { ApiError } from "../app/errors.js";
import type { StoredRow } from "../store/types.js";
import { planSync } from "./plan.js";

const AT = "2026-11-20T12:00:00.000Z";
const stored = (row = okrRow("a"), extra: Partial<StoredRow> = {}): StoredRow => ({
  ...row,
  hash: rowHash(row),
  deleted: false,
  deletedAt: null,
  revision: 1,
  ...extra,
});

function planError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected an ApiError");
}

describe("planSync", () => {
  it("writes new rows and nothing for unchanged ones, full or stub", () => {
    const a = okrRow("a");
    const b = okrRow("b", { row: 3 });
    const plan = planSync([stored(a), stored(b)], [full(a), stub(b), full(okrRow("c", { row: 4 }))], AT);
    expect(plan.writes.map((row) => row.id)).toEqual(["c"]);
    expect(plan.unchanged).toBe(2);
    expect(plan.deletions).toEqual([]);
    expect(plan.rows.map((row) => row.id)).toEqual(["a", "b", "c"]);
    expect(plan.rows[1]).toEqual(b);
  });

  it("writes changed rows and marks vanished rows deleted", () => {
    const a = okrRow("a");
    const plan = planSync([stored(a), stored(okrRow("gone"))], [full({ ...a, current: 99 })], AT);
    expect(plan.writes.map((row) => [row.id, row.current])).toEqual([["a", 99]]);
    expect(plan.deletions.map((row) => [row.id, row.deleted, row.deletedAt])).toEqual([["gone", true, AT]]);
  });

  it("brings a deleted row back when the sheet has it again", () => {
    const a = okrRow("a");
    const plan = planSync([stored(a, { deleted: true, deletedAt: AT })], [stub(a)], AT);
    expect(plan.writes.map((row) => [row.id, row.deleted])).toEqual([["a", false]]);
    expect(planSync([stored(a, { deleted: true, deletedAt: AT })], [full(a)], AT).writes).toHaveLength(1);
  });

  it("refuses stubs the server does not hold, naming them", () => {
    const error = planError(() =>
      planSync([stored(okrRow("a"))], [{ id: "a", hash: "0000000000000000" }, stub(okrRow("x"))], AT),
    );
    expect(error.status).toBe(422);
    expect(error.code).toBe("unknown_row_stub");
    expect(error.details).toEqual({ ids: ["a", "x"] });
  });

  it("refuses rows whose hash does not match their content, naming the sheet row", () => {
    const row = okrRow("a", { row: 14 });
    const error = planError(() => planSync([], [{ ...row, hash: rowHash({ ...row, current: 1 }) }], AT));
    expect(error.code).toBe("hash_mismatch");
    expect(error.message).toContain("14");
  });

  it("trusts hashes already verified against their content", () => {
    const row = okrRow("a");
    const plan = planSync([stored(row)], [full(row)], AT, { hashesVerified: true });
    expect(plan).toMatchObject({ writes: [], unchanged: 1 });
    const changed = { ...row, current: 1 };
    const next = planSync([stored(row)], [full(changed)], AT, { hashesVerified: true });
    expect(next.writes).toMatchObject([{ id: "a", current: 1, hash: rowHash(changed) }]);
  });

  it("refuses duplicate IDs with their sheet rows", () => {
    const error = planError(() =>
      planSync([], [full(okrRow("a", { row: 2 })), full(okrRow("a", { row: 9 }))], AT),
    );
    expect(error.code).toBe("duplicate_row_id");
    expect(error.details).toEqual({ ids: ["a"], rows: [2, 9] });
  });
});

describe("currentChangedAt: when a sync last brought a new Current value", () => {
  const EARLIER = "2026-10-01T08:00:00.000Z";
  it("is this sync's time for a new value, kept when only other fields change, null without a value", () => {
    const fresh = planSync(
      [],
      [full(okrRow("a", { current: 40 })), full(okrRow("b", { current: null }))],
      AT,
    );
    expect(fresh.writes.map((row) => [row.id, row.currentChangedAt])).toEqual([
      ["a", AT],
      ["b", null],
    ]);
    const before = stored(okrRow("a", { current: 40 }), { currentChangedAt: EARLIER });
    const retitled = planSync([before], [full(okrRow("a", { current: 40, title: "New title" }))], AT);
    expect(retitled.writes[0]!.currentChangedAt).toBe(EARLIER);
    const moved = planSync([before], [full(okrRow("a", { current: 41 }))], AT);
    expect(moved.writes[0]!.currentChangedAt).toBe(AT);
    const cleared = planSync([before], [full(okrRow("a", { current: null }))], AT);
    expect(cleared.writes[0]!.currentChangedAt).toBe(EARLIER);
  });

  it("travels with a row that is deleted or restored", () => {
    const before = stored(okrRow("a", { current: 40 }), { currentChangedAt: EARLIER });
    expect(planSync([before], [], AT).deletions[0]!.currentChangedAt).toBe(EARLIER);
    const gone = { ...before, deleted: true, deletedAt: AT };
    expect(planSync([gone], [stub(okrRow("a", { current: 40 }))], AT).writes[0]!.currentChangedAt).toBe(
      EARLIER,
    );
  });
});
