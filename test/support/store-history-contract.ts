// The history part of the store suite (row versions, check-ins by time, review meetings), run inside
// describeStoreContract on every DynamoDB implementation. Not a test file itself.
import { expect, it } from "vitest";
import type { Store, StoredRow } from "../../api/store/types.js";

export function historyContract(
  store: () => Store,
  storedRow: (id: string, overrides?: object, revision?: number) => StoredRow,
): void {
  it("keeps row versions append-only: once per sheet, row and revision, apart from the rows and the link index", async () => {
    const s = store();
    const v1 = {
      ...storedRow("KR#1 ø", { target: 150 }, 1),
      writtenAt: "2026-11-01T09:00:00.000Z",
      writtenBy: "key:k1",
    };
    const v2 = { ...storedRow("KR#1 ø", { target: 250 }, 2), writtenAt: "2026-11-08T09:00:00.000Z" };
    const huge = storedRow(`KR-${"x".repeat(128)}`, { current: 1e300 }, 3);
    await s.keepRowVersions("org-h", "sheet#h", [v1, huge]);
    await s.keepRowVersions("org-h", "sheet#h", [v1, v2]);
    await s.keepRowVersions("org-h", "sheet#h2", [storedRow("other")]);
    const kept = await s.listRowVersions("org-h", "sheet#h");
    // by row (its key: the encoded ID), then revision
    expect(kept).toEqual([
      { ...v1, sheetId: "sheet#h" },
      { ...v2, sheetId: "sheet#h" },
      { ...huge, sheetId: "sheet#h" },
    ]);
    expect((await s.listRowVersions("org-h")).map((v) => v.sheetId).sort()).toEqual([
      "sheet#h",
      "sheet#h",
      "sheet#h",
      "sheet#h2",
    ]);
    // versions are not rows: the sheets and the index of linkable rows do not see them
    expect(await s.listOrgSheets("org-h")).toEqual([]);
    expect(await s.listLinkableRows("org-h", ["key_result"])).toEqual([]);
    expect(await s.listRowVersions("org-other")).toEqual([]);
  });

  it("lists an organisation's check-ins in a window, oldest first, and review meetings latest first", async () => {
    const s = store();
    const checkIn = (krId: string, at: string) => ({
      krId,
      objectiveId: null,
      sheetId: "s",
      value: 1,
      confidence: null,
      note: "",
      author: "Åsa",
      at,
    });
    await s.putCheckIn("org-hc", checkIn("B", "2026-11-03T00:00:00.000Z"));
    await s.putCheckIn("org-hc", checkIn("A", "2026-11-02T00:00:00.000Z"));
    await s.putCheckIn("org-hc", checkIn("A", "2026-11-09T00:00:00.000Z"));
    const window = await s.listCheckInsBetween(
      "org-hc",
      "2026-11-02T00:00:00.000Z",
      "2026-11-09T00:00:00.000Z",
    );
    expect(window.map((c) => [c.krId, c.at])).toEqual([
      ["A", "2026-11-02T00:00:00.000Z"],
      ["B", "2026-11-03T00:00:00.000Z"],
    ]);
    await s.putReviewMeeting("org-hc", { team: "Sälj", at: "2026-11-01T10:00:00.000Z", by: "a@example.com" });
    await s.putReviewMeeting("org-hc", { team: "Sälj", at: "2026-11-08T10:00:00.000Z", by: "key:k" });
    await s.putReviewMeeting("org-hc", { team: "", at: "2026-11-05T10:00:00.000Z", by: "key:k" });
    expect((await s.listReviewMeetings("org-hc", "Sälj")).map((m) => m.at)).toEqual([
      "2026-11-08T10:00:00.000Z",
      "2026-11-01T10:00:00.000Z",
    ]);
    expect(await s.listReviewMeetings("org-hc", "")).toEqual([
      { team: "", at: "2026-11-05T10:00:00.000Z", by: "key:k" },
    ]);
  });
}
