export { CallCounter, counted } from "./counter.js";
export { type AddonGlobals, DIST, loadAddon } from "./load-addon.js";
export { createGas, type Gas } from "./services.js";
export { FakeRange, FakeSheet, FakeWorkbook } from "./spreadsheet.js";
