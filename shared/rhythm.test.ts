import { describe, expect, it } from "vitest";
import { objective, okrRow } from "../test/api/rows.js";
import { buildGraph } from "./graph.js";
import type { Person } from "./people.js";
import { buildDigest, changesSinceLastDigest, checkInsDue, runningCycles, snapshotOf } from "./rhythm.js";

const people: Person[] = [
  { email: "ada@x.se", name: "Ada", team: "Sales", role: "reader", leader: false },
  { email: "bo@x.se", name: "Bo", team: "Sales", role: "reader", leader: true },
];
const rows = (target = 100) => [
  objective("O-1", { cycle: "2026-Q4", team: "Sales", owner: "Bo", row: 2 }),
  okrRow("KR-QUIET", { owner: "Ada", current: 10, target, row: 3 }),
  okrRow("KR-WEEK", { owner: "ada@x.se", current: 40, row: 4 }),
  okrRow("KR-DONE", { owner: "Ada", current: 100, row: 5 }),
  okrRow("KR-SHARED", { owner: "Ada, Bo", current: 50, row: 6 }),
  okrRow("KPI-1", { type: "kpi", krType: null, cycle: "", owner: "Ada", objectiveId: "KR-WEEK", row: 7 }),
  objective("O-OLD", { cycle: "2026-Q2", row: 8 }),
  okrRow("KR-OLD", { owner: "Ada", cycle: "2026-Q2", objectiveId: "O-OLD", row: 9 }),
];
const input = (target = 100) => ({
  graph: buildGraph([{ sheetId: "s", name: "Sales", rows: rows(target) }]),
  people,
  asOf: "2026-11-18",
  weekStartedAt: "2026-11-15T23:00:00.000Z",
  updates: new Map([
    ["KR-WEEK", "2026-11-16T08:00:00.000Z"],
    ["KR-SHARED", "2026-11-10T08:00:00.000Z"],
  ]),
});

describe("what each owner must check in on", () => {
  it("their key results and KPIs of running cycles with no update this week; done and finished cycles left out", () => {
    const due = checkInsDue(input());
    expect(runningCycles(input().graph, "2026-11-18")).toEqual(["2026-Q4"]);
    expect(due.get("ada@x.se")!.map((item) => [item.id, item.type, item.quiet])).toEqual([
      ["KPI-1", "kpi", true],
      ["KR-QUIET", "key_result", true],
      ["KR-SHARED", "key_result", false],
    ]);
    expect(due.get("bo@x.se")!.map((item) => item.id)).toEqual(["KR-SHARED"]);
    expect(due.get("ada@x.se")![0]!.parentTitle).toBe("Result KR-WEEK");
  });
});

describe("the leaders' digest", () => {
  it("the first digest says so; the next one compares with it: new off track, recovered, targets moved toward the current value", () => {
    const first = buildDigest({
      ...input(),
      week: "2026-W47",
      takenAt: "2026-11-16T08:00:00.000Z",
      previous: null,
      comments: [],
    });
    expect(first.digest.first).toBe(true);
    expect(first.digest.changes).toEqual({ basis: "none", since: null, changes: [] });
    expect(first.digest.newOffTrack.map((kr) => kr.id)).toContain("KR-QUIET");
    expect(first.digest.quiet.map((kr) => kr.id)).toContain("KR-QUIET");

    const next = buildDigest({
      ...input(15),
      week: "2026-W48",
      takenAt: "2026-11-23T08:00:00.000Z",
      previous: first.snapshot,
      comments: [],
    });
    expect(next.digest.first).toBe(false);
    // lowered from 100 to 15 with current 10: now nearly done, and flagged
    expect(next.digest.changes.basis).toBe("since_last_digest");
    expect(next.digest.changes.since).toBe("2026-11-16T08:00:00.000Z");
    expect(next.digest.changes.changes).toEqual([
      {
        kind: "target_moved",
        id: "KR-QUIET",
        title: "Result KR-QUIET",
        team: "Sales",
        from: 100,
        to: 15,
        towardCurrent: true,
      },
    ]);
    expect(next.digest.recovered.map((kr) => kr.id)).toContain("KR-QUIET");
    expect(next.digest.newOffTrack.map((kr) => kr.id)).not.toContain("KR-QUIET");
  });

  it("follows the status the sheet shows: an owner's off track is new once, and recovers by the owner's word", () => {
    // KR-WEEK's pace: 40 % at 52 % of Q4, at risk; its owner says off track, then on track.
    const said = (ownerStatus: "off_track" | "on_track" | undefined) => {
      const sheetRows = rows().map((row) =>
        row.id === "KR-WEEK" && ownerStatus ? { ...row, ownerStatus } : row,
      );
      return {
        ...input(),
        graph: buildGraph([{ sheetId: "s", name: "Sales", rows: sheetRows }]),
        comments: [],
      };
    };
    const first = buildDigest({ ...said("off_track"), week: "2026-W47", takenAt: "t0", previous: null });
    expect(first.snapshot.rows["KR-WEEK"]!.status).toBe("off_track");
    expect(first.digest.newOffTrack.map((kr) => kr.id)).toContain("KR-WEEK");
    const still = buildDigest({
      ...said("off_track"),
      week: "2026-W48",
      takenAt: "t1",
      previous: first.snapshot,
    });
    expect(still.digest.newOffTrack.map((kr) => kr.id)).not.toContain("KR-WEEK");
    const back = buildDigest({
      ...said("on_track"),
      week: "2026-W49",
      takenAt: "t2",
      previous: first.snapshot,
    });
    expect(
      back.digest.recovered.map((kr) => [kr.id, kr.status, kr.paceStatus, kr.ownerStatus]),
    ).toContainEqual(["KR-WEEK", "on_track", "at_risk", "on_track"]);
  });

  it("names key results added and removed since, and a target raised away from the current value without the flag", () => {
    const graph = input().graph;
    const before = snapshotOf(graph, "2026-11-18", "2026-W47", "t0");
    const after = snapshotOf(
      buildGraph([
        {
          sheetId: "s",
          name: "Sales",
          rows: [...rows(200).filter((r) => r.id !== "KR-WEEK"), okrRow("KR-NEW", { row: 10 })],
        },
      ]),
      "2026-11-18",
      "2026-W48",
      "t1",
    );
    expect(
      changesSinceLastDigest(before, after).changes.map((c) => [
        c.kind,
        c.id,
        "towardCurrent" in c ? c.towardCurrent : null,
      ]),
    ).toEqual([
      ["added", "KR-NEW", null],
      ["removed", "KR-WEEK", null],
      ["target_moved", "KR-QUIET", false],
    ]);
  });
});
