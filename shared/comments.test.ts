import { describe, expect, it } from "vitest";
import { COMMENT_MAX_LENGTH, type Comment, cleanCommentText, reviewTarget, threads } from "./comments.js";

const comment = (id: string, at: string, parentId: string | null = null): Comment => ({
  id,
  targetId: "O-1",
  parentId,
  text: id,
  authorName: "Ada",
  authorEmail: "ada@example.com",
  at,
  source: "dashboard",
  sheetId: null,
});

describe("comments", () => {
  it("keep plain text: line breaks unified, control characters gone, formulas and HTML as written", () => {
    expect(cleanCommentText("  Hej\r\nrad två\r\u0007 \u2028")).toBe("Hej\nrad två");
    expect(cleanCommentText('=HYPERLINK("x") <b>bold</b>')).toBe('=HYPERLINK("x") <b>bold</b>');
    expect(cleanCommentText("   ")).toBeNull();
    expect(cleanCommentText(42)).toBeNull();
    expect(cleanCommentText("x".repeat(COMMENT_MAX_LENGTH))).toHaveLength(COMMENT_MAX_LENGTH);
    expect(cleanCommentText("x".repeat(COMMENT_MAX_LENGTH + 1))).toBeNull();
  });

  it("thread replies under their first comment, replies to replies too, oldest first", () => {
    const list = threads([
      comment("c3", "2026-11-03T00:00:00Z", "c2"),
      comment("c1", "2026-11-01T00:00:00Z"),
      comment("c2", "2026-11-02T00:00:00Z", "c1"),
      comment("c4", "2026-11-04T00:00:00Z"),
      comment("orphan", "2026-11-05T00:00:00Z", "gone"),
    ]);
    expect(list.map((t) => [t.comment.id, t.replies.map((r) => r.id)])).toEqual([
      ["c1", ["c2", "c3"]],
      ["c4", []],
      ["orphan", []],
    ]);
    // a parent loop does not hang
    expect(
      threads([comment("a", "2026-11-01T00:00:00Z", "b"), comment("b", "2026-11-02T00:00:00Z", "a")]),
    ).toHaveLength(1);
    expect(reviewTarget("Sälj", "2026-Q1")).toBe("review:2026-Q1:Sälj");
  });
});
