import { describe, expect, it } from "vitest";
import { okrRow } from "../test/support/rows.js";
import { parseCycle } from "./cycle.js";
import { carryOver, nextCycleLabel, nextCycleWindow, nextTabName } from "./next-cycle.js";

describe("the cycle after a cycle", () => {
  it.each([
    ["2026-Q3", "2026-Q4"],
    ["2026-Q4", "2027-Q1"],
    ["Q4 2026", "Q1 2027"],
    ["2026 K4", "2027 K1"],
    ["2026q2", "2026q3"],
    ["2026-H1", "2026-H2"],
    ["H2 2026", "H1 2027"],
    ["2026", "2027"],
    ["2026-10-01..2026-12-31", "2027-01-01..2027-03-31"],
    ["2026-02-01..2026-04-30", "2026-05-01..2026-07-31"],
    ["2026-10-15 - 2026-12-15", "2026-12-16 - 2027-02-15"],
    ["2026-11-30/2026-12-13", "2026-12-14/2026-12-27"],
  ])("after %s comes %s", (label, next) => {
    expect(nextCycleLabel(label)).toBe(next);
    // The next cycle starts the day after this one ends.
    const end = parseCycle(label)!.end;
    const start = parseCycle(next)!.start;
    expect(new Date(`${start}T00:00:00Z`).getTime() - new Date(`${end}T00:00:00Z`).getTime()).toBe(
      86_400_000,
    );
  });

  it("names no next cycle for a label that is none", () => {
    expect(nextCycleLabel("someday")).toBeNull();
    expect(nextCycleLabel("2026-H3")).toBeNull();
    expect(nextCycleLabel("")).toBeNull();
  });

  it("gives a configured window the next one of the same months or days", () => {
    expect(nextCycleWindow({ label: "FY26", start: "2025-07-01", end: "2026-06-30" }, "FY27")).toEqual({
      label: "FY27",
      start: "2026-07-01",
      end: "2027-06-30",
    });
    expect(nextCycleWindow({ label: "S1", start: "2026-01-05", end: "2026-01-18" })).toMatchObject({
      start: "2026-01-19",
      end: "2026-02-01",
    });
  });

  it("renames a tab named for its cycle", () => {
    expect(nextTabName("Support 2026-Q3", "2026-Q3", "2026-Q4")).toBe("Support 2026-Q4");
    expect(nextTabName("OKRs", "2026-Q3", "2026-Q4")).toBe("2026-Q4");
  });
});

describe("carrying objectives over", () => {
  const rows = [
    okrRow({ id: "O-1", type: "objective", cycle: "2026-Q3", alignsTo: "O-CO", contributesTo: ["O-9"] }),
    okrRow({
      id: "KR-1",
      type: "key_result",
      objectiveId: "O-1",
      cycle: "2026-Q3",
      current: 8,
      confidence: 0.7,
    }),
    okrRow({
      id: "KR-2",
      type: "key_result",
      objectiveId: "O-1",
      cycle: "2026-Q3",
      krType: "binary",
      current: 1,
    }),
    okrRow({ id: "KPI-1", type: "kpi", objectiveId: "O-1", cycle: "2026-Q3", current: 120 }),
    okrRow({ id: "O-2", type: "objective", cycle: "2026-Q3" }),
    okrRow({ id: "KR-3", type: "key_result", objectiveId: "O-2", cycle: "2026-Q3", current: 3 }),
  ];

  it("copies the chosen objectives with fresh key results and new IDs, leaving the old rows alone", () => {
    const before = JSON.stringify(rows);
    const taken = new Set(["O-CO"]);
    let seed = 1;
    const random = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    const { rows: copied, objectives } = carryOver(rows, ["O-1"], "2026-Q4", taken, 10, random);
    expect(JSON.stringify(rows)).toBe(before);
    expect(copied.map((row) => row.type)).toEqual(["objective", "key_result", "key_result"]);
    const newObjective = objectives.get("O-1")!;
    expect(copied[0]).toMatchObject({ id: newObjective, cycle: "2026-Q4", alignsTo: "O-CO", row: 10 });
    expect(copied[0]!.contributesTo).toEqual(["O-9"]);
    for (const kr of copied.slice(1)) {
      expect(kr).toMatchObject({
        objectiveId: newObjective,
        cycle: "2026-Q4",
        current: null,
        confidence: null,
      });
      expect(["KR-1", "KR-2", "KR-3"]).not.toContain(kr.id);
    }
    expect(copied.map((row) => row.row)).toEqual([10, 11, 12]);
    expect(copied.slice(1).map((kr) => [kr.start, kr.target, kr.krType])).toEqual([
      [rows[1]!.start, rows[1]!.target, "numeric"],
      [rows[2]!.start, rows[2]!.target, "binary"],
    ]);
    // Every new ID is new in the organisation.
    const ids = new Set(copied.map((row) => row.id));
    expect(ids.size).toBe(3);
    for (const id of ids) expect(rows.map((row) => row.id)).not.toContain(id);
    expect(taken.has(newObjective)).toBe(true);
  });
});
