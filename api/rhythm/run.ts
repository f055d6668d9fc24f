// The weekly run: for each organisation whose day and hour have come (in its time zone), each owner's
// reminder, the leaders' digest and each team's chat post. Every delivery is claimed first with a
// conditional write keyed by organisation, week, kind and recipient: a second run, a retry or a second
// scheduler firing sends nothing twice. A delivery that fails is marked failed and tried again next run;
// one whose outcome is unknown (a crash between claim and send) stays claimed: at most once, never twice.
import { buildGraph } from "../../shared/graph.js";
import type { Person } from "../../shared/people.js";
import { buildDigest, checkInsDue, type DigestSnapshot, type DueItem } from "../../shared/rhythm.js";
import { dueWeek, localTime, weekAt } from "../../shared/week.js";
import { signToken } from "../auth/signed-token.js";
import { historyChanges } from "../history/since-review.js";
import type { Mailer, MailMessage } from "../mail/mailer.js";
import { liveSheetsWithUpdates } from "../read/index.js";
import type { DeliveryKind, OptOutKind, RhythmSettings, Store } from "../store/types.js";
import { digestMessage, type MessageContext, reminderMessage, webhookText } from "./compose.js";
import { postWebhook, webhookAllowed } from "./webhook.js";

export interface RhythmDeps {
  store: Store;
  mailer: Mailer | null;
  now: () => Date;
  /** Base URL of the API (links in messages: dashboard, unsubscribe). */
  publicUrl: string;
  webhookHosts: readonly string[];
  fetch?: typeof fetch;
}

export interface RunReport {
  orgId: string;
  week: string;
  sent: number;
  /** Already sent this week, unsubscribed, or nothing to say. */
  skipped: number;
  failed: number;
  problems: string[];
}

/** The scheduler's entry (hourly): every organisation whose weekly run is due now. */
export async function runDue(deps: RhythmDeps): Promise<RunReport[]> {
  const reports: RunReport[] = [];
  for (const orgId of await deps.store.listRhythmOrgs()) {
    const settings = await deps.store.getRhythmSettings(orgId);
    if (!settings?.enabled) continue;
    const week = dueWeek(settings.schedule, deps.now());
    if (week) reports.push(await runOrgWeek(deps, orgId, settings, week));
  }
  return reports;
}

/** "Send this week's now" (an admin's button): the current week, whatever the hour; still once per week. */
export async function runOrgNow(
  deps: RhythmDeps,
  orgId: string,
  settings: RhythmSettings,
): Promise<RunReport> {
  return runOrgWeek(deps, orgId, settings, weekAt(deps.now(), settings.schedule.timeZone).week);
}

/** The last digest's snapshot, and the one before it (a second run in the same week compares with that). */
type StoredSnapshot = DigestSnapshot & { before?: DigestSnapshot | null };

export async function runOrgWeek(
  deps: RhythmDeps,
  orgId: string,
  settings: RhythmSettings,
  week: string,
): Promise<RunReport> {
  const { store } = deps;
  const now = deps.now();
  const at = now.toISOString();
  const report: RunReport = { orgId, week, sent: 0, skipped: 0, failed: 0, problems: [] };
  const [people, loaded, optOuts, sheetUrls, webhooks, secret, stored] = await Promise.all([
    store.listPeople(orgId),
    liveSheetsWithUpdates(store, orgId),
    store.listOptOuts(orgId),
    store.listSheetUrls(orgId),
    store.listTeamWebhooks(orgId),
    store.orgSecret(orgId),
    store.getDigestSnapshot(orgId) as Promise<StoredSnapshot | null>,
  ]);
  const zone = settings.schedule.timeZone;
  const asOf = localTime(now, zone).date;
  const weekStartedAt = weekAt(now, zone).startedAt;
  const graph = buildGraph(loaded.sheets);
  const input = {
    graph,
    people,
    asOf,
    weekStartedAt,
    updates: loaded.lastUpdates,
    quietDays: settings.quietDays,
  };
  const dashboardUrl = `${deps.publicUrl}/dashboard`;
  const context = async (person: Person, kind: OptOutKind): Promise<MessageContext> => ({
    language: settings.language,
    week,
    quietDays: settings.quietDays,
    dashboardUrl,
    sheetUrls,
    unsubscribeUrl: `${dashboardUrl}/unsubscribe?t=${await signToken(orgId, secret, { e: person.email, k: kind })}`,
  });

  /** Claims, sends and records one delivery. */
  const deliver = async (kind: DeliveryKind, recipient: string, send: () => Promise<string>) => {
    if (!(await store.claimDelivery(orgId, week, kind, recipient, at))) {
      report.skipped++;
      return;
    }
    try {
      const detail = await send();
      await store.finishDelivery(orgId, { week, kind, recipient, status: "sent", at, detail });
      report.sent++;
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      await store.finishDelivery(orgId, { week, kind, recipient, status: "failed", at, detail });
      report.failed++;
      report.problems.push(`${kind} to ${recipient}: ${detail}`);
    }
  };
  const mail = async (message: MailMessage) => {
    if (!deps.mailer)
      throw new Error("no mail transport is configured (OKR_SMTP_URL or OKR_MAIL_TRANSPORT=ses)");
    return (await deps.mailer.send(message)).messageId;
  };

  // Owners: their key results and KPIs without a check-in this week.
  const due = checkInsDue(input);
  for (const person of people) {
    const items = due.get(person.email) ?? [];
    if (items.length === 0 || optOuts.get(person.email)?.has("reminder")) {
      report.skipped++;
      continue;
    }
    await deliver("reminder", person.email, async () =>
      mail(reminderMessage(person, items, await context(person, "reminder"))),
    );
  }

  // Leaders: the digest, compared with the last one before this week.
  const previous = stored ? (stored.week === week ? (stored.before ?? null) : stored) : null;
  const since = previous?.takenAt ?? new Date(Date.parse(weekStartedAt) - 7 * 86_400_000).toISOString();
  const comments = await store.listCommentsBetween(orgId, since, at);
  const changeSource = await historyChanges(store, orgId, since, at, zone, settings.quietDays);
  const { digest, snapshot } = buildDigest({
    ...input,
    week,
    takenAt: at,
    previous,
    comments,
    ...(changeSource ? { changeSource } : {}),
  });
  for (const leader of people.filter((person) => person.leader)) {
    if (optOuts.get(leader.email)?.has("digest")) {
      report.skipped++;
      continue;
    }
    await deliver("digest", leader.email, async () =>
      mail(digestMessage(leader, digest, await context(leader, "digest"))),
    );
  }
  const { before: _before, ...previousPlain } = (previous ?? {}) as StoredSnapshot;
  await store.putDigestSnapshot(orgId, {
    ...snapshot,
    before: previous ? (previousPlain as DigestSnapshot) : null,
  } as StoredSnapshot);

  // Teams: one post in their chat, when a webhook is set.
  const allDue = [...new Map([...due.values()].flat().map((item) => [item.id, item])).values()];
  for (const [team, url] of webhooks) {
    if (!webhookAllowed(url, deps.webhookHosts)) {
      report.failed++;
      report.problems.push(`webhook of ${team}: not an allowed address`);
      continue;
    }
    const teamDue: DueItem[] = allDue.filter((item) => item.team === team);
    const offTrack = Object.entries(snapshot.rows)
      .filter(([, row]) => row.team === team && row.status === "off_track")
      .map(([id, row]) => ({ id, title: row.title }));
    await deliver("webhook", team, async () => {
      await postWebhook(url, webhookText(team, teamDue, offTrack, week, settings.language), deps.fetch);
      return `${teamDue.length} due, ${offTrack.length} off track`;
    });
  }
  return report;
}
