// The cycles part of the Store on DynamoDB (see cycle-types.ts). Items in the organisation's partition:
//   CYCLEROW#<cycle>#<sheet>#<id>    a row kept as its cycle's record (JSON text: exact numbers, any ID)
//   VALUE#<id>#<at>#<sheet>          a value point from a sync (a new Current)
// and the latest check-in's value on the LASTCHECKIN#<kr> item the check-in writes (dynamo-store.ts).
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { OkrRow } from "../../shared/model.js";
import { batchWriteAll } from "./batch.js";
import type { CycleRecordRow, CycleStore, LatestCheckIn, ValuePoint } from "./cycle-types.js";
import { keyPart, LAST_CHECKIN_PREFIX, orgPk } from "./keys.js";

type Item = Record<string, unknown>;

export interface CycleStoreContext {
  client: DynamoDBDocumentClient;
  tableName: string;
  queryPrefix(PK: string, prefix: string): Promise<Item[]>;
  conditionalPut(item: Item, condition?: string, values?: Item): Promise<boolean>;
}

const CYCLE_ROW_PREFIX = "CYCLEROW#";
const cycleRowSk = (record: CycleRecordRow) =>
  `${CYCLE_ROW_PREFIX}${keyPart(record.cycle, 200)}#${keyPart(record.sheetId, 300)}#${keyPart(record.row.id, 300)}`;
const valuePrefix = (rowId: string) => `VALUE#${keyPart(rowId, 700)}#`;
const valueSk = (point: ValuePoint) =>
  `${valuePrefix(point.rowId)}${point.at}#${keyPart(point.sheetId, 200)}`;

/** Writes at once, at most this many in flight (each a conditional put: BatchWriteItem has no conditions). */
const PARALLEL_PUTS = 16;

export function createCycleStore(context: CycleStoreContext): CycleStore {
  const { client, tableName, queryPrefix, conditionalPut } = context;
  return {
    async putCycleRows(orgId, rows) {
      for (let i = 0; i < rows.length; i += PARALLEL_PUTS) {
        await Promise.all(
          rows.slice(i, i + PARALLEL_PUTS).map((record) =>
            conditionalPut(
              {
                PK: orgPk(orgId),
                SK: cycleRowSk(record),
                kind: "cycleRow",
                cycle: record.cycle,
                sheetId: record.sheetId,
                sheetName: record.sheetName,
                row: JSON.stringify(record.row),
                closed: record.closed,
                keptAt: record.keptAt,
              },
              // A closed record stays as it was closed.
              "attribute_not_exists(PK) OR closed = :open",
              { ":open": false },
            ),
          ),
        );
      }
    },

    async listCycleRows(orgId) {
      const items = await queryPrefix(orgPk(orgId), CYCLE_ROW_PREFIX);
      return items.map((item) => ({
        cycle: item.cycle as string,
        sheetId: item.sheetId as string,
        sheetName: (item.sheetName as string) ?? "",
        row: JSON.parse(item.row as string) as OkrRow,
        closed: item.closed === true,
        keptAt: item.keptAt as string,
      }));
    },

    async putValuePoints(orgId, points) {
      await batchWriteAll(
        client,
        tableName,
        points.map((point) => ({
          PutRequest: {
            Item: {
              PK: orgPk(orgId),
              SK: valueSk(point),
              kind: "valuePoint",
              // JSON text: every finite number exactly, as the contract allows.
              point: JSON.stringify(point),
            },
          },
        })),
      );
    },

    async listValuePoints(orgId, rowId) {
      const items = await queryPrefix(orgPk(orgId), valuePrefix(rowId));
      return items.map((item) => JSON.parse(item.point as string) as ValuePoint);
    },

    async latestCheckIns(orgId) {
      const items = await queryPrefix(orgPk(orgId), LAST_CHECKIN_PREFIX);
      const latest = new Map<string, LatestCheckIn>();
      for (const item of items) {
        if (typeof item.lastValue !== "string") continue;
        latest.set(item.krId as string, {
          at: item.lastAt as string,
          value: Number(item.lastValue),
          confidence:
            item.lastConfidence === null || item.lastConfidence === undefined
              ? null
              : Number(item.lastConfidence),
        });
      }
      return latest;
    },
  };
}
