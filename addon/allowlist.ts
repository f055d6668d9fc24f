// The URLs the add-on may fetch: the manifest's urlFetchWhitelist, written by build.ts and compiled in here, so
// Settings refuses (and the client never tries) a URL Apps Script would refuse after four attempts.

/** Replaced at build time with the manifest's urlFetchWhitelist (see build.ts). */
declare const __OKR_URL_ALLOWLIST__: string[];

// (typeof: build.ts imports this module in Node, where nothing replaced it, to list the entry points.)
export const URL_ALLOWLIST: readonly string[] =
  typeof __OKR_URL_ALLOWLIST__ === "undefined" ? [] : __OKR_URL_ALLOWLIST__;

/**
 * A URL matches a prefix when it is the prefix or a child of it (https://example.com/foo allows /foo, /foo/bar,
 * /foo?x): https://developers.google.com/apps-script/manifest/allowlist-url. build.ts writes no wildcards.
 */
export function isAllowlisted(url: string, prefixes: readonly string[] = URL_ALLOWLIST): boolean {
  return prefixes.some((prefix) => {
    if (!url.startsWith(prefix)) return false;
    const rest = url.slice(prefix.length);
    return rest === "" || prefix.endsWith("/") || /^[/?#]/.test(rest);
  });
}
