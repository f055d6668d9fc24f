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
