// The rhythm part of the Store on DynamoDB (see rhythm-types.ts). Items, all in the organisation's partition
// ORG#<org> unless said:
//   PERSON#<email>                       a person (removedAt set when taken off the list)
//   RHYTHM                               the rhythm's settings;  RHYTHMORGS / <org>: the scheduler's list
//   SECRET                               the organisation's random secret for signed links
//   SHEETURL#<sheet>, TEAMHOOK#<team>    a sheet's spreadsheet URL, a team's webhook
//   DELIVERY#<week>#<kind>#<recipient>   one reminder, digest or webhook post of one week (conditional claim)
//   OPTOUT#<email>#<kind>                an unsubscribe
//   DIGEST                               the last digest's snapshot (gzipped JSON)
//   COMMENT#<target>#<at>#<id>           a comment (GSI1: ORG#<org>#COMMENTS, sorted by time)
//   REVIEW#<cycle>#<team>                a team's review request;  REVIEWVERDICT#<cycle>#<team>#<round>#<email>
// and, outside organisations: PERSONORGS#<email> / ORG#<org> (which organisations list an address),
// SIGNINLINK#<sha256> (one-time sign-in links), LOGIN#<sha256> (OIDC sign-ins under way), with TTL expiresAt.
import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import { type DynamoDBDocumentClient, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Comment } from "../../shared/comments.js";
import type { Language } from "../../shared/model.js";
import type { Person, PersonRole } from "../../shared/people.js";
import type { ReviewDecision, ReviewRequest, ReviewVerdict } from "../../shared/review.js";
import type { DigestSnapshot } from "../../shared/rhythm.js";
import { queryAll } from "./batch.js";
import { keyPart, orgPk } from "./keys.js";
import type {
  DeliveryRecord,
  LoginAttemptRecord,
  OptOutKind,
  RhythmSettings,
  RhythmStore,
  SignInLinkRecord,
} from "./rhythm-types.js";

type Item = Record<string, unknown>;

export interface RhythmStoreContext {
  client: DynamoDBDocumentClient;
  tableName: string;
  indexName: string;
  get(PK: string, SK: string): Promise<Item | null>;
  queryPrefix(PK: string, prefix: string): Promise<Item[]>;
  conditionalPut(
    item: Item,
    condition?: string,
    values?: Item,
    names?: Record<string, string>,
  ): Promise<boolean>;
  isConditionFailure(error: unknown): boolean;
}

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

const p = (text: string) => keyPart(text, 300);
const personSk = (email: string) => `PERSON#${p(email)}`;
const personOrgsPk = (email: string) => `PERSONORGS#${p(email)}`;
const RHYTHM_SK = "RHYTHM";
const RHYTHM_ORGS_PK = "RHYTHMORGS";
const SECRET_SK = "SECRET";
const DIGEST_SK = "DIGEST";
const sheetUrlSk = (sheetId: string) => `SHEETURL#${keyPart(sheetId, 900)}`;
const teamHookSk = (team: string) => `TEAMHOOK#${p(team)}`;
const deliverySk = (week: string, kind: string, recipient: string) =>
  `DELIVERY#${p(week)}#${kind}#${p(recipient)}`;
const optOutSk = (email: string, kind: string) => `OPTOUT#${p(email)}#${kind}`;
const commentPrefix = (targetId: string) => `COMMENT#${keyPart(targetId, 800)}#`;
const commentsGsiPk = (orgId: string) => `${orgPk(orgId)}#COMMENTS`;
const reviewPrefix = (cycle: string) => `REVIEW#${p(cycle)}#`;
const reviewSk = (cycle: string, team: string) => `${reviewPrefix(cycle)}${p(team)}`;
const verdictPrefix = (cycle: string, team: string | null) =>
  `REVIEWVERDICT#${p(cycle)}#${team === null ? "" : `${p(team)}#`}`;
const verdictSk = (verdict: ReviewVerdict) =>
  `${verdictPrefix(verdict.cycle, verdict.team)}${String(verdict.round).padStart(4, "0")}#${p(verdict.reviewerEmail)}`;

const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

function personFrom(item: Item): Person {
  return {
    email: item.email as string,
    name: (item.name as string) ?? "",
    team: (item.team as string) ?? "",
    role: (item.role as PersonRole) ?? "reader",
    leader: item.leader === true,
  };
}

function commentFrom(item: Item): Comment {
  return {
    id: item.commentId as string,
    targetId: item.targetId as string,
    parentId: (item.parentId as string | null) ?? null,
    text: item.text as string,
    authorName: (item.authorName as string) ?? "",
    authorEmail: (item.authorEmail as string) ?? "",
    at: item.at as string,
    source: (item.source as Comment["source"]) ?? "dashboard",
    sheetId: (item.sheetId as string | null) ?? null,
  };
}

function requestFrom(item: Item): ReviewRequest {
  return {
    team: item.team as string,
    cycle: item.cycle as string,
    round: Number(item.round),
    requestedAt: item.requestedAt as string,
    requestedBy: item.requestedBy as string,
  };
}

function verdictFrom(item: Item): ReviewVerdict {
  return {
    team: item.team as string,
    cycle: item.cycle as string,
    round: Number(item.round),
    reviewerEmail: item.reviewerEmail as string,
    reviewerName: (item.reviewerName as string) ?? "",
    decision: item.decision as ReviewDecision,
    at: item.at as string,
  };
}

function deliveryFrom(item: Item): DeliveryRecord {
  return {
    week: item.week as string,
    kind: item.deliveryKind as DeliveryRecord["kind"],
    recipient: item.recipient as string,
    status: item.status as DeliveryRecord["status"],
    at: item.at as string,
    detail: (item.detail as string) ?? "",
  };
}

export function createRhythmStore(ctx: RhythmStoreContext): RhythmStore {
  const { client, tableName } = ctx;
  const put = (Item: Item) => client.send(new PutCommand({ TableName: tableName, Item }));

  /** Marks a one-time item used; the item as it was when that succeeded, else null. */
  const useOnce = async (PK: string, SK: string, at: string): Promise<Item | null> => {
    try {
      const result = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { PK, SK },
          UpdateExpression: "SET usedAt = :at",
          ConditionExpression: "attribute_exists(PK) AND attribute_not_exists(usedAt) AND expiresIso > :at",
          ExpressionAttributeValues: { ":at": at },
          ReturnValues: "ALL_OLD",
        }),
      );
      return (result.Attributes as Item | undefined) ?? null;
    } catch (error) {
      if (ctx.isConditionFailure(error)) return null;
      throw error;
    }
  };

  return {
    async listPeople(orgId) {
      const items = await ctx.queryPrefix(orgPk(orgId), "PERSON#");
      return items
        .filter((item) => !item.removedAt)
        .map(personFrom)
        .sort((a, b) => a.name.localeCompare(b.name) || (a.email < b.email ? -1 : 1));
    },

    async getPerson(orgId, email) {
      const item = await ctx.get(orgPk(orgId), personSk(email));
      return item && !item.removedAt ? personFrom(item) : null;
    },

    async putPerson(orgId, person, at) {
      // The address's lookup first, so a listed person can always sign in.
      await put({
        PK: personOrgsPk(person.email),
        SK: orgPk(orgId),
        kind: "personOrg",
        orgId,
        email: person.email,
      });
      await put({ PK: orgPk(orgId), SK: personSk(person.email), kind: "person", ...person, updatedAt: at });
    },

    async removePerson(orgId, email, at) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { PK: orgPk(orgId), SK: personSk(email) },
            UpdateExpression: "SET removedAt = :at",
            ConditionExpression: "attribute_exists(PK) AND attribute_not_exists(removedAt)",
            ExpressionAttributeValues: { ":at": at },
          }),
        );
      } catch (error) {
        if (ctx.isConditionFailure(error)) return false;
        throw error;
      }
      // The lookup item stays; sign-in reads the person item, which now says removed.
      return true;
    },

    async findPersonOrgs(email) {
      const items = await ctx.queryPrefix(personOrgsPk(email), "ORG#");
      return items.map((item) => item.orgId as string);
    },

    async putSignInLink(tokenHash, link) {
      await put({
        PK: `SIGNINLINK#${tokenHash}`,
        SK: "LINK",
        kind: "signInLink",
        orgId: link.orgId,
        email: link.email,
        createdAt: link.createdAt,
        expiresIso: link.expiresAt,
        expiresAt: epochSeconds(link.expiresAt),
      });
    },

    async useSignInLink(tokenHash, at) {
      const item = await useOnce(`SIGNINLINK#${tokenHash}`, "LINK", at);
      if (!item) return null;
      return {
        orgId: item.orgId as string,
        email: item.email as string,
        createdAt: item.createdAt as string,
        expiresAt: item.expiresIso as string,
        usedAt: at,
      } satisfies SignInLinkRecord;
    },

    async putLoginAttempt(attemptHash, attempt) {
      const { expiresAt, ...rest } = attempt;
      await put({
        PK: `LOGIN#${attemptHash}`,
        SK: "LOGIN",
        kind: "loginAttempt",
        ...rest,
        expiresIso: expiresAt,
        expiresAt: epochSeconds(expiresAt),
      });
    },

    async takeLoginAttempt(attemptHash, at) {
      const item = await useOnce(`LOGIN#${attemptHash}`, "LOGIN", at);
      if (!item) return null;
      return {
        state: item.state as string,
        nonce: item.nonce as string,
        codeVerifier: item.codeVerifier as string,
        next: item.next as string,
        orgId: (item.orgId as string | null) ?? null,
        createdAt: item.createdAt as string,
        expiresAt: item.expiresIso as string,
      } satisfies LoginAttemptRecord;
    },

    async orgSecret(orgId) {
      const existing = await ctx.get(orgPk(orgId), SECRET_SK);
      if (existing) return existing.secret as string;
      const secret = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
      // The first writer's secret wins, so two first uses at once still agree.
      if (await ctx.conditionalPut({ PK: orgPk(orgId), SK: SECRET_SK, kind: "secret", secret }))
        return secret;
      return (await ctx.get(orgPk(orgId), SECRET_SK))!.secret as string;
    },

    async getRhythmSettings(orgId) {
      const item = await ctx.get(orgPk(orgId), RHYTHM_SK);
      if (!item) return null;
      return {
        enabled: item.enabled === true,
        schedule: {
          day: Number(item.day),
          hour: Number(item.hour),
          timeZone: item.timeZone as string,
        },
        quietDays: Number(item.quietDays ?? 14),
        language: (item.language as Language | undefined) ?? "en",
      } satisfies RhythmSettings;
    },

    async putRhythmSettings(orgId, settings) {
      await put({ PK: RHYTHM_ORGS_PK, SK: orgPk(orgId), kind: "rhythmOrg", orgId });
      await put({
        PK: orgPk(orgId),
        SK: RHYTHM_SK,
        kind: "rhythm",
        enabled: settings.enabled,
        ...settings.schedule,
        quietDays: settings.quietDays,
        language: settings.language,
      });
    },

    async listRhythmOrgs() {
      const items = await ctx.queryPrefix(RHYTHM_ORGS_PK, "ORG#");
      return items.map((item) => item.orgId as string);
    },

    async listSheetUrls(orgId) {
      const items = await ctx.queryPrefix(orgPk(orgId), "SHEETURL#");
      return new Map(items.map((item) => [item.sheetId as string, item.url as string]));
    },

    async putSheetUrl(orgId, sheetId, url) {
      await put({ PK: orgPk(orgId), SK: sheetUrlSk(sheetId), kind: "sheetUrl", sheetId, url });
    },

    async listTeamWebhooks(orgId) {
      const items = await ctx.queryPrefix(orgPk(orgId), "TEAMHOOK#");
      return new Map(
        items.filter((item) => item.url).map((item) => [item.team as string, item.url as string]),
      );
    },

    async putTeamWebhook(orgId, team, url) {
      await put({ PK: orgPk(orgId), SK: teamHookSk(team), kind: "teamWebhook", team, url });
    },

    async claimDelivery(orgId, week, kind, recipient, at) {
      return ctx.conditionalPut(
        {
          PK: orgPk(orgId),
          SK: deliverySk(week, kind, recipient),
          kind: "delivery",
          week,
          deliveryKind: kind,
          recipient,
          status: "sending",
          at,
          detail: "",
        },
        "attribute_not_exists(PK) OR #status = :failed",
        { ":failed": "failed" },
        { "#status": "status" },
      );
    },

    async finishDelivery(orgId, delivery) {
      await put({
        PK: orgPk(orgId),
        SK: deliverySk(delivery.week, delivery.kind, delivery.recipient),
        kind: "delivery",
        week: delivery.week,
        deliveryKind: delivery.kind,
        recipient: delivery.recipient,
        status: delivery.status,
        at: delivery.at,
        detail: delivery.detail.slice(0, 1000),
      });
    },

    async listDeliveries(orgId, week) {
      const items = await ctx.queryPrefix(orgPk(orgId), `DELIVERY#${p(week)}#`);
      return items.map(deliveryFrom);
    },

    async putOptOut(orgId, email, kind, at) {
      await put({ PK: orgPk(orgId), SK: optOutSk(email, kind), kind: "optOut", email, optOut: kind, at });
    },

    async listOptOuts(orgId) {
      const items = await ctx.queryPrefix(orgPk(orgId), "OPTOUT#");
      const map = new Map<string, Set<OptOutKind>>();
      for (const item of items) {
        const email = item.email as string;
        const set = map.get(email) ?? new Set<OptOutKind>();
        set.add(item.optOut as OptOutKind);
        map.set(email, set);
      }
      return map;
    },

    async getDigestSnapshot(orgId) {
      const item = await ctx.get(orgPk(orgId), DIGEST_SK);
      if (!item) return null;
      return JSON.parse((await gunzipAsync(item.snapshot as Uint8Array)).toString("utf8")) as DigestSnapshot;
    },

    async putDigestSnapshot(orgId, snapshot) {
      // One item holds 400 KB: gzipped, a snapshot of some 20,000 key results fits.
      const gzipped = await gzipAsync(JSON.stringify(snapshot));
      await put({ PK: orgPk(orgId), SK: DIGEST_SK, kind: "digest", week: snapshot.week, snapshot: gzipped });
    },

    async putComment(orgId, comment) {
      await put({
        PK: orgPk(orgId),
        SK: `${commentPrefix(comment.targetId)}${comment.at}#${comment.id}`,
        kind: "comment",
        commentId: comment.id,
        targetId: comment.targetId,
        parentId: comment.parentId,
        text: comment.text,
        authorName: comment.authorName,
        authorEmail: comment.authorEmail,
        at: comment.at,
        source: comment.source,
        sheetId: comment.sheetId,
        GSI1PK: commentsGsiPk(orgId),
        GSI1SK: `${comment.at}#${comment.id}`,
      });
    },

    async listComments(orgId, targetId) {
      return (await ctx.queryPrefix(orgPk(orgId), commentPrefix(targetId))).map(commentFrom);
    },

    async listCommentsBetween(orgId, since, until) {
      const items = await queryAll<Item>(client, {
        TableName: tableName,
        IndexName: ctx.indexName,
        KeyConditionExpression: "GSI1PK = :pk AND GSI1SK BETWEEN :since AND :until",
        // "#" sorts before every digit: "<until>#" is below any comment made at `until`.
        ExpressionAttributeValues: { ":pk": commentsGsiPk(orgId), ":since": since, ":until": `${until}#` },
      });
      return items.map(commentFrom).filter((comment) => comment.at >= since && comment.at < until);
    },

    async putReviewRequest(orgId, request) {
      await put({
        PK: orgPk(orgId),
        SK: reviewSk(request.cycle, request.team),
        kind: "reviewRequest",
        ...request,
      });
    },

    async getReviewRequest(orgId, team, cycle) {
      const item = await ctx.get(orgPk(orgId), reviewSk(cycle, team));
      return item ? requestFrom(item) : null;
    },

    async listReviewRequests(orgId, cycle) {
      return (await ctx.queryPrefix(orgPk(orgId), reviewPrefix(cycle))).map(requestFrom);
    },

    async putReviewVerdict(orgId, verdict) {
      await put({ PK: orgPk(orgId), SK: verdictSk(verdict), kind: "reviewVerdict", ...verdict });
    },

    async listReviewVerdicts(orgId, cycle, team) {
      return (await ctx.queryPrefix(orgPk(orgId), verdictPrefix(cycle, team))).map(verdictFrom);
    },
  };
}
