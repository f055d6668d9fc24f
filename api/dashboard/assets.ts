// The dashboard's stylesheet, served from the app itself (no CDN), so the Content-Security-Policy can
// forbid everything else. The pages need no script: forms are submitted with their buttons (a dropdown that
// submitted itself on change would trap keyboard users, who change a select with the arrow keys).
export const DASHBOARD_CSS = `
:root {
  --ink: #1b2430; --muted: #4b5565; --line: #d5dae1; --paper: #ffffff; --wash: #f4f6f9; --accent: #1f5fae;
  --on_track: #1c7d45; --at_risk: #b07700; --off_track: #c0282b; --done: #2c66b8; --not_started: #7b8494;
  --aligned: #6b4fa8;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: var(--wash); line-height: 1.45;
}
* { box-sizing: border-box; }
body { margin: 0; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, select:focus-visible, input:focus-visible, main:focus-visible {
  outline: 3px solid #ffb000; outline-offset: 2px;
}
svg a:focus-visible { outline: none; }
svg a:focus-visible .card-bg, svg a:focus-visible circle { stroke: #1b2430; stroke-width: 3; }
.skip { position: absolute; left: -9999px; top: 0; background: var(--paper); padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: .5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
header.top { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; padding: .6rem 1rem;
  background: #14325c; color: #fff; }
header.top a { color: #fff; }
.brand { display: flex; flex-direction: column; }
.brand .product { font-weight: 700; font-size: 1.05rem; }
.brand .org { font-size: .85rem; color: #d6e2f3; }
header nav ul, .languages ul, ul.inline { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem .9rem; }
.views a { text-decoration: none; padding: .3rem .1rem; border-bottom: 3px solid transparent; }
.views a[aria-current="page"] { border-bottom-color: #ffd166; font-weight: 600; }
.tools { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin-left: auto; }
.tools label { font-size: .85rem; margin-right: .3rem; }
.languages a[aria-current="true"] { font-weight: 700; text-decoration: none; }
.sign-out, .cycle-form { margin: 0; }
button { font: inherit; padding: .35rem .8rem; border-radius: 6px; border: 1px solid #14325c; background: #14325c; color: #fff; cursor: pointer; }
button.secondary { background: #fff; color: #14325c; }
select, input { font: inherit; padding: .3rem .4rem; border: 1px solid #8d96a3; border-radius: 6px; background: #fff; color: var(--ink); }
main { padding: 1rem; max-width: 1400px; margin: 0 auto; }
h1 { font-size: 1.6rem; margin: .3rem 0 .4rem; }
h2 { font-size: 1.15rem; margin: 1.4rem 0 .5rem; }
.lede { color: var(--muted); max-width: 70ch; margin-top: 0; }
.summary { font-weight: 600; }
.meta, .help, .hint { color: var(--muted); font-size: .9rem; }
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: flex-end; background: var(--paper);
  border: 1px solid var(--line); border-radius: 8px; padding: .6rem .8rem; margin: .6rem 0; }
.field { display: flex; flex-direction: column; gap: .15rem; font-size: .9rem; }
.field.buttons { flex-direction: row; align-items: center; gap: .8rem; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem 1.2rem; align-items: center; font-size: .95rem; }
.legend { color: var(--muted); }
.tree-scroll, .table-scroll { overflow: auto; background: var(--paper); border: 1px solid var(--line); border-radius: 8px; }
.tree-scroll { max-height: 78vh; }
svg.tree { display: block; }
.card-bg { fill: #fff; stroke: #b9c1cc; }
.dim .card-bg { fill: #f1f3f6; stroke-dasharray: 4 3; }
.card-title { font-size: 14px; font-weight: 600; fill: var(--ink); }
.card-meta, .card-label { font-size: 12px; fill: #4b5565; }
.card-status { font-size: 12px; font-weight: 600; }
.text-on_track { fill: #17663a; } .text-at_risk { fill: #7a5300; } .text-off_track { fill: #a32124; }
.text-done { fill: #245599; } .text-not_started { fill: #4b5565; }
.bar-bg { fill: #e3e7ec; }
.bar-tick { stroke: #1b2430; stroke-width: 2; }
.fill-on_track { fill: var(--on_track); } .fill-at_risk { fill: var(--at_risk); } .fill-off_track { fill: var(--off_track); }
.fill-done { fill: var(--done); } .fill-not_started { fill: var(--not_started); } .fill-neutral { fill: var(--accent); }
.fill-aligned { fill: var(--aligned); }
.edge { fill: none; stroke: #9aa4b1; stroke-width: 1.5; }
.contrib { fill: none; stroke: var(--aligned); stroke-width: 1.5; stroke-dasharray: 5 4; }
.arrow { fill: var(--aligned); }
.toggle circle { fill: #fff; stroke: #14325c; stroke-width: 1.5; }
.toggle text { font-size: 12px; font-weight: 700; fill: #14325c; }
.status { display: inline-block; padding: .05rem .5rem; border-radius: 999px; font-size: .85rem; font-weight: 600; white-space: nowrap; }
.status-on_track.status { background: #d8f0e1; color: #135a31; } .status-at_risk.status { background: #fdefc4; color: #6b4800; }
.status-off_track.status { background: #f9dcdc; color: #8e1d20; } .status-done.status { background: #dbe7fa; color: #1f4d8c; }
.status-not_started.status { background: #e9edf2; color: #3d4552; }
.bar, .mix { display: inline-flex; align-items: center; gap: .4rem; white-space: nowrap; }
.bar-text { font-variant-numeric: tabular-nums; }
.mix-text { font-size: .85rem; color: var(--muted); white-space: normal; }
table { border-collapse: collapse; width: 100%; background: var(--paper); }
caption { text-align: left; font-weight: 700; padding: .5rem .6rem; }
th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { background: #eef1f5; font-size: .88rem; }
tbody th { font-weight: 600; }
.grade { display: inline-block; padding: .05rem .5rem; border-radius: 999px; font-size: .85rem; font-weight: 600; white-space: nowrap; }
.grade-green { background: #d8f0e1; color: #135a31; } .grade-yellow { background: #fdefc4; color: #6b4800; } .grade-red { background: #f9dcdc; color: #8e1d20; }
.row-note { display: block; font-weight: 400; font-size: .85rem; color: var(--muted); }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.insights { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 34rem), 1fr)); gap: 0 1.5rem; }
.insight { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: .2rem 1rem .8rem; margin-bottom: 1rem; min-width: 0; }
.insight h2 { margin-top: .8rem; }
.insight.wide { grid-column: 1 / -1; }
.count { display: inline-block; min-width: 1.6rem; text-align: center; border-radius: 999px; background: #e3e7ec; font-size: .85rem; padding: 0 .4rem; }
ul.items { padding-left: 1.1rem; margin: .3rem 0; }
ul.items li { margin: .25rem 0; }
.inline-form { display: flex; flex-wrap: wrap; gap: .4rem .6rem; align-items: center; margin: .2rem 0 .6rem; font-size: .9rem; }
.inline-form input { width: 5.5rem; }
.more { font-size: .9rem; color: var(--muted); }
.empty { color: var(--muted); font-style: italic; }
.headline { display: flex; flex-wrap: wrap; gap: .6rem 1.4rem; align-items: center; margin: .6rem 0; }
dl.links { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; background: var(--paper);
  border: 1px solid var(--line); border-radius: 8px; padding: .6rem .9rem; }
dl.links dt { font-weight: 600; } dl.links dd { margin: 0; }
figure.trend { margin: 0; background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: .6rem; max-width: 760px; }
.grid { stroke: #e3e7ec; } .axis { font-size: 11px; fill: #4b5565; }
.expected-line { stroke: #1b2430; stroke-width: 1.5; stroke-dasharray: 3 4; }
.line { fill: none; stroke-width: 2.2; }
.series-0 { stroke: #1f5fae; fill: #1f5fae; } .series-1 { stroke: #b4500a; fill: #b4500a; }
.series-2 { stroke: #1c7d45; fill: #1c7d45; } .series-3 { stroke: #6b4fa8; fill: #6b4fa8; } .series-4 { stroke: #a32124; fill: #a32124; }
polyline.line { fill: none; }
.legend-list { list-style: none; padding: 0; margin: .4rem 0 0; display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; font-size: .9rem; }
.crumbs { margin: .2rem 0; }
main.sign-in { max-width: 34rem; margin: 3rem auto; background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 1.5rem; }
main.sign-in form { display: flex; flex-direction: column; gap: .4rem; margin: 1rem 0; }
main.sign-in .product { font-weight: 700; color: #14325c; margin: 0; }
.sign-in .languages a { color: var(--accent); }
.error { background: #f9dcdc; color: #8e1d20; border-radius: 6px; padding: .5rem .7rem; }
.notice { background: #dbe7fa; color: #1f4d8c; border-radius: 6px; padding: .5rem .7rem; }
form.import, form.export-language { display: flex; flex-direction: column; align-items: flex-start; gap: .4rem; margin: .6rem 0 1rem; }
form.export-language { flex-direction: row; align-items: center; flex-wrap: wrap; }
.import-results { border: 1px solid #c4cad3; border-radius: 8px; padding: .4rem 1rem .8rem; margin: 1rem 0; }
.import-results .synced { font-weight: 600; }
.import-results ul.errors li { margin: .3rem 0; }
table.problems tr.severity-error td:first-child { color: #8e1d20; font-weight: 700; }
table.problems tr.severity-warning td:first-child { color: #7a4d00; font-weight: 600; }
ul.templates { padding-left: 1.2rem; }
.state { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: .5rem .8rem; margin: .4rem 0 .6rem; }
.state-title { font-size: 1rem; margin: 0 0 .2rem; color: var(--muted); }
.state-progress, .state-mix, .state .summary { margin: .2rem 0; }
.state-number { font-size: 1.5rem; font-weight: 700; }
.state-expected { color: var(--muted); }
.confidence { color: var(--muted); font-size: .85rem; white-space: nowrap; }
.card-tag { font-size: 12px; font-weight: 600; fill: #6b4fa8; }
.unaligned .card-bg { stroke: var(--aligned); stroke-dasharray: 6 3; stroke-width: 1.5; }
.kpi-team { margin-top: 1.2rem; }
.kpi-objective { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: .4rem .8rem .6rem; margin: .6rem 0; }
.kpi-objective h3 { font-size: 1rem; margin: .3rem 0; }
.kpi-sides { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr)); gap: .4rem 1.2rem; }
.kpi-sides h4 { font-size: .9rem; margin: .3rem 0; color: var(--muted); }
ul.kpis { list-style: none; margin: 0; padding: 0; }
ul.kpis li { border-top: 1px solid var(--line); padding: .4rem 0; display: grid; grid-template-columns: 1fr auto; gap: .1rem .8rem; }
.kpi-name { font-weight: 600; }
.kpi-value { font-size: 1.1rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.health { display: inline-block; padding: .05rem .5rem; border-radius: 999px; font-size: .85rem; font-weight: 600; white-space: nowrap; }
.health-healthy { background: #e3f3e8; color: #17663a; } .health-unhealthy { background: #fbe5e5; color: #8e1d20; }
.health-none { background: #eef0f3; color: var(--muted); }
.spark .line { fill: none; stroke: var(--accent); stroke-width: 1.5; }
.spark .band { fill: #e3f3e8; } .spark .dot-healthy { fill: #1c7d45; } .spark .dot-unhealthy { fill: #c0282b; } .spark .dot-none { fill: #7b8494; }
@media (max-width: 640px) {
  header.top { padding: .5rem; gap: .3rem .8rem; }
  /* One scrolling line of views on a phone, so the page's own first lines show on the first screen. */
  header nav { max-width: 100%; overflow-x: auto; }
  header nav ul.views { flex-wrap: nowrap; white-space: nowrap; }
  .who { display: none; }
  .tools { margin-left: 0; }
  main { padding: .6rem; }
  h1 { font-size: 1.3rem; }
  .filters { flex-direction: column; align-items: stretch; }
}
`;
