import { marshall, unmarshall } from "@aws-sdk/util-dynamodb";
import { describe, expect, it } from "vitest";
import { rowHash } from "../../shared/contract.js";
import { OKR_ROW_FIELDS } from "../../shared/model.js";
import { keyResultRow } from "../../test/support/rows.js";
import { apiKeyCodec, rowCodec, StoredItemError, sessionCodec, sheetCodec } from "./codecs.js";
import type { StoredRow } from "./types.js";

const row = keyResultRow("KR-1", { target: 1e300, current: 0.1 + 0.2, confidence: 1e-200 });
const stored: StoredRow = { ...row, hash: rowHash(row), deleted: false, deletedAt: null, revision: 3 };

describe("store codecs", () => {
  it("read back what they write, numbers beyond DynamoDB's range included", () => {
    expect(rowCodec.toDomain(rowCodec.toPersistence("org", "sheet", stored))).toEqual(stored);
    const sheet = {
      sheetId: "S",
      name: "Sälj",
      revision: 2,
      updatedAt: null,
      contentHash: null,
      rowsPending: null,
    };
    expect(sheetCodec.toDomain(sheetCodec.toPersistence("org", sheet))).toEqual(sheet);
    const session = {
      orgId: "org",
      keyId: "",
      keyHash: "",
      csrfToken: "c",
      createdAt: "2026-12-01T10:00:00.000Z",
      expiresAt: "2026-12-02T10:00:00.000Z",
      endedAt: null,
      email: "ann@example.com",
    };
    expect(sessionCodec.toDomain(sessionCodec.toPersistence("hash", session))).toEqual(session);
  });

  it("read a row's fields back in one order, whatever the row holds, through the SDK's marshalling", () => {
    const full: StoredRow = {
      ...stored,
      type: "kpi",
      threshold: "at least 95",
      ownerStatus: "at_risk",
      current: 12.5,
      currentChangedAt: "2026-12-01T10:00:00.000Z",
      writtenAt: "2026-12-01T10:00:00.000Z",
      writtenBy: "key:K1",
    };
    for (const written of [stored, full, { ...full, deleted: true, deletedAt: "2026-12-02T10:00:00.000Z" }]) {
      const item = unmarshall(
        marshall(rowCodec.toPersistence("org", "sheet", written), { removeUndefinedValues: true }),
      );
      const read = rowCodec.toDomain(item);
      expect(read).toEqual(written);
      // the row's fields in the order they are hashed, then the store's
      const order = [
        ...OKR_ROW_FIELDS,
        "hash",
        "deleted",
        "deletedAt",
        "revision",
        "currentChangedAt",
        "writtenAt",
        "writtenBy",
      ];
      expect(Object.keys(read)).toEqual(order.filter((key) => key in written));
      expect("GSI1PK" in item).toBe(!written.deleted && written.type !== "kpi");
    }
  });

  it("keep the owner's word where set, and give rows stored without one none (not null)", () => {
    const said: StoredRow = {
      ...stored,
      ownerStatus: "off_track",
      hash: rowHash({ ...row, ownerStatus: "off_track" }),
    };
    const item = rowCodec.toPersistence("org", "sheet", said);
    expect((item.data as Record<string, unknown>).ownerStatus).toBe("off_track");
    expect(rowCodec.toDomain(item)).toEqual(said);
    // An item written before the owner's word was synced has no such attribute; one holding junk reads as none.
    const { ownerStatus: _none, ...oldData } = item.data as Record<string, unknown>;
    const old = rowCodec.toDomain({ ...item, data: oldData });
    expect("ownerStatus" in old).toBe(false);
    expect(rowHash(old)).toBe(rowHash(row));
    expect("ownerStatus" in rowCodec.toDomain({ ...item, data: { ...oldData, ownerStatus: "green" } })).toBe(
      false,
    );
  });

  it("refuse an item whose required attribute is of another kind, naming the item and the attribute", () => {
    const key = apiKeyCodec.toPersistence({
      id: "K",
      orgId: "org",
      role: "admin",
      sheetId: null,
      label: "",
      hash: "h",
      createdAt: "2026-12-01T10:00:00.000Z",
      revokedAt: null,
    });
    const read = () => apiKeyCodec.toDomain({ ...key, PK: "KEY#h", SK: "KEY", role: "owner" });
    expect(read).toThrow(StoredItemError);
    expect(read).toThrow("Stored item KEY#h / KEY: role is not one of admin, writer, reader");
    expect(() => rowCodec.toDomain({ PK: "ORG#o", SK: "ROW", data: "x" })).toThrow("data is not a map");
  });
});
