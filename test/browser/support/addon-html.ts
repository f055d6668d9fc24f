// Opens one of the add-on's pushed HTML files (sidebars, dialogs) in Chromium with google.script.run answered by
// the built add-on's global functions, as the browser tests and `npm run screenshots` need it.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { DIST } from "../../support/gas/load-addon.js";

export type AddonGlobals = Record<string, unknown>;

export interface AddonPage {
  page: Page;
  errors: string[];
  calls: { name: string; args: unknown[] }[];
}

/** google.script.run: each call crosses into Node through the exposed __callServer binding. */
const GOOGLE_SCRIPT_RUN = `(() => {
  const makeRunner = (success, failure) =>
    new Proxy({}, {
      get(_target, prop) {
        if (prop === "withSuccessHandler") return (fn) => makeRunner(fn, failure);
        if (prop === "withFailureHandler") return (fn) => makeRunner(success, fn);
        return (...args) => {
          window.__callServer(prop, args).then((v) => success && success(v), (e) => failure && failure(e));
        };
      },
    });
  window.google = { script: { run: makeRunner(), host: { close: () => undefined } } };
})();`;

/**
 * Calls cross into Node through an exposed binding, as the real google.script.run crosses to the server. Served
 * from a fake origin: init scripts run on navigation (not on setContent), and nothing else is reachable.
 */
export async function openAddonHtml(
  browser: Browser,
  file: string,
  addon: AddonGlobals,
  size = { width: 420, height: 520 },
): Promise<AddonPage> {
  const page = await browser.newPage({ viewport: size });
  const errors: string[] = [];
  const calls: { name: string; args: unknown[] }[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await page.exposeFunction("__callServer", (name: string, args: unknown[]) => {
    calls.push({ name, args });
    const fn = addon[name];
    if (typeof fn !== "function") throw new Error(`No server function ${name}`);
    return JSON.parse(JSON.stringify((fn as (...a: unknown[]) => unknown)(...args) ?? null));
  });
  // A string, not a function: a function is sent as its source, which tsx (npm run screenshots) would have
  // rewritten with helpers (__name) the page does not have.
  await page.addInitScript(GOOGLE_SCRIPT_RUN);
  await page.route("http://addon.test/**", (route) =>
    route.fulfill({ contentType: "text/html", body: readFileSync(path.join(DIST, `${file}.html`), "utf8") }),
  );
  await page.goto(`http://addon.test/${file}.html`);
  return { page, errors, calls };
}
