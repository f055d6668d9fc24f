// What the in-process crash-safety tests share: the API on a clock the test moves, one organisation, faults
// injected into the store's document client, and the add-on's sync loop against it.
import { createOrg, startTestApp } from "../support/api-server.js";
import { injectFaults } from "../support/faults.js";
import { addonSyncer } from "./addon-sync.js";
import { caller } from "./client.js";

export type CrashApp = Awaited<ReturnType<typeof startCrashApp>>;

export async function startCrashApp(orgName: string, now: () => Date, writeLeaseMs: number) {
  const api = await startTestApp({ now, config: { writeLeaseMs } });
  const http = caller((request) => api.app.fetch(request));
  const { adminKey: admin, orgId } = await createOrg(api.store, orgName, now());
  const faults = injectFaults(api.clients.documentClient);
  return { api, http, admin, orgId, faults, addonSync: addonSyncer(http, admin) };
}
