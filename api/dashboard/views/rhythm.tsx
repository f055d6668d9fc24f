/** @jsxImportSource hono/jsx */
// Views for people and the rhythm: conversations (a thread component on objective and review pages), the
// people list, the weekly reminders' settings with this week's deliveries and the local outbox, alignment
// reviews, and the small standalone pages (invite, choose an organisation, unsubscribe, a notice).
import { COMMENT_MAX_LENGTH, type Comment, threads } from "../../../shared/comments.js";
import type { Language, Problem } from "../../../shared/model.js";
import type { Person } from "../../../shared/people.js";
import type { ReviewRequest, ReviewState, ReviewVerdict } from "../../../shared/review.js";
import type { OutboxMessage } from "../../app/config.js";
import type { DeliveryRecord, RhythmSettings } from "../../store/types.js";
import type { WordKey, Words } from "../words.js";
import { Document, Page } from "./layout.js";
import { DASHBOARD, day, href, LanguageSwitch, objectiveHref, type ViewContext } from "./parts.js";

export const RHYTHM_CSS = `
a.button { display: inline-block; padding: .45rem .9rem; border-radius: 6px; background: #14325c; color: #fff; text-decoration: none; }
.thread { list-style: none; padding: 0; margin: .5rem 0; }
.thread > li { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: .5rem .8rem; margin: 0 0 .6rem; }
.thread .replies { list-style: none; margin: .4rem 0 0 1.2rem; padding: 0; border-left: 3px solid var(--line); }
.thread .replies li { padding: .3rem .6rem; }
.comment-meta { font-size: .85rem; color: var(--muted); margin: 0; }
.comment-text { white-space: pre-wrap; margin: .2rem 0; overflow-wrap: anywhere; }
form.comment { display: flex; flex-direction: column; gap: .3rem; max-width: 40rem; margin: .4rem 0; }
form.comment button, form.stack button { justify-self: start; align-self: flex-start; }
textarea { font: inherit; padding: .4rem; border: 1px solid #8d96a3; border-radius: 6px; min-height: 4rem; }
details.reply summary { cursor: pointer; color: var(--accent); font-size: .9rem; }
form.stack { display: grid; gap: .4rem; max-width: 36rem; margin: .6rem 0 1rem; }
form.inline-form { display: inline; margin: 0; }
.state { font-weight: 600; }
.state-approved { color: var(--on_track); } .state-changes_requested { color: var(--off_track); }
.state-requested { color: var(--at_risk); } .state-not_requested { color: var(--muted); }
.who { font-size: .85rem; color: #d6e2f3; }
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1rem; }
pre.mail { white-space: pre-wrap; background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: .6rem; overflow-wrap: anywhere; }
`;

const Notice = (props: { text: string | null | undefined; error?: boolean }) =>
  props.text ? (
    <p class={props.error ? "error" : "notice"} role={props.error ? "alert" : "status"}>
      {props.text}
    </p>
  ) : null;

// ---------------------------------------------------------------------------------------------
// Conversations

export interface ConversationTarget {
  id: string;
  title: string;
}

/** A thread list with a form to comment on any of the targets and a reply form under each thread. */
export const Conversation = (props: {
  ctx: ViewContext;
  comments: readonly Comment[];
  targets: readonly ConversationTarget[];
  /** Where the forms post to and come back to. */
  back: string;
  canComment: boolean;
  error?: string | null;
}) => {
  const { ctx, targets } = props;
  const { t, language } = ctx;
  const titleOf = new Map(targets.map((target) => [target.id, target.title]));
  const list = threads(props.comments);
  const Hidden = (p: { targetId: string; parentId?: string }) => (
    <>
      <input type="hidden" name="csrf" value={ctx.csrfToken} />
      <input type="hidden" name="back" value={props.back} />
      {p.parentId && <input type="hidden" name="parentId" value={p.parentId} />}
      {p.parentId && <input type="hidden" name="targetId" value={p.targetId} />}
    </>
  );
  const Meta = (p: { comment: Comment }) => (
    <p class="comment-meta">
      {p.comment.authorName || p.comment.authorEmail} · {day(language, p.comment.at)}
      {p.comment.source === "addon" ? ` · ${t("fromSheet")}` : ""}
      {targets.length > 1
        ? ` · ${t("commentAbout")}: ${titleOf.get(p.comment.targetId) ?? p.comment.targetId}`
        : ""}
    </p>
  );
  return (
    <section aria-labelledby="conversation">
      <h2 id="conversation">{t("conversation")}</h2>
      <Notice text={props.error} error />
      {props.comments.length > 0 && targets[0] && (
        <p class="actions">
          <a href={`${DASHBOARD}/comments.csv?id=${encodeURIComponent(targets[0].id)}`} download>
            {t("exportCsv")}
          </a>
        </p>
      )}
      {list.length === 0 ? (
        <p class="empty">{t("noComments")}</p>
      ) : (
        <ul class="thread">
          {list.map((thread, index) => (
            <li>
              <Meta comment={thread.comment} />
              <p class="comment-text">{thread.comment.text}</p>
              {thread.replies.length > 0 && (
                <ul class="replies">
                  {thread.replies.map((reply) => (
                    <li>
                      <Meta comment={reply} />
                      <p class="comment-text">{reply.text}</p>
                    </li>
                  ))}
                </ul>
              )}
              {props.canComment && (
                <details class="reply">
                  <summary>{t("reply")}</summary>
                  <form method="post" action={`${DASHBOARD}/comments`} class="comment">
                    <Hidden targetId={thread.comment.targetId} parentId={thread.comment.id} />
                    <label for={`reply-${index}`}>
                      {t("replyTo", { name: thread.comment.authorName || thread.comment.authorEmail })}
                    </label>
                    <textarea id={`reply-${index}`} name="text" required maxlength={COMMENT_MAX_LENGTH} />
                    <button type="submit">{t("post")}</button>
                  </form>
                </details>
              )}
            </li>
          ))}
        </ul>
      )}
      {props.canComment ? (
        <form method="post" action={`${DASHBOARD}/comments`} class="comment">
          <Hidden targetId={targets[0]?.id ?? ""} />
          {targets.length > 1 ? (
            <>
              <label for="comment-target">{t("commentAbout")}</label>
              <select id="comment-target" name="targetId">
                {targets.map((target) => (
                  <option value={target.id}>{target.title}</option>
                ))}
              </select>
            </>
          ) : (
            <input type="hidden" name="targetId" value={targets[0]?.id ?? ""} />
          )}
          <label for="comment-text">{t("commentLabel")}</label>
          <textarea id="comment-text" name="text" required maxlength={COMMENT_MAX_LENGTH} />
          <button type="submit">{t("post")}</button>
        </form>
      ) : (
        <p class="empty">{t("commentSignIn")}</p>
      )}
    </section>
  );
};

// ---------------------------------------------------------------------------------------------
// People

export const PeopleView = (props: {
  ctx: ViewContext;
  people: readonly Person[];
  unknownOwners: readonly Problem[];
  notice: string | null;
  error: string | null;
  inviteLink: { email: string; link: string } | null;
  isAdmin: boolean;
}) => {
  const { ctx, people } = props;
  const { t } = ctx;
  return (
    <Page ctx={ctx} title={t("peopleTitle")}>
      <h1>{t("peopleTitle")}</h1>
      <p>{t("peopleIntro")}</p>
      <Notice text={props.notice} />
      <Notice text={props.error} error />
      {props.inviteLink && (
        <div class="notice" role="status">
          <p>{t("inviteLink", { email: props.inviteLink.email })}</p>
          <p>
            <code>{props.inviteLink.link}</code>
          </p>
        </div>
      )}
      <div class="table-scroll">
        <table aria-labelledby="people-heading">
          <caption id="people-heading" class="visually-hidden">
            {t("peopleTitle")}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("email")}</th>
              <th scope="col">{t("team")}</th>
              <th scope="col">{t("role")}</th>
              <th scope="col">{t("leader")}</th>
              {props.isAdmin && <th scope="col">{t("invite")}</th>}
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <tr>
                <th scope="row">{person.name}</th>
                <td>{person.email}</td>
                <td>{person.team}</td>
                <td>{t(`role_${person.role}` as WordKey)}</td>
                <td>{person.leader ? t("leaderYes") : "–"}</td>
                {props.isAdmin && (
                  <td>
                    <form method="post" action={`${DASHBOARD}/people/invite`} class="inline-form">
                      <input type="hidden" name="csrf" value={ctx.csrfToken} />
                      <input type="hidden" name="email" value={person.email} />
                      <button
                        type="submit"
                        class="secondary"
                        aria-label={t("inviteNamed", { name: person.name })}
                      >
                        {t("invite")}
                      </button>
                    </form>{" "}
                    <form method="post" action={`${DASHBOARD}/people/remove`} class="inline-form">
                      <input type="hidden" name="csrf" value={ctx.csrfToken} />
                      <input type="hidden" name="email" value={person.email} />
                      <button
                        type="submit"
                        class="secondary"
                        aria-label={t("removeNamed", { name: person.name })}
                      >
                        {t("remove")}
                      </button>
                    </form>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.isAdmin ? (
        <form method="post" action={`${DASHBOARD}/people`} class="stack">
          <input type="hidden" name="csrf" value={ctx.csrfToken} />
          <label for="person-name">{t("name")}</label>
          <input id="person-name" name="name" required maxlength={200} autocomplete="off" />
          <label for="person-email">{t("email")}</label>
          <input id="person-email" name="email" type="email" required maxlength={254} autocomplete="off" />
          <label for="person-team">{t("team")}</label>
          <input id="person-team" name="team" maxlength={200} autocomplete="off" />
          <label for="person-role">{t("role")}</label>
          <select id="person-role" name="role">
            <option value="reader">{t("role_reader")}</option>
            <option value="admin">{t("role_admin")}</option>
          </select>
          <span>
            <input id="person-leader" name="leader" type="checkbox" value="true" />{" "}
            <label for="person-leader">{t("leader")}</label>
          </span>
          <button type="submit">{t("savePerson")}</button>
        </form>
      ) : (
        <p class="empty">{t("adminOnly")}</p>
      )}
      <h2 id="unknown-owners">{t("unknownOwners")}</h2>
      <p>{t("unknownOwnersHelp")}</p>
      {props.unknownOwners.length === 0 ? (
        <p class="empty">{t("none")}</p>
      ) : (
        <ul aria-labelledby="unknown-owners">
          {props.unknownOwners.slice(0, 200).map((problem) => (
            <li>{problem.message}</li>
          ))}
        </ul>
      )}
    </Page>
  );
};

// ---------------------------------------------------------------------------------------------
// Weekly rhythm settings, this week's deliveries, and the local outbox

export const RhythmView = (props: {
  ctx: ViewContext;
  settings: RhythmSettings;
  teams: readonly string[];
  webhooks: ReadonlyMap<string, string>;
  sheets: readonly { sheetId: string; name: string }[];
  sheetUrls: ReadonlyMap<string, string>;
  week: string;
  deliveries: readonly DeliveryRecord[];
  notice: string | null;
  error: string | null;
  isAdmin: boolean;
}) => {
  const { ctx, settings } = props;
  const { t } = ctx;
  const disabled = !props.isAdmin;
  return (
    <Page ctx={ctx} title={t("rhythmTitle")}>
      <h1>{t("rhythmTitle")}</h1>
      <p>{t("rhythmIntro")}</p>
      <Notice text={props.notice} />
      <Notice text={props.error} error />
      {!props.isAdmin && <p class="empty">{t("adminOnly")}</p>}
      <form method="post" action={`${DASHBOARD}/rhythm`} class="stack">
        <input type="hidden" name="csrf" value={ctx.csrfToken} />
        <span>
          <input
            id="rhythm-enabled"
            name="enabled"
            type="checkbox"
            value="true"
            checked={settings.enabled}
            disabled={disabled}
          />{" "}
          <label for="rhythm-enabled">{t("enabled")}</label>
        </span>
        <label for="rhythm-day">{t("weekday")}</label>
        <select id="rhythm-day" name="day" disabled={disabled}>
          {[1, 2, 3, 4, 5, 6, 7].map((weekday) => (
            <option value={String(weekday)} selected={settings.schedule.day === weekday}>
              {t(`weekday_${weekday}` as WordKey)}
            </option>
          ))}
        </select>
        <label for="rhythm-hour">{t("hour")}</label>
        <input
          id="rhythm-hour"
          name="hour"
          type="number"
          min="0"
          max="23"
          value={String(settings.schedule.hour)}
          disabled={disabled}
        />
        <label for="rhythm-zone">{t("timeZone")}</label>
        <input
          id="rhythm-zone"
          name="timeZone"
          value={settings.schedule.timeZone}
          maxlength={64}
          disabled={disabled}
        />
        <label for="rhythm-quiet">{t("quietDays")}</label>
        <input
          id="rhythm-quiet"
          name="quietDays"
          type="number"
          min="1"
          max="365"
          value={String(settings.quietDays)}
          disabled={disabled}
        />
        <label for="rhythm-language">{t("mailLanguage")}</label>
        <select id="rhythm-language" name="language" disabled={disabled}>
          {(["en", "sv", "nb"] as Language[]).map((language) => (
            <option value={language} selected={settings.language === language}>
              {{ en: "English", sv: "Svenska", nb: "Norsk" }[language]}
            </option>
          ))}
        </select>
        <h2 id="webhooks">{t("webhooksTitle")}</h2>
        <p>{t("webhooksHelp")}</p>
        {props.teams.map((team, index) => (
          <>
            <label for={`hook-${index}`}>{t("webhookFor", { team })}</label>
            <input type="hidden" name="hookTeam" value={team} />
            <input
              id={`hook-${index}`}
              name="hookUrl"
              type="url"
              value={props.webhooks.get(team) ?? ""}
              disabled={disabled}
            />
          </>
        ))}
        <h2 id="sheet-links">{t("sheetLinksTitle")}</h2>
        <p>{t("sheetLinksHelp")}</p>
        {props.sheets.map((sheet, index) => (
          <>
            <label for={`sheet-${index}`}>{t("sheetUrlFor", { sheet: sheet.name || sheet.sheetId })}</label>
            <input type="hidden" name="sheetId" value={sheet.sheetId} />
            <input
              id={`sheet-${index}`}
              name="sheetUrl"
              type="url"
              value={props.sheetUrls.get(sheet.sheetId) ?? ""}
              disabled={disabled}
            />
          </>
        ))}
        {props.isAdmin && <button type="submit">{t("save")}</button>}
      </form>
      {props.isAdmin && (
        <form method="post" action={`${DASHBOARD}/rhythm/run`} class="stack">
          <input type="hidden" name="csrf" value={ctx.csrfToken} />
          <button type="submit" class="secondary">
            {t("runNow")}
          </button>
        </form>
      )}
      <h2 id="deliveries">{t("deliveriesTitle", { week: props.week })}</h2>
      {props.deliveries.length === 0 ? (
        <p class="empty">{t("noDeliveries")}</p>
      ) : (
        <div class="table-scroll">
          <table aria-labelledby="deliveries">
            <thead>
              <tr>
                <th scope="col">{t("kind")}</th>
                <th scope="col">{t("recipient")}</th>
                <th scope="col">{t("deliveryStatus")}</th>
              </tr>
            </thead>
            <tbody>
              {props.deliveries.map((delivery) => (
                <tr>
                  <td>{t(`kind_${delivery.kind}` as WordKey)}</td>
                  <th scope="row">{delivery.recipient}</th>
                  <td>
                    {t(`delivery_${delivery.status}` as WordKey)}
                    {delivery.status === "failed" ? ` (${delivery.detail})` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
};

export const OutboxView = (props: { ctx: ViewContext; messages: readonly OutboxMessage[] }) => {
  const { ctx } = props;
  const { t, language } = ctx;
  return (
    <Page ctx={ctx} title={t("outboxTitle")}>
      <h1>{t("outboxTitle")}</h1>
      <p>{t("outboxIntro")}</p>
      {props.messages.length === 0 ? (
        <p class="empty">{t("outboxEmpty")}</p>
      ) : (
        props.messages.slice(0, 100).map((message, index) => (
          // One article per message (not a landmark: two reminders may share a subject).
          <article class="mail" id={`mail-${index}`}>
            <h2>{message.subject}</h2>
            <p class="comment-meta">
              {t("to")}: {message.to.join(", ")} · {t("received")}: {day(language, message.receivedAt)}
            </p>
            <pre class="mail">{message.text}</pre>
          </article>
        ))
      )}
    </Page>
  );
};

// ---------------------------------------------------------------------------------------------
// Alignment reviews

const StateBadge = (props: { t: Words; state: ReviewState }) => (
  <span class={`state state-${props.state}`}>{props.t(`reviewState_${props.state}` as WordKey)}</span>
);

export const ReviewsView = (props: {
  ctx: ViewContext;
  rows: readonly { team: string; state: ReviewState; request: ReviewRequest | null }[];
}) => {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Page ctx={ctx} title={t("reviewsTitle")}>
      <h1>{t("reviewsTitle")}</h1>
      <p>{t("reviewsIntro")}</p>
      {props.rows.length === 0 ? (
        <p class="empty">{t("noTeams")}</p>
      ) : (
        <div class="table-scroll">
          <table aria-labelledby="reviews-heading">
            <caption id="reviews-heading" class="visually-hidden">
              {t("reviewsTitle")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("team")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("open")}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <tr>
                  <th scope="row">{row.team}</th>
                  <td>
                    <StateBadge t={t} state={row.state} />
                    {row.request && row.request.round > 1
                      ? ` · ${t("round", { round: row.request.round })}`
                      : ""}
                  </td>
                  <td>
                    <a href={href(ctx, `${DASHBOARD}/review`, { team: row.team })}>
                      {t("reviewOf", { team: row.team, cycle: ctx.cycle ?? "" })}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
};

export const ReviewView = (props: {
  ctx: ViewContext;
  team: string;
  state: ReviewState;
  request: ReviewRequest | null;
  verdicts: readonly ReviewVerdict[];
  draft: readonly {
    id: string;
    title: string;
    type: "objective" | "key_result";
    owner: string;
    alignsTo: string | null;
  }[];
  findings: readonly Problem[];
  alignedTeams: readonly string[];
  reviewers: readonly Person[];
  mayDecide: boolean;
  conversation: unknown;
  notice: string | null;
}) => {
  const { ctx, team } = props;
  const { t, language } = ctx;
  const cycle = ctx.cycle ?? "";
  const title = t("reviewOf", { team, cycle });
  const current = props.verdicts.filter((verdict) => verdict.round === props.request?.round);
  return (
    <Page ctx={ctx} title={title}>
      <p class="crumbs">
        <a href={href(ctx, `${DASHBOARD}/reviews`)}>{t("reviewsTitle")}</a>
      </p>
      <h1>{title}</h1>
      <p>
        <StateBadge t={t} state={props.state} />
        {props.request ? ` · ${t("round", { round: props.request.round })}` : ""}
      </p>
      <Notice text={props.notice} />
      <div class="columns">
        <section aria-labelledby="draft">
          <h2 id="draft">{t("draft")}</h2>
          <ul>
            {props.draft.map((row) =>
              row.type === "objective" ? (
                <li>
                  <a href={objectiveHref(ctx, row.id)}>
                    {row.id} {row.title}
                  </a>
                  {row.alignsTo ? ` → ${row.alignsTo}` : ""} · {row.owner}
                </li>
              ) : (
                <li class="kr">
                  {"  "}
                  {row.id} {row.title} · {row.owner}
                </li>
              ),
            )}
          </ul>
        </section>
        <section aria-labelledby="findings">
          <h2 id="findings">{t("findings")}</h2>
          {props.findings.length === 0 ? (
            <p class="empty">{t("noFindings")}</p>
          ) : (
            <ul>
              {props.findings.map((finding) => (
                <li class={`finding-${finding.severity}`}>{finding.message}</li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <h2 id="reviewers">{t("reviewers")}</h2>
      <p>
        {t("alignsWith")}: {props.alignedTeams.join(", ") || "–"}
      </p>
      <ul aria-labelledby="reviewers">
        {props.reviewers.map((person) => (
          <li>
            {person.name} ({person.team})
          </li>
        ))}
      </ul>
      <h2 id="decisions">{t("decisions")}</h2>
      {current.length === 0 ? (
        <p class="empty">{t("none")}</p>
      ) : (
        <ul aria-labelledby="decisions">
          {current.map((verdict) => (
            <li>
              {t("decisionBy", {
                name: verdict.reviewerName || verdict.reviewerEmail,
                decision: t(`reviewState_${verdict.decision}` as WordKey),
              })}{" "}
              · {day(language, verdict.at)}
            </li>
          ))}
        </ul>
      )}
      {props.request &&
        (props.mayDecide ? (
          <form method="post" action={`${DASHBOARD}/review/decide`} class="stack">
            <input type="hidden" name="csrf" value={ctx.csrfToken} />
            <input type="hidden" name="team" value={team} />
            <input type="hidden" name="cycle" value={cycle} />
            <span>
              <button type="submit" name="decision" value="approved">
                {t("approve")}
              </button>{" "}
              <button type="submit" name="decision" value="changes_requested" class="secondary">
                {t("requestChanges")}
              </button>
            </span>
          </form>
        ) : (
          <p class="empty">{t("notReviewer")}</p>
        ))}
      {props.conversation as never}
    </Page>
  );
};

// ---------------------------------------------------------------------------------------------
// Standalone pages (no session needed): invite, choose an organisation, unsubscribe, a notice

export const StandalonePage = (props: {
  t: Words;
  language: Language;
  title: string;
  children: unknown;
  languageHref?: (language: Language) => string;
}) => (
  <Document title={`${props.title} · ${props.t("product")}`} language={props.language}>
    <main id="main" class="sign-in">
      <p class="product">{props.t("product")}</p>
      <h1>{props.title}</h1>
      {props.children as never}
      {props.languageHref && (
        <LanguageSwitch label={props.t("language")} current={props.language} hrefFor={props.languageHref} />
      )}
    </main>
  </Document>
);

export const ActionForm = (props: { action: string; fields: Record<string, string>; label: string }) => (
  <form method="post" action={props.action}>
    {Object.entries(props.fields).map(([name, value]) => (
      <input type="hidden" name={name} value={value} />
    ))}
    <button type="submit">{props.label}</button>
  </form>
);

export { Notice };
