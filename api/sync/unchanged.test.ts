import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SyncRequestSchema, sheetContentHash } from "../../shared/contract.js";
import { LIMITS } from "../../shared/wire.js";
import type { SheetMeta } from "../store/types.js";
import { isUnchangedSheet, stubsContentHash, stubsOnlyRequest } from "./unchanged.js";

const HASH = "0123456789abcdef";
const valid = { baseRevision: 3, name: "Sales", rows: [{ id: "KR-1", hash: HASH }], language: "sv" };

// Values near every edge the schema draws: padded and empty strings, wrong types, lengths at and past the
// limits, hashes of the wrong case or length, unknown fields, a full row's `type`.
const edgeString = fc.oneof(
  fc.constantFrom("", " ", "KR-1", " KR-1", "KR-1 ", "kr-1", "\u00a0KR-1", "Europe/Stockholm", "Mars/Base"),
  fc.constantFrom("x".repeat(LIMITS.idLength), "x".repeat(LIMITS.idLength + 1)),
  fc.constantFrom("x".repeat(LIMITS.shortText), "x".repeat(LIMITS.shortText + 1)),
  fc.string({ maxLength: 6 }),
);
const edgeHash = fc.oneof(
  fc.constant(HASH),
  fc.constantFrom(HASH.toUpperCase(), HASH.slice(1), `${HASH}0`, ` ${HASH}`, ""),
  fc.stringMatching(/^[0-9a-f]{16}$/),
);
const edgeValue = fc.oneof(
  edgeString,
  fc.constantFrom(0, 1, -1, 1.5, Number.MAX_SAFE_INTEGER, 2 ** 53, Number.NaN, null, true),
  fc.constant(undefined),
);
const edgeRow = fc.oneof(
  fc.record({ id: edgeString, hash: edgeHash }),
  fc.record({ id: edgeString, hash: edgeHash, type: fc.constantFrom(undefined, "objective") }),
  fc.record({ id: edgeString, hash: edgeHash, extra: edgeValue }),
  fc.record({ id: edgeValue, hash: edgeValue }, { requiredKeys: [] }),
  fc.constantFrom(null, [], "KR-1"),
);
const mostly = <T, U>(usual: fc.Arbitrary<T>, edge: fc.Arbitrary<U>) =>
  fc.oneof({ arbitrary: usual, weight: 6 }, { arbitrary: edge, weight: 1 });
// A body the add-on would send, with now and then one edge value in it: most are taken, many are not.
const nearlyValidBody = fc.record(
  {
    baseRevision: mostly(fc.nat(), edgeValue),
    name: mostly(fc.constantFrom("Sales", "Försäljning", ""), edgeValue),
    rows: fc.array(
      mostly(fc.record({ id: fc.constantFrom("O-1", "KR-1", "kr-2", "Å-3"), hash: edgeHash }), edgeRow),
      {
        maxLength: 4,
      },
    ),
    language: mostly(fc.constantFrom("en", "sv", "nb"), edgeValue),
    timeZone: mostly(fc.constantFrom("Europe/Stockholm", "UTC"), edgeValue),
  },
  { requiredKeys: ["baseRevision", "rows"] },
);
const edgeBody = fc.record(
  {
    baseRevision: fc.oneof(fc.nat(), edgeValue),
    name: edgeValue,
    rows: fc.oneof(fc.array(edgeRow, { maxLength: 4 }), edgeValue),
    language: fc.oneof(fc.constantFrom("en", "sv", "nb", "no", "EN"), edgeValue),
    timeZone: edgeValue,
    other: edgeValue,
  },
  { requiredKeys: [] },
);

describe("stubsOnlyRequest (the unchanged re-sync's check, before the schema)", () => {
  it("takes only a body SyncRequestSchema accepts, and reads it as the schema does", () => {
    let taken = 0;
    fc.assert(
      fc.property(fc.oneof(nearlyValidBody, edgeBody), (body) => {
        const request = stubsOnlyRequest(body);
        if (!request) return;
        taken += 1;
        const parsed = SyncRequestSchema.safeParse(body);
        expect(parsed.success).toBe(true);
        if (!parsed.success) return;
        expect(request).toEqual({
          baseRevision: parsed.data.baseRevision,
          name: parsed.data.name,
          rows: parsed.data.rows,
        });
      }),
      { numRuns: 3000 },
    );
    // Not vacuous: about one body in six is taken (the rest go to the schema).
    expect(taken).toBeGreaterThan(100);
  });

  it("takes the request the add-on sends for an unchanged sheet", () => {
    expect(stubsOnlyRequest(valid)).toEqual({ baseRevision: 3, name: "Sales", rows: valid.rows });
    expect(stubsOnlyRequest({ baseRevision: 0, rows: [], timeZone: "Europe/Oslo" })).toEqual({
      baseRevision: 0,
      name: "",
      rows: [],
    });
  });

  it("leaves to the schema what it would trim, refuse or read as a full row", () => {
    for (const body of [
      { ...valid, rows: [{ id: " KR-1", hash: HASH }] },
      { ...valid, rows: [{ id: "KR-1", hash: HASH.toUpperCase() }] },
      { ...valid, rows: [{ id: "KR-1", hash: HASH, type: "objective" }] },
      { ...valid, baseRevision: 1.5 },
      { ...valid, language: "no" },
      { ...valid, timeZone: "Mars/Base" },
      { ...valid, unknown: 1 },
      {
        ...valid,
        rows: Array.from({ length: LIMITS.rowsPerSync + 1 }, (_, i) => ({ id: `r${i}`, hash: HASH })),
      },
    ])
      expect(stubsOnlyRequest(body)).toBeNull();
  });
});

describe("isUnchangedSheet", () => {
  const rows = [
    { id: "O-1", hash: HASH },
    { id: "KR-1", hash: "fedcba9876543210" },
  ];
  const sheet = {
    revision: 3,
    name: "Sales",
    rowsPending: null,
    contentHash: sheetContentHash(rows),
  } as SheetMeta;
  const request = { baseRevision: 3, name: "Sales", rows };

  it("is the sheet as last committed, in any row order, with or without its name", () => {
    expect(isUnchangedSheet(sheet, request, stubsContentHash(request))).toBe(true);
    const reordered = { ...request, name: "", rows: [...rows].reverse() };
    expect(isUnchangedSheet(sheet, reordered, stubsContentHash(reordered))).toBe(true);
  });

  it("is not a sheet with a pending revision, another base revision, name or row", () => {
    const hash = stubsContentHash(request);
    expect(isUnchangedSheet(null, request, hash)).toBe(false);
    expect(
      isUnchangedSheet(
        { ...sheet, rowsPending: { token: "t", until: "2026-12-03T00:00:00.000Z" } },
        request,
        hash,
      ),
    ).toBe(false);
    expect(isUnchangedSheet(sheet, { ...request, baseRevision: 2 }, hash)).toBe(false);
    expect(isUnchangedSheet(sheet, { ...request, name: "Ops" }, hash)).toBe(false);
    const fewer = { ...request, rows: rows.slice(1) };
    expect(isUnchangedSheet(sheet, fewer, stubsContentHash(fewer))).toBe(false);
    // The same row twice is never the committed sheet (its IDs were unique): the schema's path answers it.
    const doubled = { ...request, rows: [...rows, rows[0]!] };
    expect(isUnchangedSheet(sheet, doubled, stubsContentHash(doubled))).toBe(false);
  });
});
