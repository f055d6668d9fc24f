// Refuses JSON bodies nested deeper than any request of this API needs, before they are parsed: JSON.parse of
// a 2 MB body nested a million levels blocks the event loop for about a second (every other request waits),
// while this scan stops at the first bracket too deep.
import type { MiddlewareHandler } from "hono";
import { ApiError } from "../../app/errors.js";

/** The deepest request is a sync: {rows: [{contributesTo: [...]}]}, three levels; this leaves room. */
export const MAX_JSON_DEPTH = 16;

const QUOTE = 34;
const BACKSLASH = 92;
const OPENERS = new Set([123, 91]); // { [
const CLOSERS = new Set([125, 93]); // } ]

/** True when arrays and objects in `text` nest deeper than `max` (brackets inside strings do not count). */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      // Skip the string: to its closing quote, over escaped characters.
      for (i++; i < text.length; i++) {
        const inner = text.charCodeAt(i);
        if (inner === BACKSLASH) i++;
        else if (inner === QUOTE) break;
      }
    } else if (OPENERS.has(code)) {
      if (++depth > max) return true;
    } else if (CLOSERS.has(code)) depth--;
  }
  return false;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;

export function limitJsonDepth(maxDepth = MAX_JSON_DEPTH): MiddlewareHandler {
  return async (c, next) => {
    if (
      c.req.method === "GET" ||
      c.req.method === "HEAD" ||
      !JSON_TYPE.test(c.req.header("Content-Type") ?? "")
    )
      return next();
    // The text is kept by the request: the JSON validator later parses this same text, once.
    if (nestsDeeperThan(await c.req.text(), maxDepth)) {
      throw new ApiError(
        400,
        "json_too_deep",
        `The request body nests arrays and objects more than ${maxDepth} levels deep; no request of this API needs that many`,
        { maxDepth },
      );
    }
    await next();
  };
}
