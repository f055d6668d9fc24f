export { CallCounter, counted } from "./counter.js";
export { loadAddon, DIST, type AddonGlobals } from "./load-addon.js";
export { createGas, type Gas } from "./services.js";
export { FakeWorkbook, FakeSheet, FakeRange } from "./spreadsheet.js";
