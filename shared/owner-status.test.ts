import { describe, expect, it } from "vitest";
import { okrRow, sheet } from "../test/support/rows.js";
import { confidenceStatus, keyResultStatus } from "./owner-status.js";
import { buildRollup } from "./rollup.js";

describe("the owner's word beside the pace", () => {
  it("bands confidence like grades", () => {
    expect([0, 0.39, 0.4, 0.69, 0.7, 1].map(confidenceStatus)).toEqual([
      "off_track",
      "off_track",
      "at_risk",
      "at_risk",
      "on_track",
      "on_track",
    ]);
  });

  it("a yes/no launch at 0 with 90 % confidence reads on track mid-quarter, its pace kept beside", () => {
    const launch = okrRow({ id: "L", type: "key_result", krType: "binary", current: 0, confidence: 0.9 });
    const judged = keyResultStatus(launch, 0.5, true);
    expect(judged).toMatchObject({
      status: "on_track",
      pace: "off_track",
      owner: "on_track",
      disagrees: true,
    });
    // Without the owner's word the pace is all there is.
    expect(keyResultStatus({ ...launch, confidence: null }, 0.5, true).status).toBe("off_track");
    // Done is done, whatever the confidence.
    expect(keyResultStatus({ ...launch, current: 1, confidence: 0.1 }, 0.5, true)).toMatchObject({
      status: "done",
      disagrees: false,
    });
  });

  it("a key result never updated counts as at risk once the share of the cycle has passed", () => {
    const silent = okrRow({ id: "S", type: "key_result", current: null });
    expect(keyResultStatus(silent, 0.2, false).status).toBe("not_started");
    expect(keyResultStatus(silent, 0.34, false)).toMatchObject({ status: "at_risk", noUpdate: true });
    expect(keyResultStatus(silent, 0.66, false, { noUpdateShare: 0.7 }).status).toBe("not_started");
    // A check-in (even with the sheet not synced since) is an update.
    expect(keyResultStatus(silent, 0.66, true).status).toBe("not_started");
  });

  it("the rollup lists disagreements and counts silent key results among those at risk", () => {
    const sheets = [
      sheet("s", [
        okrRow({ id: "O", type: "objective" }),
        okrRow({
          id: "KR-launch",
          type: "key_result",
          objectiveId: "O",
          krType: "binary",
          current: 0,
          confidence: 0.9,
        }),
        okrRow({ id: "KR-silent", type: "key_result", objectiveId: "O" }),
        okrRow({ id: "KR-ok", type: "key_result", objectiveId: "O", current: 7, confidence: 0.2 }),
      ]),
    ];
    // 2026-11-30: two thirds of Q4.
    const rollup = buildRollup(sheets, { cycle: "2026-Q4", asOf: "2026-11-30" });
    expect(rollup.insights.atRisk.map((kr) => [kr.id, kr.status, kr.noUpdate])).toEqual([
      ["KR-silent", "at_risk", true],
    ]);
    expect(rollup.insights.disagreements.map((kr) => [kr.id, kr.paceStatus, kr.confidence])).toEqual([
      ["KR-launch", "off_track", 0.9],
      ["KR-ok", "on_track", 0.2],
    ]);
    expect(rollup.insights.noUpdateShare).toBeCloseTo(1 / 3);
  });

  it("the owner's status word overrides the pace, which stays beside it; any difference is a disagreement", () => {
    const kr = okrRow({ id: "K", type: "key_result", current: 2, confidence: 0.9 });
    // Pace: 0.2 against 0.5 expected, off track; the owner says at risk.
    expect(keyResultStatus({ ...kr, ownerStatus: "at_risk" }, 0.5, true)).toMatchObject({
      status: "at_risk",
      pace: "off_track",
      owner: "at_risk",
      disagrees: true,
    });
    // The owner's word agrees with the pace: no disagreement, whatever the confidence says.
    expect(keyResultStatus({ ...kr, ownerStatus: "off_track" }, 0.5, true)).toMatchObject({
      status: "off_track",
      disagrees: false,
    });
    // Without a word, the confidence decides as before (90 % against off track).
    expect(keyResultStatus(kr, 0.5, true)).toMatchObject({
      status: "off_track",
      owner: "on_track",
      disagrees: true,
    });
    // The owner's word stands for a key result never updated too (the sheet shows it), flagged all the same.
    const silent = okrRow({ id: "S", type: "key_result", current: null });
    expect(keyResultStatus({ ...silent, ownerStatus: "on_track" }, 0.5, false)).toMatchObject({
      status: "on_track",
      pace: "not_started",
      noUpdate: true,
      disagrees: true,
    });
  });

  it("the rollup shows the owner's word on nodes and key results, pace beside, and lists where they differ", () => {
    const sheets = [
      sheet("s", [
        okrRow({ id: "O", type: "objective", ownerStatus: "at_risk" }),
        okrRow({ id: "O2", type: "objective" }),
        // Pace on track at two thirds of the quarter (7 of 10); the owner says off track.
        okrRow({ id: "KR-said", type: "key_result", objectiveId: "O", current: 7, ownerStatus: "off_track" }),
        // The owner's word equals the pace, its low confidence does not count then.
        okrRow({
          id: "KR-agrees",
          type: "key_result",
          objectiveId: "O",
          current: 7,
          confidence: 0.1,
          ownerStatus: "on_track",
        }),
        // No word: the confidence rule, as before.
        okrRow({ id: "KR-confident", type: "key_result", objectiveId: "O2", current: 7, confidence: 0.2 }),
      ]),
    ];
    const rollup = buildRollup(sheets, { cycle: "2026-Q4", asOf: "2026-11-30" });
    const nodes = new Map(rollup.roots.map((node) => [node.id, node]));
    expect(nodes.get("O")).toMatchObject({
      status: "at_risk",
      paceStatus: "on_track",
      ownerStatus: "at_risk",
    });
    expect(nodes.get("O2")).toMatchObject({ status: "on_track", paceStatus: "on_track", ownerStatus: null });
    expect(rollup.teams[0]!.statusCounts).toMatchObject({ at_risk: 1, on_track: 1 });
    expect(
      rollup.insights.disagreements.map((kr) => [
        kr.id,
        kr.status,
        kr.paceStatus,
        kr.ownerStatus,
        kr.confidence,
      ]),
    ).toEqual([
      ["KR-confident", "on_track", "on_track", null, 0.2],
      ["KR-said", "off_track", "on_track", "off_track", null],
    ]);
    // The owner's off track counts among those at risk, as the sheet shows it.
    expect(rollup.insights.atRisk.map((kr) => kr.id)).toEqual(["KR-said"]);
  });

  it("after the cycle ends, key results and objectives carry their grade", () => {
    const sheets = [
      sheet("s", [
        okrRow({ id: "O", type: "objective", cycle: "2026-Q3" }),
        okrRow({ id: "KR", type: "key_result", objectiveId: "O", cycle: "2026-Q3", current: 6.6 }),
      ]),
    ];
    const rollup = buildRollup(sheets, { cycle: "2026-Q3", asOf: "2026-10-05" });
    expect(rollup.roots[0]!.grade).toBe(0.7);
    const running = buildRollup(sheets, { cycle: "2026-Q3", asOf: "2026-09-05" });
    expect(running.roots[0]!.grade).toBeNull();
  });
});
