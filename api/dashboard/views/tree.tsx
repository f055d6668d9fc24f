/** @jsxImportSource hono/jsx */
// The alignment tree as a picture: one card per objective with its own and aligned progress, the
// expected-progress tick and its status in words; contributes-to links as dashed arrows. Every card is
// a link (keyboard reachable, with a spoken label); collapsing is a link too, so it lives in the URL.
import { expectedProgress, parseCycle } from "../../../shared/cycle.js";
import type { GroupTotal, RollupNode } from "../../../shared/model.js";
import { type ShownNode, TREE_PAGE } from "../data.js";
import { CARD, layoutTree, type PlacedCard } from "../tree-layout.js";
import { levelWord, statusWord } from "../words.js";
import { Page } from "./layout.js";
import {
  DASHBOARD,
  FilterForm,
  href,
  objectiveHref,
  ProgressBar,
  percent,
  STATUS_SYMBOLS,
  StatusMix,
  type ViewContext,
} from "./parts.js";

/** Characters per title line and meta line that fit a card at the stylesheet's font sizes. */
const TITLE_CHARS = 31;
const META_CHARS = 38;
/** Where a card's bars start and end: after the longer of its two labels (see barX), before the collapse button. */
const BAR = { minX: 96, end: CARD.width - 16, labelX: 14, gap: 6 } as const;
/**
 * An upper bound of a label's width at the card's 12 px: 7 px per character covers the widest sans-serif
 * digits and lower-case letters (the Chromium test measures the real text against it in every language).
 */
const LABEL_CHAR_WIDTH = 7;

/** The bars' left edge for a card's labels: no label runs under its bar ("Stödjande 100 %" is wider than "Own"). */
export function barX(labels: readonly (string | null)[]): number {
  const longest = Math.max(0, ...labels.map((label) => label?.length ?? 0));
  return Math.max(BAR.minX, BAR.labelX + Math.ceil(longest * LABEL_CHAR_WIDTH) + BAR.gap);
}

/** Objective ID -> title, for the objectives the cards name (contributes-to links). */
type Titles = Readonly<Record<string, string>>;

/** A team or individual objective at the top of the tree: it supports no company objective. */
const unaligned = (shown: ShownNode, root: boolean) => root && shown.node.level !== "company";

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** A title on at most two lines, broken between words; the rest is cut with an ellipsis. */
export function titleLines(title: string, perLine = TITLE_CHARS): string[] {
  const words = title.trim().split(/\s+/);
  let first = "";
  while (words.length > 0 && `${first} ${words[0]}`.trim().length <= perLine)
    first = `${first} ${words.shift()}`.trim();
  if (first === "") return [clip(title.trim(), perLine)];
  return words.length === 0 ? [first] : [first, clip(words.join(" "), perLine)];
}

/** The words a card shows, in reading order. */
function cardText(ctx: ViewContext, node: RollupNode) {
  const { t, language } = ctx;
  return {
    title: titleLines(node.title),
    // A nested cycle's objective (a quarter's under the year, or the year's above the quarter) names its cycle.
    meta: clip(
      [node.cycle !== ctx.cycle ? node.cycle : "", node.team, node.owner, levelWord(t, node.level)]
        .filter(Boolean)
        .join(" · "),
      META_CHARS,
    ),
    own: `${t("own")} ${percent(language, node.progress)}`,
    aligned:
      node.alignedProgress === null ? null : `${t("aligned")} ${percent(language, node.alignedProgress)}`,
    // Once its cycle has ended the grade is what matters, not the pace.
    status:
      node.grade === null
        ? `${STATUS_SYMBOLS[node.status]} ${statusWord(t, node.status)}`
        : t("gradeOf", {
            score: node.grade.toLocaleString(language === "en" ? "en-GB" : language, {
              minimumFractionDigits: 1,
            }),
          }),
  };
}

/**
 * The card link's spoken name: first exactly what the card shows (so speech users can say what they see),
 * then what only the picture tells: the full title if it was cut, expected progress, links, filter context.
 */
function cardLabel(ctx: ViewContext, shown: ShownNode, titles: Titles, root: boolean): string {
  const { t, language } = ctx;
  const { node } = shown;
  const text = cardText(ctx, node);
  const shownTitle = text.title.join(" ");
  // In the card's reading order: the marker stands at the bottom left, before the status at the bottom right.
  const visible = [
    shownTitle,
    text.meta,
    text.own,
    text.aligned,
    root ? `◇ ${t("unalignedTag")}` : "",
    text.status,
  ]
    .filter(Boolean)
    .join(" ");
  const extra = [
    shownTitle === node.title ? "" : node.title,
    `${t("expected")} ${percent(language, node.expected)}`,
    node.contributesTo.length
      ? `${t("contributesTo")}: ${node.contributesTo.map((id) => titles[id] ?? id).join(", ")}`
      : "",
    shown.matched ? "" : t("context"),
  ];
  return [visible, ...extra].filter(Boolean).join(". ");
}

/**
 * A dashed arrow for "contributes to". Cards in one column are joined by a bracket on their right side;
 * across columns the arrow leaves the side that faces the target. Both keep clear of the middle, where
 * alignment edges and the collapse button sit.
 */
function contributionPath(from: PlacedCard, to: PlacedCard): string {
  const low = CARD.height * 0.78;
  const high = CARD.height * 0.22;
  if (from.x === to.x) {
    const x = from.x + CARD.width;
    const y1 = from.y + (to.y > from.y ? low : high);
    const y2 = to.y + (to.y > from.y ? high : low);
    const bend = 36 + Math.abs(y2 - y1) / 8;
    return `M ${x} ${y1} C ${x + bend} ${y1}, ${x + bend} ${y2}, ${x + 2} ${y2}`;
  }
  const rightward = to.x > from.x;
  const x1 = rightward ? from.x + CARD.width : from.x;
  const x2 = rightward ? to.x - 2 : to.x + CARD.width + 2;
  const y1 = from.y + low;
  const y2 = to.y + low;
  const mid = (x1 + x2) / 2;
  return `M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`;
}

const Bar = (props: {
  y: number;
  x: number;
  label: string;
  value: number | null;
  expected: number | null;
  kind: string;
}) => {
  const width = BAR.end - props.x;
  const fill = props.value === null ? 0 : width * props.value;
  return (
    <g>
      <text class="card-label" x={BAR.labelX} y={props.y + 8}>
        {`${props.label} `}
      </text>
      <rect class="bar-bg" x={props.x} y={props.y} width={width} height="8" rx="4" />
      <rect class={`bar-fill ${props.kind}`} x={props.x} y={props.y} width={fill} height="8" rx="4" />
      {props.expected !== null && (
        <line
          class="bar-tick"
          x1={props.x + width * props.expected}
          x2={props.x + width * props.expected}
          y1={props.y - 3}
          y2={props.y + 11}
        />
      )}
    </g>
  );
};

const Card = (props: {
  ctx: ViewContext;
  card: PlacedCard;
  titles: Titles;
  /** The URL parameters of the link that collapses (or expands) this card. */
  toggle: Record<string, string | string[] | null>;
  root: boolean;
}) => {
  const { ctx, card } = props;
  const { t } = ctx;
  const { shown } = card;
  const { node } = shown;
  const text = cardText(ctx, node);
  const marked = unaligned(shown, props.root);
  const x = barX([text.own, text.aligned]);
  // Only what the filters leave under it can be collapsed.
  const hasChildren = shown.children.length > 0 || shown.collapsed;
  return (
    <g
      class={`card status-${node.status}${shown.matched ? "" : " dim"}${marked ? " unaligned" : ""}`}
      transform={`translate(${card.x},${card.y})`}
      data-id={node.id}
    >
      {/* The full title as a tooltip (the card may cut it); the link's name says it in full. */}
      <title>{node.title}</title>
      <a href={objectiveHref(ctx, node.id)} aria-label={cardLabel(ctx, shown, props.titles, marked)}>
        <rect class="card-bg" width={CARD.width} height={CARD.height} rx="8" />
        <g clip-path="url(#card-clip)">
          <rect class={`card-stripe fill-${node.status}`} width="6" height={CARD.height} rx="3" />
          <text class="card-title" x="14" y="20">
            {text.title.map((line, index) => (
              // The trailing space keeps words apart in the link's text, as a screen reader reads it.
              <tspan x="14" dy={index === 0 ? 0 : 17}>
                {`${line} `}
              </tspan>
            ))}
          </text>
          <text class="card-meta" x="14" y="54">
            {`${text.meta} `}
          </text>
          <Bar
            y={62}
            x={x}
            label={text.own}
            value={node.progress}
            expected={node.expected}
            kind={`fill-${node.status}`}
          />
          {text.aligned !== null && (
            <Bar
              y={78}
              x={x}
              label={text.aligned}
              value={node.alignedProgress}
              expected={node.expected}
              kind="fill-aligned"
            />
          )}
          {marked && (
            <text class="card-tag" x={BAR.labelX} y={CARD.height - 8}>
              {`◇ ${t("unalignedTag")} `}
            </text>
          )}
          <text
            class={`card-status text-${node.status}`}
            x={CARD.width - 12}
            y={CARD.height - 8}
            text-anchor="end"
          >
            {`${text.status} `}
          </text>
        </g>
      </a>
      {hasChildren && (
        <a
          class="toggle"
          href={href(ctx, `${DASHBOARD}/tree`, props.toggle)}
          aria-label={
            shown.collapsed
              ? t("expand", { title: node.title, count: shown.hiddenCount })
              : t("collapse", { title: node.title })
          }
          aria-expanded={shown.collapsed ? "false" : "true"}
        >
          <circle cx={CARD.width} cy={CARD.height / 2} r="11" />
          <text x={CARD.width} y={CARD.height / 2 + 5} text-anchor="middle">
            {shown.collapsed ? `+${shown.hiddenCount}` : "−"}
          </text>
        </a>
      )}
    </g>
  );
};

export const TreeView = (props: {
  ctx: ViewContext;
  cycle: string;
  asOf: string;
  /** The picture: one page of the top objectives, within TREE_PAGE (see data.ts pictureOf). */
  shown: ShownNode[];
  collapsed: string[];
  /** True when a large tree opened one level deep on its own (roots opened by `open`, not listed in `c`). */
  collapsedByDefault: boolean;
  /** The URL's `open` (roots opened in a tree collapsed by default) and `c` (subtrees collapsed). */
  open: string[];
  asked: string[];
  /** Where the page of top objectives starts, and how many there are. */
  top: { from: number; total: number };
  /** The objective whose children are the top of the picture (`under=`), or null: the whole tree. */
  under: { id: string; title: string } | null;
  choices: { teams: string[] | null; owners: string[] | null };
  titles: Titles;
  /** What the filters match, for the summary line (context nodes are not counted). */
  totals: GroupTotal;
  matchedCount: number;
  atRiskCount: number;
}) => {
  const { ctx, totals } = props;
  const { t, language } = ctx;
  const rollup = { cycle: props.cycle, asOf: props.asOf };
  // Company objectives first; team objectives that support none follow them, marked (not drawn as company
  // roots). Under one objective its children are aligned to it: none is marked.
  const top = new Set(props.shown.map((shown) => shown.node.id));
  const marked = (shown: ShownNode) =>
    props.under === null && top.has(shown.node.id) && unaligned(shown, true);
  const roots = [...props.shown.filter((shown) => !marked(shown)), ...props.shown.filter(marked)];
  const rootIds = new Set(roots.map((shown) => shown.node.id));
  const layout = layoutTree(roots);
  const titles = props.titles;
  const cardsById = new Map(layout.cards.map((card) => [card.shown.node.id, card]));
  const window = parseCycle(rollup.cycle);
  const expected = window ? expectedProgress(window, rollup.asOf) : null;
  const contributions = layout.cards.flatMap((card) =>
    card.shown.node.contributesTo.flatMap((id) => {
      const target = cardsById.get(id);
      return target ? [{ from: card, to: target }] : [];
    }),
  );
  const kept = {
    ...(props.under ? { under: props.under.id } : {}),
    ...(props.top.from > 0 ? { from: String(props.top.from) } : {}),
  };
  const orNull = (ids: string[]) => (ids.length > 0 ? ids : null);
  /** The toggle's link: by `open` for a root of a tree collapsed by default, else by `c`. */
  const toggle = (shown: ShownNode, root: boolean) => {
    const id = shown.node.id;
    if (props.collapsedByDefault && root && props.under === null) {
      const open = shown.collapsed ? [...props.open, id] : props.open.filter((other) => other !== id);
      return { ...kept, open: orNull(open), c: open.length > 0 ? orNull(props.asked) : null };
    }
    if (props.collapsedByDefault) {
      const asked = shown.collapsed ? props.asked.filter((other) => other !== id) : [...props.asked, id];
      return { ...kept, open: orNull(props.open), c: orNull(asked) };
    }
    const toggled = shown.collapsed
      ? props.collapsed.filter((other) => other !== id)
      : [...props.collapsed, id];
    return { ...kept, c: orNull(toggled) };
  };
  const state = {
    ...(props.under ? { under: props.under.id } : {}),
    open: orNull(props.open),
    c: props.collapsedByDefault ? orNull(props.asked) : orNull(props.collapsed),
  };
  const pageLink = (from: number) =>
    href(ctx, `${DASHBOARD}/tree`, { ...state, from: from > 0 ? String(from) : null });
  const moreUnder = layout.cards.filter((card) => (card.shown.more ?? 0) > 0);
  return (
    <Page ctx={ctx} title={t("treeTitle")}>
      <h1>{t("treeTitle")}</h1>
      {/* The state of the company first (on a phone, the first screen): progress against expected, the mix. */}
      <section class="state" aria-labelledby="state-heading">
        <h2 id="state-heading" class="state-title">
          {t("headline", { cycle: rollup.cycle })}
        </h2>
        <p class="state-progress">
          <span class="state-number">
            {t("headlineProgress", { progress: percent(language, totals.meanProgress) })}
          </span>{" "}
          <ProgressBar
            language={language}
            value={totals.meanProgress}
            expected={expected}
            width={140}
            showText={false}
          />{" "}
          <span class="state-expected">
            {t("headlineExpected", { expected: percent(language, expected) })}
          </span>
        </p>
        <p class="state-mix">
          <StatusMix t={t} counts={totals.statusCounts} />
        </p>
        <p class="summary">
          {t("summary", {
            objectives: totals.objectiveCount,
            krs: totals.keyResultCount,
            progress: percent(language, totals.meanProgress),
            atRisk: props.atRiskCount,
          })}
        </p>
      </section>
      <p class="lede">{t("treeIntro")}</p>
      <FilterForm ctx={ctx} teams={props.choices.teams} owners={props.choices.owners} />
      {props.under && (
        <p class="notice" role="note">
          {t("underHeading", { title: props.under.title })}{" "}
          <a href={href(ctx, `${DASHBOARD}/tree`)}>{t("wholeTree")}</a>
        </p>
      )}
      <p class="actions">
        <a href={href(ctx, `${DASHBOARD}/export.csv`, { view: "tree" })} download>
          {t("exportCsv")}
        </a>
        {props.collapsed.length > 0 && (
          <a href={href(ctx, `${DASHBOARD}/tree`, { expand: "all" })}>{t("expandAll")}</a>
        )}
        <span class="legend">
          <svg width="40" height="10" aria-hidden="true" focusable="false">
            <line class="contrib" x1="0" y1="5" x2="40" y2="5" />
          </svg>{" "}
          {t("contributesLegend")} ·{" "}
          <svg width="10" height="14" aria-hidden="true" focusable="false">
            <line class="bar-tick" x1="5" x2="5" y1="0" y2="14" />
          </svg>{" "}
          {t("expected")} · ◇ {t("unalignedLegend")}
        </span>
      </p>
      {props.collapsedByDefault && props.open.length === 0 && props.asked.length === 0 && (
        <p class="notice" role="note">
          {t("largeTree", { count: props.matchedCount })}
        </p>
      )}
      {layout.cards.length === 0 ? (
        <p class="empty">{t("nothingMatches")}</p>
      ) : (
        <div class="tree-scroll">
          {/* biome-ignore lint/a11y/useSemanticElements: an SVG picture of linked cards is a group, not a form fieldset */}
          <svg
            class="tree"
            role="group"
            aria-label={t("treeLabel", { cycle: rollup.cycle })}
            width={layout.width}
            height={layout.height}
            viewBox={`0 0 ${layout.width} ${layout.height}`}
          >
            <defs>
              <clipPath id="card-clip">
                <rect width={CARD.width} height={CARD.height} rx="8" />
              </clipPath>
              <marker
                id="arrow"
                viewBox="0 0 10 10"
                refX="9"
                refY="5"
                markerWidth="7"
                markerHeight="7"
                orient="auto-start-reverse"
              >
                <path d="M 0 0 L 10 5 L 0 10 z" class="arrow" />
              </marker>
            </defs>
            <g class="links">
              {layout.edges.map(({ from, to }) => {
                const x1 = from.x + CARD.width;
                const y1 = from.y + CARD.height / 2;
                const x2 = to.x;
                const y2 = to.y + CARD.height / 2;
                const mid = (x1 + x2) / 2;
                return <path class="edge" d={`M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`} />;
              })}
              {contributions.map(({ from, to }) => (
                <path class="contrib" marker-end="url(#arrow)" d={contributionPath(from, to)} />
              ))}
            </g>
            {layout.cards.map((card) => (
              <Card
                ctx={ctx}
                card={card}
                titles={titles}
                toggle={toggle(card.shown, rootIds.has(card.shown.node.id))}
                root={marked(card.shown)}
              />
            ))}
          </svg>
        </div>
      )}
      {moreUnder.length > 0 && (
        <ul class="more">
          {moreUnder.map((card) => (
            <li>
              <a href={href(ctx, `${DASHBOARD}/tree`, { under: card.shown.node.id })}>
                {t("moreUnder", { count: card.shown.more ?? 0, title: card.shown.node.title })}
              </a>
            </li>
          ))}
        </ul>
      )}
      {props.top.total > TREE_PAGE.top && (
        <p class="more">
          {t("treePage", {
            from: props.top.from + 1,
            to: Math.min(props.top.total, props.top.from + TREE_PAGE.top),
            total: props.top.total,
          })}{" "}
          {props.top.from > 0 && (
            <a href={pageLink(Math.max(0, props.top.from - TREE_PAGE.top))}>
              {t("previousPage", { count: TREE_PAGE.top })}
            </a>
          )}{" "}
          {props.top.from + TREE_PAGE.top < props.top.total && (
            <a href={pageLink(props.top.from + TREE_PAGE.top)}>{t("nextPage", { count: TREE_PAGE.top })}</a>
          )}
        </p>
      )}
    </Page>
  );
};
