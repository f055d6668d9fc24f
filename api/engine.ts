// The shared OKR engine, as the API uses it. All OKR logic lives in shared/; the API only calls it.

export { computeRows } from "../shared/progress.js";
export { buildRollup, listCycles, objectiveRef } from "../shared/rollup.js";
export { validateRows } from "../shared/validate.js";
