// Idempotency-Key storage on DynamoDB: a reservation (who holds the key, until when) and, once the request is
// answered, the answer itself. Items in the organisation's partition: IDEM#<key> (the reservation, then the
// answer) and IDEM#<key>#PART#<parts id>#<n> (a large answer's gzipped parts), all with TTL expiresAt.
import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import { attribute, type Item } from "./codecs.js";
import * as k from "./keys.js";
import type { Store } from "./types.js";

/** What the idempotency storage needs of the table (the main store's helpers). */
export interface IdempotencyStoreContext {
  get(PK: string, SK: string): Promise<Item | null>;
  queryPrefix(PK: string, prefix: string): Promise<Item[]>;
  conditionalPut(item: Item, condition?: string, values?: Item): Promise<boolean>;
  conditionalUpdate(Key: Item, update: string, condition: string, values: Item): Promise<boolean>;
  batchWrite(requests: { PutRequest: { Item: Item } }[]): Promise<void>;
}

export type IdempotencyStore = Pick<
  Store,
  "getIdempotency" | "reserveIdempotency" | "renewIdempotency" | "releaseIdempotency" | "putIdempotency"
>;

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

// A DynamoDB item holds at most 400 KB (names and values). Stored answers can be larger (a
// 5,000-row sync answers ~1 MB), so: small ones as text, larger ones gzipped, and gzipped ones
// still too big for one item split into parts written before the item that points to them.
/** Answers up to this many characters are kept as plain text. */
export const IDEMPOTENCY_TEXT_MAX = 16 * 1024;
/** Largest gzipped answer kept inside the idempotency item itself, and the size of each part. */
export const IDEMPOTENCY_PART_BYTES = 300 * 1024;

/** The lease of a released Idempotency-Key reservation: lapsed before any time a request can have. */
const RELEASED = "1970-01-01T00:00:00.000Z";

/** A day, in seconds: how long a key and its answer are kept for retries (the table's TTL removes them). */
const KEPT_SECONDS = 86_400;

export function createIdempotencyStore(table: IdempotencyStoreContext): IdempotencyStore {
  const { get, queryPrefix, conditionalPut, conditionalUpdate } = table;
  return {
    async getIdempotency(orgId, key) {
      const item = await get(k.orgPk(orgId), k.idempotencySk(key));
      if (!item) return null;
      if (typeof item.reservationToken === "string")
        return {
          fingerprint: attribute.text(item, "fingerprint"),
          token: item.reservationToken,
          createdAt: attribute.text(item, "createdAt"),
          leaseUntil: attribute.text(item, "reservedUntil"),
        };
      let body: string;
      if (typeof item.body === "string") body = item.body;
      else {
        const parts = Number(item.parts ?? 0);
        let gzipped: Uint8Array;
        if (parts === 0) gzipped = attribute.bytes(item, "bodyGzip");
        else {
          const partItems = await queryPrefix(
            k.orgPk(orgId),
            k.idempotencyPartPrefix(key, attribute.text(item, "partsId")),
          );
          if (partItems.length !== parts)
            throw new Error(`Idempotency answer has ${partItems.length} of ${parts} parts`);
          gzipped = Buffer.concat(partItems.map((part) => attribute.bytes(part, "bodyGzip")));
        }
        body = (await gunzipAsync(gzipped)).toString("utf8");
      }
      return {
        fingerprint: attribute.text(item, "fingerprint"),
        status: Number(item.status),
        body,
        createdAt: attribute.text(item, "createdAt"),
      };
    },

    async reserveIdempotency(orgId, key, reservation, now) {
      return conditionalPut(
        {
          PK: k.orgPk(orgId),
          SK: k.idempotencySk(key),
          kind: "idempotency",
          fingerprint: reservation.fingerprint,
          reservationToken: reservation.token,
          reservedUntil: reservation.leaseUntil,
          createdAt: reservation.createdAt,
          expiresAt: Math.floor(Date.parse(reservation.createdAt) / 1000) + KEPT_SECONDS,
        },
        // Free, or held by a request whose lease lapsed (it crashed): ISO times compare as text.
        "attribute_not_exists(PK) OR (attribute_exists(reservationToken) AND reservedUntil < :now)",
        { ":now": now },
      );
    },

    async renewIdempotency(orgId, key, token, leaseUntil) {
      return conditionalUpdate(
        { PK: k.orgPk(orgId), SK: k.idempotencySk(key) },
        "SET reservedUntil = :until",
        "reservationToken = :token",
        { ":until": leaseUntil, ":token": token },
      );
    },

    async releaseIdempotency(orgId, key, token) {
      // Not deleted (the API never deletes items; its IAM policy has no DeleteItem): the lease is ended, so
      // the key is as free as an unknown one, and its TTL removes the item later.
      await conditionalUpdate(
        { PK: k.orgPk(orgId), SK: k.idempotencySk(key) },
        "SET reservedUntil = :released",
        "reservationToken = :token",
        { ":released": RELEASED, ":token": token },
      );
    },

    async putIdempotency(orgId, key, record, token) {
      // expiresAt: epoch seconds, for a DynamoDB TTL on the table (a day is plenty for retries).
      const expiresAt = Math.floor(Date.parse(record.createdAt) / 1000) + KEPT_SECONDS;
      // With a token: only over our own reservation. Without: only when the key is free.
      const store = (item: Item) =>
        token === undefined
          ? conditionalPut(item)
          : conditionalPut(item, "reservationToken = :token", { ":token": token });
      const { body, ...rest } = record;
      const head: Item = {
        PK: k.orgPk(orgId),
        SK: k.idempotencySk(key),
        kind: "idempotency",
        ...rest,
        expiresAt,
      };
      if (body.length <= IDEMPOTENCY_TEXT_MAX) return store({ ...head, body });
      const gzipped = await gzipAsync(body);
      if (gzipped.length <= IDEMPOTENCY_PART_BYTES) return store({ ...head, bodyGzip: gzipped });
      // Parts first, under a fresh ID, so the item that names them is only ever seen complete;
      // parts of a losing racer are never read and expire with their TTL.
      const partsId = crypto.randomUUID();
      const requests = [];
      for (let i = 0, n = 0; i < gzipped.length; i += IDEMPOTENCY_PART_BYTES, n++) {
        requests.push({
          PutRequest: {
            Item: {
              PK: k.orgPk(orgId),
              SK: k.idempotencyPartSk(key, partsId, n),
              kind: "idempotencyPart",
              bodyGzip: gzipped.subarray(i, i + IDEMPOTENCY_PART_BYTES),
              expiresAt,
            },
          },
        });
      }
      await table.batchWrite(requests);
      return store({ ...head, parts: requests.length, partsId });
    },
  };
}
