import { describe, expect, it } from "vitest";
import * as k from "./keys.js";

const utf8 = (text: string) => new TextEncoder().encode(text).length;

describe("keys", () => {
  it("keep the URI-encoded form for every ID whose key fits", () => {
    expect(k.rowSk("sales", "O-1")).toBe("SHEET#sales#ROW#O-1");
    expect(k.rowSk("Sälj", "KR#1")).toBe("SHEET#S%C3%A4lj#ROW#KR%231");
    expect(k.checkInSk("KR-1", "2026-11-04T10:00:00.000Z", "abcd1234")).toBe(
      "CHECKIN#KR-1#2026-11-04T10:00:00.000Z#abcd1234",
    );
    expect(k.rowSk("s", "Å".repeat(128))).toBe(`SHEET#s#ROW#${"%C3%85".repeat(128)}`);
  });

  it("give IDs too long once encoded, or not encodable, a digest form within DynamoDB's limits", () => {
    const long = "漢".repeat(128);
    for (const key of [
      k.rowSk(long, long),
      k.rowSk("s", long),
      k.rowSk("\ud800", "\udc00"),
      k.sheetSk(long),
      k.checkInSk(long, "+010000-01-01T00:00:00.000Z", "abcd1234"),
      k.lastCheckInSk("\ud800"),
    ])
      expect(utf8(key)).toBeLessThanOrEqual(1_024);
    expect(k.rowSk("s", long)).toMatch(/^SHEET#s#ROW##H#[0-9a-f]{64}$/);
    expect(k.rowSk("s", "\ud800")).not.toBe(k.rowSk("s", "\ud801"));
    expect(k.rowSk(long, "x").startsWith(k.sheetRowsPrefix(long))).toBe(true);
    expect(k.sheetRowsPrefix(long).startsWith(k.sheetSk(long))).toBe(true);
  });
});
