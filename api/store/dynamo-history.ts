// The history part of the Store on DynamoDB (see history-types.ts). Items, in the organisation's partition ORG#<org>:
//   HIST#<sheet>#R#<row>#<revision>   the version of a row held at that revision (the row item as it was,
//                                     never in the index of linkable rows); written before the row is replaced
//   MEETING#<team>#<at>               a review meeting held ("" team: the organisation's)
// A version's key is its sheet, row and revision, and what a row held at a revision does not change: writing it
// again (a sync retried after a crash) replaces the item with the same content. Nothing here is ever updated.
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { batchWriteAll, type RetryOptions } from "./batch.js";
import { checkInCodec, type Item, rowCodec } from "./codecs.js";
import type { HistoryStore, ReviewMeeting, RowVersion } from "./history-types.js";
import { keyPart, orgPk } from "./keys.js";

export interface HistoryStoreContext {
  client: DynamoDBDocumentClient;
  tableName: string;
  queryPrefix(PK: string, prefix: string): Promise<Item[]>;
  retry?: RetryOptions | undefined;
}

const HISTORY_PREFIX = "HIST#";
const SORT_KEY_MAX = 1_024;
/** Ten digits: revisions sort as numbers (a sheet synced every minute for 19,000 years). */
const revisionPart = (revision: number) => String(revision).padStart(10, "0");
const historySheetPrefix = (sheetId: string) => `${HISTORY_PREFIX}${keyPart(sheetId, 600)}#R#`;
export const historySk = (sheetId: string, rowId: string, revision: number) => {
  const prefix = historySheetPrefix(sheetId);
  return `${prefix}${keyPart(rowId, SORT_KEY_MAX - prefix.length - 11)}#${revisionPart(revision)}`;
};
const meetingPrefix = (team: string) => `MEETING#${keyPart(team, 300)}#`;

export function createHistoryStore(context: HistoryStoreContext): HistoryStore {
  const { client, tableName, queryPrefix } = context;
  // A version is stored exactly as its row was (the row codec), under its own key.
  const versionFromItem = (item: Item): RowVersion => ({
    ...rowCodec.toDomain(item),
    sheetId: item.sheetId as string,
  });

  return {
    async keepRowVersions(orgId, sheetId, versions, options = {}) {
      if (versions.length === 0) return;
      const requests = versions.map((version) => {
        // The row item as it is, under the version's key and out of the index of linkable rows.
        const { GSI1PK: _pk, GSI1SK: _sk, ...item } = rowCodec.toPersistence(orgId, sheetId, version);
        return {
          PutRequest: {
            Item: { ...item, SK: historySk(sheetId, version.id, version.revision), kind: "rowVersion" },
          },
        };
      });
      await batchWriteAll(client, tableName, requests, {
        ...context.retry,
        ...(options.beforeBatch ? { beforeChunk: options.beforeBatch } : {}),
      });
    },

    async listRowVersions(orgId, sheetId) {
      const prefix = sheetId === undefined ? HISTORY_PREFIX : historySheetPrefix(sheetId);
      const items = await queryPrefix(orgPk(orgId), prefix);
      return items.filter((item) => item.kind === "rowVersion").map(versionFromItem);
    },

    async listCheckInsBetween(orgId, since, until) {
      // Every check-in of the organisation, kept by key result: read whole, then cut to the window.
      const items = await queryPrefix(orgPk(orgId), "CHECKIN#");
      return items
        .filter((item) => item.kind === "checkIn" && String(item.at) >= since && String(item.at) < until)
        .map(checkInCodec.toDomain)
        .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    },

    async putReviewMeeting(orgId, meeting) {
      const item: Item = {
        PK: orgPk(orgId),
        SK: `${meetingPrefix(meeting.team)}${meeting.at}`,
        kind: "reviewMeeting",
        ...meeting,
      };
      await client.send(new PutCommand({ TableName: tableName, Item: item }));
    },

    async listReviewMeetings(orgId, team) {
      const items = await queryPrefix(orgPk(orgId), meetingPrefix(team));
      return items
        .map(
          (item): ReviewMeeting => ({
            team: item.team as string,
            at: item.at as string,
            by: item.by as string,
          }),
        )
        .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    },
  };
}
