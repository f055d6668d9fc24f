// The re-base after a stale revision, on its own: which rows are conflicts, and what is resent.
import { describe, expect, it } from "vitest";
import { conflictsOf, rebasePayload } from "../../addon/sync.js";
import type { RowChange } from "../../shared/wire.js";
import { okrRow } from "../support/rows.js";

const row = (id: string) => okrRow({ id, type: "objective", title: id });
const change = (id: string, hash: string, deleted = false): RowChange => ({ id, hash, deleted, revision: 5 });

describe("conflictsOf", () => {
  const local = new Map([
    ["same", "h-same"],
    ["edited", "h-ours"],
    ["gone-there", "h-gone"],
  ]);

  it("names rows whose server version differs from this sheet, and only those", () => {
    expect(
      conflictsOf(
        [
          change("same", "h-same"), // our own lost answer: no conflict
          change("edited", "h-theirs"),
          change("gone-there", "h-gone", true),
          change("restored", "h-r"),
          change("deleted-both", "h-x", true), // deleted there, not here either: no conflict
        ],
        local,
      ),
    ).toEqual([
      { id: "edited", kind: "changed", revision: 5 },
      { id: "gone-there", kind: "deleted", revision: 5 },
      { id: "restored", kind: "absent", revision: 5 },
    ]);
  });

  it("has nothing to say when nothing changed elsewhere", () => {
    expect(conflictsOf([], local)).toEqual([]);
  });
});

describe("rebasePayload", () => {
  it("sends a stub exactly where the server now holds our row, the full row everywhere else", () => {
    const rows = ["a", "b", "c", "d", "e"].map(row);
    const local = new Map(rows.map((r) => [r.id, `h-${r.id}`]));
    // a: untouched on both sides; b: edited here since the last sync; c: changed there to what we have;
    // d: changed there to something else; e: deleted there.
    const synced = new Map([
      ["a", "h-a"],
      ["b", "h-b-old"],
      ["c", "h-c-old"],
      ["d", "h-d"],
      ["e", "h-e"],
    ]);
    const payload = rebasePayload(rows, local, synced, [
      change("c", "h-c"),
      change("d", "h-d-theirs"),
      change("e", "h-e", true),
    ]);
    expect(payload.map((p) => ("type" in p ? `full:${p.id}` : `stub:${p.id}`))).toEqual([
      "stub:a",
      "full:b",
      "stub:c",
      "full:d",
      "full:e",
    ]);
    expect(payload[1]).toMatchObject({ id: "b", hash: "h-b", title: "b" });
  });
});
