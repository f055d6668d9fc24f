// The weekly messages as text and HTML: an owner's reminder, the leaders' digest, a team's chat post.
// Every piece of sheet text (titles, names, comments) is escaped for HTML; the plain-text part carries the
// same content for clients that show no HTML.
import type { Language } from "../../shared/model.js";
import type { Person } from "../../shared/people.js";
import type { Digest, DigestChange, DueItem } from "../../shared/rhythm.js";
import type { MailMessage } from "../mail/mailer.js";
import { type MessageWords, messageWords } from "./words.js";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const LOCALES: Record<Language, string> = { en: "en-GB", sv: "sv-SE", nb: "nb-NO" };

function numberText(language: Language, value: number | null, unit = ""): string {
  if (value === null) return "–";
  const text = new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 2 }).format(
    unit === "%" ? value * 100 : value,
  );
  return unit ? `${text}${unit === "%" ? "" : " "}${unit}` : text;
}

const dayText = (language: Language, iso: string) =>
  new Intl.DateTimeFormat(LOCALES[language], { dateStyle: "medium", timeZone: "UTC" }).format(new Date(iso));

/** "47" of "2026-W47". */
const weekNumber = (week: string) => String(Number(week.slice(-2)));

export interface MessageContext {
  language: Language;
  week: string;
  quietDays: number;
  dashboardUrl: string;
  unsubscribeUrl: string;
  /** Sheet ID -> spreadsheet URL. */
  sheetUrls: ReadonlyMap<string, string>;
}

interface Section {
  title: string;
  lines: { text: string; href?: string }[];
  note?: string;
}

function render(
  t: MessageWords,
  intro: string[],
  sections: Section[],
  footer: { text: string; href: string }[],
) {
  const text = [
    ...intro,
    "",
    ...sections.flatMap((section) => [
      section.title,
      ...(section.note ? [section.note] : []),
      ...(section.lines.length
        ? section.lines.map((line) => `- ${line.text}${line.href ? ` <${line.href}>` : ""}`)
        : [`- ${t("nothing")}`]),
      "",
    ]),
    ...footer.map((link) => `${link.text}: ${link.href}`),
  ].join("\n");
  const link = (href: string, body: string) => `<a href="${escapeHtml(href)}">${body}</a>`;
  const html = [
    '<!DOCTYPE html><html><body style="font-family:Arial,sans-serif;color:#202124">',
    ...intro.map((line) => `<p>${escapeHtml(line)}</p>`),
    ...sections.map(
      (section) =>
        `<h2 style="font-size:16px">${escapeHtml(section.title)}</h2>` +
        (section.note ? `<p style="color:#5f6368">${escapeHtml(section.note)}</p>` : "") +
        (section.lines.length
          ? `<ul>${section.lines
              .map(
                (line) =>
                  `<li>${line.href ? link(line.href, escapeHtml(line.text)) : escapeHtml(line.text)}</li>`,
              )
              .join("")}</ul>`
          : `<p>${escapeHtml(t("nothing"))}</p>`),
    ),
    `<p style="font-size:12px;color:#5f6368">${footer.map((entry) => link(entry.href, escapeHtml(entry.text))).join(" · ")}</p>`,
    "</body></html>",
  ].join("\n");
  return { text, html };
}

function dueLine(t: MessageWords, language: Language, item: DueItem, quietDays: number): string {
  const state = item.quiet ? t("reminderQuiet", { days: quietDays }) : t("reminderNotThisWeek");
  const last = item.lastUpdateAt
    ? t("lastUpdate", { date: dayText(language, item.lastUpdateAt) })
    : t("never");
  const value = t("currentOfTarget", {
    current: numberText(language, item.current, item.unit),
    target: numberText(language, item.target, item.unit),
  });
  const kind = item.type === "kpi" ? `${t("kpi")} ` : "";
  return `${kind}${item.id} ${item.title}: ${value} (${state}; ${last})`;
}

/** An owner's reminder: what needs a check-in, grouped by sheet with a link to each. */
export function reminderMessage(person: Person, items: readonly DueItem[], ctx: MessageContext): MailMessage {
  const t = messageWords(ctx.language);
  const bySheet = new Map<string, DueItem[]>();
  for (const item of items) bySheet.set(item.sheetId, [...(bySheet.get(item.sheetId) ?? []), item]);
  const sections: Section[] = [...bySheet].map(([sheetId, list]) => {
    const url = ctx.sheetUrls.get(sheetId);
    return {
      title: list[0]?.team || sheetId,
      lines: [
        ...list.map((item) => ({ text: dueLine(t, ctx.language, item, ctx.quietDays) })),
        ...(url ? [{ text: t("openSheet"), href: url }] : []),
      ],
    };
  });
  const { text, html } = render(
    t,
    [t("reminderHello", { name: person.name }), t("reminderIntro")],
    sections,
    [
      { text: t("openDashboard"), href: ctx.dashboardUrl },
      { text: t("unsubscribeReminder"), href: ctx.unsubscribeUrl },
    ],
  );
  return {
    to: person.email,
    subject: t("reminderSubject", { week: weekNumber(ctx.week), count: items.length }),
    text,
    html,
    unsubscribeUrl: ctx.unsubscribeUrl,
  };
}

function changeLine(t: MessageWords, language: Language, change: DigestChange): string {
  const base = { id: change.id, title: change.title };
  if (change.kind === "added" || change.kind === "removed") return t(change.kind, base);
  if (change.kind !== "target_moved" && change.kind !== "start_moved") return base.id;
  const values = { ...base, from: numberText(language, change.from), to: numberText(language, change.to) };
  if (change.kind === "start_moved") return t("startMoved", values);
  return t(change.towardCurrent ? "targetMovedToward" : "targetMoved", values);
}

/** The leaders' digest. */
export function digestMessage(person: Person, digest: Digest, ctx: MessageContext): MailMessage {
  const t = messageWords(ctx.language);
  const objective = (id: string | null) =>
    id ? `${ctx.dashboardUrl}/objective?id=${encodeURIComponent(id)}` : ctx.dashboardUrl;
  const kr = (item: { id: string; title: string; team: string; objectiveId: string | null }) => ({
    text: `${item.id} ${item.title} (${item.team})`,
    href: objective(item.objectiveId),
  });
  const changes = digest.changes;
  const sections: Section[] = [
    { title: digest.first ? t("newOffTrackFirst") : t("newOffTrack"), lines: digest.newOffTrack.map(kr) },
    ...(digest.first ? [] : [{ title: t("recovered"), lines: digest.recovered.map(kr) }]),
    { title: t("quiet", { days: ctx.quietDays }), lines: digest.quiet.map(kr) },
    {
      title: t("changes"),
      note:
        changes.basis === "none" || changes.since === null
          ? t("changesNone")
          : t("changesSinceDigest", { date: dayText(ctx.language, changes.since) }),
      lines: changes.changes.map((change) => ({ text: changeLine(t, ctx.language, change) })),
    },
    {
      title: t("unsupported"),
      lines: digest.unsupported.map((o) => ({
        text: `${o.id} ${o.title} (${o.team})`,
        href: objective(o.id),
      })),
    },
    {
      title: t("duplicates"),
      lines: digest.duplicates.map((pair) => ({
        text: `${pair.a.id} ${pair.a.title} (${pair.a.team}) ~ ${pair.b.id} ${pair.b.title} (${pair.b.team})`,
      })),
    },
    {
      title: t("comments"),
      lines: digest.comments.map((comment) => ({
        text: `${comment.authorName || comment.authorEmail} · ${comment.targetId}: ${comment.text.replace(/\s+/g, " ").slice(0, 280)}`,
        href: comment.targetId.startsWith("review:")
          ? `${ctx.dashboardUrl}/reviews`
          : objective(comment.targetId),
      })),
    },
  ];
  const { text, html } = render(
    t,
    [
      t("reminderHello", { name: person.name }),
      t("digestIntro", { cycles: digest.cycles.join(", ") || "–" }),
    ],
    sections,
    [
      { text: t("openDashboard"), href: ctx.dashboardUrl },
      { text: t("unsubscribeDigest"), href: ctx.unsubscribeUrl },
    ],
  );
  return {
    to: person.email,
    subject: t("digestSubject", {
      week: weekNumber(ctx.week),
      offTrack: digest.newOffTrack.length,
      quiet: digest.quiet.length,
    }),
    text,
    html,
    unsubscribeUrl: ctx.unsubscribeUrl,
  };
}

/** A team's weekly chat post (Google Chat and Slack both take {"text": ...}; no HTML, sheet text as is). */
export function webhookText(
  team: string,
  due: readonly DueItem[],
  offTrack: readonly { id: string; title: string }[],
  week: string,
  language: Language,
): string {
  const t = messageWords(language);
  const list = (items: readonly { id: string; title: string }[]) =>
    items
      .slice(0, 10)
      .map((item) => `${item.id} ${item.title}`)
      .join("; ");
  const lines = [t("webhookTitle", { week: weekNumber(week), team })];
  if (due.length > 0) lines.push(t("webhookDue", { count: due.length, items: list(due) }));
  if (offTrack.length > 0) lines.push(t("webhookOffTrack", { items: list(offTrack) }));
  if (due.length === 0 && offTrack.length === 0) lines.push(t("webhookNothing"));
  return lines.join("\n");
}
