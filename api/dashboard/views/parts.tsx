/** @jsxImportSource hono/jsx */
// Small pieces every view uses: status badges (a symbol and a word, never colour alone), progress
// bars with their number written beside them, the filter form, and formatting.

import {
  LANGUAGES,
  type Language,
  LEVELS,
  type Level,
  STATUSES,
  type Status,
} from "../../../shared/model.js";
import type { Grade } from "../../../shared/objective-detail.js";
import { type Filters, filterParams } from "../data.js";
import { LANGUAGE_NAMES, LOCALE_TAGS, levelWord, statusWord, type WordKey, type Words } from "../words.js";

export interface ViewContext {
  t: Words;
  language: Language;
  /** The path of the current view, e.g. /dashboard/teams. */
  path: string;
  cycle: string | null;
  cycles: string[];
  filters: Filters;
  orgName: string;
  csrfToken: string;
  asOf: string;
  /** The organisation's time zone: `asOf` is today there, and check-in times count as its days. */
  timeZone?: string;
  /** Extra query parameters of the current page (kept by the language switch). */
  extra?: Record<string, string | string[]>;
  /** The session may change people and settings. */
  admin?: boolean;
  /** The person signed in as themselves; null for a key's session. */
  signedInAs?: string | null;
  /** npm start's local outbox exists. */
  outbox?: boolean;
}

export const DASHBOARD = "/dashboard";

/** A dashboard URL with the current cycle and filters (and any overrides; null removes a parameter). */
export function href(
  ctx: Pick<ViewContext, "cycle" | "filters">,
  path: string,
  overrides: Record<string, string | string[] | null> = {},
): string {
  const params = new URLSearchParams();
  const merged: Record<string, string | string[] | null> = {
    ...(ctx.cycle ? { cycle: ctx.cycle } : {}),
    ...filterParams(ctx.filters),
    ...overrides,
  };
  for (const [key, value] of Object.entries(merged)) {
    if (value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, item);
  }
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** An objective's page, in the current cycle and filters (the ID as a parameter: any text survives). */
export const objectiveHref = (ctx: Pick<ViewContext, "cycle" | "filters">, id: string) =>
  href(ctx, `${DASHBOARD}/objective`, { id });

/** Hidden form fields that carry the page's state (filters, quiet days, collapsed nodes) through a GET form. */
export const HiddenFields = (props: {
  params: Record<string, string | readonly string[] | null | undefined>;
}) => (
  <>
    {Object.entries(props.params).flatMap(([name, value]) =>
      value === null || value === undefined
        ? []
        : (typeof value === "string" ? [value] : value).map((item) => (
            <input type="hidden" name={name} value={item} />
          )),
    )}
  </>
);

export const STATUS_SYMBOLS: Record<Status, string> = {
  not_started: "○",
  on_track: "●",
  at_risk: "▲",
  off_track: "◆",
  done: "✓",
};

export function percent(language: Language, value: number | null): string {
  if (value === null) return "–";
  return new Intl.NumberFormat(LOCALE_TAGS[language], { style: "percent", maximumFractionDigits: 0 }).format(
    value,
  );
}

export function number(language: Language, value: number | null, unit = ""): string {
  if (value === null) return "–";
  // The parser reads "98%" as 0.98 (as Sheets stores it), so a % unit is shown as a percentage again.
  if (unit === "%")
    return new Intl.NumberFormat(LOCALE_TAGS[language], {
      style: "percent",
      maximumFractionDigits: 2,
    }).format(value);
  const text = new Intl.NumberFormat(LOCALE_TAGS[language], { maximumFractionDigits: 2 }).format(value);
  return unit ? `${text} ${unit}` : text;
}

export function day(language: Language, iso: string): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[language], { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(iso),
  );
}

/** An end-of-cycle grade: the score and its band in words (the colour repeats them). */
export const GradeBadge = (props: { t: Words; language: Language; grade: Grade }) => (
  <span class={`grade grade-${props.grade.band}`}>
    {props.t("gradeOf", {
      score: new Intl.NumberFormat(LOCALE_TAGS[props.language], { minimumFractionDigits: 1 }).format(
        props.grade.score,
      ),
    })}{" "}
    · {props.t(`band_${props.grade.band}` as WordKey)}
  </span>
);

export const StatusBadge = (props: { t: Words; status: Status }) => (
  <span class={`status status-${props.status}`}>
    <span aria-hidden="true">{STATUS_SYMBOLS[props.status]}</span> {statusWord(props.t, props.status)}
  </span>
);

/**
 * Where the status shown is the owner's word and the pace says otherwise: the pace beside it ("owner's word;
 * pace: Off track"), so a leader sees both. Nothing where they agree or the owner said nothing.
 */
export const PaceBeside = (props: {
  t: Words;
  status: Status;
  paceStatus?: Status;
  ownerStatus?: Status | null;
}) =>
  props.ownerStatus && props.paceStatus && props.paceStatus !== props.status ? (
    <span class="pace"> {props.t("ownerOverPace", { status: statusWord(props.t, props.paceStatus) })}</span>
  ) : null;

/**
 * The status and, beside it, the owner's confidence (when given) and the pace where the owner's word overrides
 * it: what a leader reads together.
 */
export const StatusWithConfidence = (props: {
  t: Words;
  language: Language;
  status: Status;
  confidence: number | null;
  paceStatus?: Status;
  ownerStatus?: Status | null;
}) => (
  <span class="status-confidence">
    <StatusBadge t={props.t} status={props.status} />
    <PaceBeside
      t={props.t}
      status={props.status}
      paceStatus={props.paceStatus}
      ownerStatus={props.ownerStatus}
    />
    {props.confidence !== null && (
      <span class="confidence">
        {" "}
        {props.t("confidenceShort", { value: percent(props.language, props.confidence) })}
      </span>
    )}
  </span>
);

/** A bar for a 0..1 value with the number beside it; the optional tick marks expected progress. */
export const ProgressBar = (props: {
  language: Language;
  value: number | null;
  status?: Status;
  expected?: number | null;
  width?: number;
  /** The number beside the bar (false when the text around it already says it). */
  showText?: boolean;
}) => {
  const width = props.width ?? 120;
  const fill = props.value === null ? 0 : Math.round(width * props.value);
  const tick =
    props.expected === null || props.expected === undefined ? null : Math.round(width * props.expected);
  return (
    <span class="bar">
      <svg width={width + 2} height="12" aria-hidden="true" focusable="false">
        <rect class="bar-bg" x="1" y="2" width={width} height="8" rx="4" />
        <rect
          class={`bar-fill fill-${props.status ?? "neutral"}`}
          x="1"
          y="2"
          width={fill}
          height="8"
          rx="4"
        />
        {tick !== null && <line class="bar-tick" x1={tick + 1} x2={tick + 1} y1="0" y2="12" />}
      </svg>
      {props.showText !== false && <span class="bar-text">{percent(props.language, props.value)}</span>}
    </span>
  );
};

/** A status mix as words and counts (the stacked bar is decoration). */
export const StatusMix = (props: { t: Words; counts: Record<Status, number> }) => {
  const total = STATUSES.reduce((sum, status) => sum + props.counts[status], 0) || 1;
  let offset = 0;
  return (
    <span class="mix">
      <svg width="122" height="12" aria-hidden="true" focusable="false">
        {STATUSES.map((status) => {
          const width = (120 * props.counts[status]) / total;
          const rect = <rect class={`fill-${status}`} x={1 + offset} y="2" width={width} height="8" />;
          offset += width;
          return rect;
        })}
      </svg>
      <span class="mix-text">
        {STATUSES.filter((status) => props.counts[status] > 0)
          .map((status) => `${STATUS_SYMBOLS[status]} ${statusWord(props.t, status)} ${props.counts[status]}`)
          .join(" · ")}
      </span>
    </span>
  );
};

/** `teams`/`owners` null: more than a dropdown offers (data.ts MAX_CHOICES), a text field instead. */
export const FilterForm = (props: {
  ctx: ViewContext;
  teams: readonly string[] | null;
  owners: readonly string[] | null;
}) => {
  const { ctx } = props;
  const { t, filters } = ctx;
  const typed = (name: "team" | "owner", label: string) => (
    <div class="field">
      <label for={`filter-${name}`}>{label}</label>
      <input type="text" id={`filter-${name}`} name={name} value={filters[name] ?? ""} maxlength={200} />
    </div>
  );
  const select = (name: keyof Filters, label: string, options: { value: string; text: string }[]) => (
    <div class="field">
      <label for={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name}>
        <option value="">{t("all")}</option>
        {options.map((option) => (
          <option value={option.value} selected={filters[name] === option.value}>
            {option.text}
          </option>
        ))}
      </select>
    </div>
  );
  const plain = (values: readonly string[]) => values.map((value) => ({ value, text: value }));
  return (
    <form class="filters" method="get" action={ctx.path} aria-labelledby="filters-heading">
      <h2 id="filters-heading" class="visually-hidden">
        {t("filters")}
      </h2>
      <HiddenFields params={{ cycle: ctx.cycle, ...(ctx.extra ?? {}) }} />
      {props.teams === null ? typed("team", t("team")) : select("team", t("team"), plain(props.teams))}
      {select(
        "level",
        t("level"),
        LEVELS.map((level: Level) => ({ value: level, text: levelWord(t, level) })),
      )}
      {select(
        "status",
        t("status"),
        STATUSES.map((status) => ({ value: status, text: statusWord(t, status) })),
      )}
      {props.owners === null ? typed("owner", t("owner")) : select("owner", t("owner"), plain(props.owners))}
      <div class="field buttons">
        <button type="submit">{t("apply")}</button>
        <a
          href={href(
            { cycle: ctx.cycle, filters: { team: null, level: null, status: null, owner: null } },
            ctx.path,
          )}
        >
          {t("clear")}
        </a>
      </div>
    </form>
  );
};

/** Links to the same page in each language; the current one is marked. */
export const LanguageSwitch = (props: {
  label: string;
  current: Language;
  hrefFor: (language: Language) => string;
}) => (
  <nav aria-label={props.label} class="languages">
    <ul>
      {LANGUAGES.map((language) => (
        <li>
          <a
            href={props.hrefFor(language)}
            lang={language}
            hreflang={language}
            aria-current={language === props.current ? "true" : undefined}
          >
            {LANGUAGE_NAMES[language]}
          </a>
        </li>
      ))}
    </ul>
  </nav>
);
