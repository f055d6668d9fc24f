// How the CLI and the dashboard reach the API for an import: the Hono app in-process (app.request, the
// same routes and middleware as over HTTP) with an admin key. Without a key of its own (the CLI, the
// dashboard's session), an import issues an admin key for itself and revokes it when done. The app comes in
// from the caller (api/app/in-process.ts makes one; the dashboard is handed the app that mounts it), so this
// module never imports the app that imports the dashboard.
import type { AppDeps } from "../app/config.js";
import { issueApiKey } from "../auth/api-keys.js";
import type { ApiCall } from "./sync.js";

/** Calls a Hono app's routes in-process, as fetch would over HTTP. */
export function appApi(app: {
  request(url: string, init: RequestInit): Response | Promise<Response>;
}): ApiCall {
  return (path, init) => Promise.resolve(app.request(`http://okr.local${path}`, init));
}

/** An admin key for one import, revoked by `close`. */
export async function importKey(
  deps: AppDeps,
  api: ApiCall,
  orgId: string,
  label: string,
): Promise<{ api: ApiCall; key: string; close: () => Promise<void> }> {
  const { record, secret } = await issueApiKey(deps.store, {
    orgId,
    role: "admin",
    sheetId: null,
    label,
    now: deps.now(),
  });
  return {
    api,
    key: secret,
    close: async () => {
      await deps.store.revokeApiKey(orgId, record.id, deps.now().toISOString());
    },
  };
}
