// The read model: what leaders' views (the JSON routes, the dashboard, the add-on's catalog) read. Routes and
// pages call these; they never read rows themselves.

export { type KpiBoardRequest, kpiBoardView, loadKpiBoard } from "./kpi-board.js";
export {
  liveSheets,
  liveSheetsWithUpdates,
  stripStored,
} from "./live-rows.js";
export {
  childrenPage,
  decodeCursor,
  encodeCursor,
  firstPage,
  type ListPage,
  listPage,
  type RollupCursor,
  type RollupPage,
} from "./pages.js";
export { backfillSummaries, readSnapshot, rowsAfter, summarize } from "./summaries.js";
export { rowHistory, valueHistories } from "./value-history.js";
export {
  cyclesView,
  derivedEntry,
  derivedView,
  forCycle,
  type KeyResultFacts,
  type OrgData,
  orgData,
  type RollupRequest,
  type RollupView,
  rollupView,
  type ViewSession,
  viewSession,
} from "./views.js";
