import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keyResultRow } from "../test/support/rows.js";
import {
  CreateKeyRequestSchema,
  canonicalRowJson,
  fnv1a64,
  fnv1a64Bytes,
  isRowStub,
  rowHash,
  SyncRequestSchema,
  sheetContentHash,
} from "./contract.js";
import type { OkrRow } from "./model.js";

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

function sampleRow(overrides: Partial<OkrRow> = {}): OkrRow {
  return keyResultRow("KR-1", {
    title: "Grow revenue",
    owner: "Åsa",
    current: 40,
    unit: "kSEK",
    confidence: 0.7,
    row: 3,
    ...overrides,
  });
}

describe("fnv1a64Bytes", () => {
  it("matches the published FNV-1a 64 test vectors", () => {
    expect(fnv1a64Bytes([])).toBe("cbf29ce484222325");
    expect(fnv1a64Bytes(ascii("a"))).toBe("af63dc4c8601ec8c");
    expect(fnv1a64Bytes(ascii("foobar"))).toBe("85944171f73967e8");
  });

  it("matches a BigInt reference implementation on random bytes", () => {
    const reference = (bytes: number[]) => {
      let h = 0xcbf29ce484222325n;
      for (const b of bytes) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
      return h.toString(16).padStart(16, "0");
    };
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 }), (bytes) => {
        expect(fnv1a64Bytes(bytes)).toBe(reference(bytes));
      }),
    );
  });

  it("is what fnv1a64 computes over a string's UTF-16 code units, two little-endian bytes each (inlined there)", () => {
    const utf16le = (text: string) =>
      [...Array(text.length).keys()].flatMap((i) => [text.charCodeAt(i) & 0xff, text.charCodeAt(i) >>> 8]);
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 80 }), (text) => {
        expect(fnv1a64(text)).toBe(fnv1a64Bytes(utf16le(text)));
      }),
      { numRuns: 500 },
    );
  });
});

describe("rowHash", () => {
  it("is 16 hex digits and stable for the same content", () => {
    const hash = rowHash(sampleRow());
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(rowHash(sampleRow())).toBe(hash);
  });

  it("ignores property order and extra properties (canonical field order)", () => {
    const row = sampleRow();
    const reordered = Object.fromEntries(Object.entries(row).reverse()) as unknown as OkrRow;
    expect(rowHash(reordered)).toBe(rowHash(row));
    expect(rowHash({ ...row, hash: "x" } as OkrRow)).toBe(rowHash(row));
  });

  it("changes when any field changes, including text in other scripts", () => {
    const base = rowHash(sampleRow());
    expect(rowHash(sampleRow({ current: 41 }))).not.toBe(base);
    expect(rowHash(sampleRow({ owner: "Asa" }))).not.toBe(base);
    expect(rowHash(sampleRow({ notes: " " }))).not.toBe(base);
    expect(rowHash(sampleRow({ row: 4 }))).not.toBe(base);
    expect(rowHash(sampleRow({ contributesTo: ["O-9"] }))).not.toBe(base);
    expect(rowHash(sampleRow({ target: null }))).not.toBe(base);
  });

  it("keeps null and empty string apart", () => {
    expect(canonicalRowJson(sampleRow({ objectiveId: null }))).not.toBe(
      canonicalRowJson(sampleRow({ objectiveId: "" })),
    );
  });
});

describe("SyncRequestSchema", () => {
  it("accepts full rows and {id, hash} stubs and tells them apart", () => {
    const row = sampleRow();
    const parsed = SyncRequestSchema.parse({
      baseRevision: 2,
      rows: [
        { ...row, hash: rowHash(row) },
        { id: "KR-2", hash: "0123456789abcdef" },
      ],
    });
    expect(parsed.name).toBe("");
    expect(parsed.rows.map(isRowStub)).toEqual([false, true]);
  });

  it("rejects a row with a wrong type and names the path", () => {
    const row = { ...sampleRow(), target: "abc", hash: "0123456789abcdef" };
    const result = SyncRequestSchema.safeParse({ baseRevision: 0, rows: [row] });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain("rows");
  });

  it("carries the owner's word where set and refuses a word that is no status, naming the path", () => {
    const said = sampleRow({ ownerStatus: "at_risk" });
    const parsed = SyncRequestSchema.parse({ baseRevision: 0, rows: [{ ...said, hash: rowHash(said) }] });
    expect(parsed.rows[0]).toMatchObject({ ownerStatus: "at_risk", hash: rowHash(said) });
    // A row without one reads back without one (not null): its hash is the one computed without the field.
    const silent = SyncRequestSchema.parse({
      baseRevision: 0,
      rows: [{ ...sampleRow(), hash: rowHash(sampleRow()) }],
    });
    expect("ownerStatus" in silent.rows[0]!).toBe(false);
    const result = SyncRequestSchema.safeParse({
      baseRevision: 0,
      rows: [{ ...sampleRow(), ownerStatus: "Green", hash: "0123456789abcdef" }],
    });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('"path":["ownerStatus"]');
  });

  it("rejects a stub with extra fields and a negative revision", () => {
    expect(
      SyncRequestSchema.safeParse({
        baseRevision: 0,
        rows: [{ id: "a", hash: "0123456789abcdef", title: 1 }],
      }).success,
    ).toBe(false);
    expect(SyncRequestSchema.safeParse({ baseRevision: -1, rows: [] }).success).toBe(false);
  });
});

describe("CreateKeyRequestSchema", () => {
  it("binds writers to a sheet and readers to none", () => {
    expect(CreateKeyRequestSchema.safeParse({ role: "writer", sheetId: "s1" }).success).toBe(true);
    expect(CreateKeyRequestSchema.safeParse({ role: "writer" }).success).toBe(false);
    expect(CreateKeyRequestSchema.safeParse({ role: "reader" }).success).toBe(true);
    expect(CreateKeyRequestSchema.safeParse({ role: "reader", sheetId: "s1" }).success).toBe(false);
    expect(CreateKeyRequestSchema.safeParse({ role: "admin" }).success).toBe(false);
  });
});

describe("sheetContentHash", () => {
  it("depends on the rows' IDs and hashes, not on their order", () => {
    const a = { id: "a", hash: "0000000000000001" };
    const b = { id: "b", hash: "0000000000000002" };
    expect(sheetContentHash([a, b])).toBe(sheetContentHash([b, a]));
    expect(sheetContentHash([a, b])).not.toBe(sheetContentHash([a, { ...b, hash: "0000000000000003" }]));
    expect(sheetContentHash([a, b])).not.toBe(sheetContentHash([a]));
  });

  it("cannot be forged by IDs holding the characters that once separated the pairs", () => {
    const h1 = "0000000000000001";
    const h2 = "0000000000000002";
    // Joined as "id<TAB>hash" lines these two made the same text: "x<TAB>h1<LF>y<TAB>h2".
    const two = [
      { id: "x", hash: h1 },
      { id: "y", hash: h2 },
    ];
    const one = [{ id: `x\t${h1}\ny`, hash: h2 }];
    expect(sheetContentHash(one)).not.toBe(sheetContentHash(two));
    // nor by IDs that end in what looks like a length prefix or a hash
    expect(sheetContentHash([{ id: `a1:${h1}`, hash: h2 }])).not.toBe(
      sheetContentHash([
        { id: "a", hash: h1 },
        { id: "", hash: h2 },
      ]),
    );
  });
});
