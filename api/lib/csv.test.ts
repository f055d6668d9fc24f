import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { Rollup, RollupNode } from "../../shared/model.js";
import { csvCell, csvDownload, rollupCsv, toCsv } from "./csv.js";

describe("csvCell", () => {
  it("quotes cells a spreadsheet would run as formulas", () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
  });

  it("keeps numbers as numbers, even negative, and text as text", () => {
    expect(csvCell(-0.25)).toBe("-0.25");
    expect(csvCell(null)).toBe("");
    expect(csvCell("Öka intäkter, 2026")).toBe('"Öka intäkter, 2026"');
    expect(csvCell("a\nb")).toBe('"a\nb"');
  });

  it("joins lines with CRLF", () => {
    // After a byte-order mark, so Excel reads UTF-8 text right.
    expect(toCsv(["a", "b"], [[1, "x"]])).toBe("\uFEFFa,b\r\n1,x\r\n");
  });
});

describe("rollupCsv", () => {
  const node = (id: string, children: RollupNode[] = [], title = `T ${id}`): RollupNode => ({
    id,
    title,
    team: "Ops",
    owner: "Ola",
    level: "team",
    cycle: "2026-Q4",
    sheetId: "s1",
    progress: 0.123456,
    alignedProgress: null,
    expected: 0.5,
    // The owner says at risk; the pace alone would say on track.
    status: "at_risk",
    paceStatus: "on_track",
    ownerStatus: "at_risk",
    keyResultCount: 2,
    contributesTo: [],
    grade: null,
    children,
  });
  it("writes one line per objective, depth-first with parent and depth", () => {
    const rollup = {
      cycle: "2026-Q4",
      asOf: "2026-11-15",
      roots: [node("C", [node("T1", [], "=cmd|' /C calc'!A0"), node("T2")])],
      teams: [],
      levels: [],
      insights: {} as Rollup["insights"],
    } satisfies Rollup;
    const lines = rollupCsv(rollup)
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe(
      "cycle,id,parent_id,depth,title,team,owner,level,sheet_id,progress,aligned_progress,expected,status,pace_status,key_results",
    );
    expect(lines.slice(1).map((line) => line.split(",").slice(1, 4).join(","))).toEqual([
      "C,,0",
      "T1,C,1",
      "T2,C,1",
    ]);
    expect(lines[1]).toContain(",0.1235,,0.5,at_risk,on_track,2");
    expect(lines[2]).toContain("'=cmd|");
  });
});

describe("csvDownload", () => {
  it("names the file with safe characters only, quoted, as text/csv", async () => {
    const app = new Hono().get("/", (c) => csvDownload(c, 'okr-rollup-2026 Q1/"x".csv', "a\r\n"));
    const res = await app.request("/");
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="okr-rollup-2026_Q1__x_.csv"');
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(await res.text()).toBe("a\r\n");
  });
});
