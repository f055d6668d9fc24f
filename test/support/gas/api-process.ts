// The real API (node server + in-memory dynalite) in its own process: the double's UrlFetchApp.fetch blocks
// the test process like the real one blocks Apps Script, so the server cannot share the test's event loop.
// Prints one JSON line {url, orgId, adminKey, writerKeys} and serves until killed.
import { issueApiKey } from "../../../api/auth/api-keys.js";
import { createOrg, startApiServer } from "../api-server.js";

const writerSheets = process.argv.slice(2);
const api = await startApiServer();
const { orgId, adminKey } = await createOrg(api.store, "Acme");
const writerKeys: Record<string, string> = {};
for (const sheetId of writerSheets) {
  const issued = await issueApiKey(api.store, {
    orgId,
    role: "writer",
    sheetId,
    label: sheetId,
    now: new Date(),
  });
  writerKeys[sheetId] = issued.secret;
}
process.stdout.write(`${JSON.stringify({ url: api.url, orgId, adminKey, writerKeys })}\n`);
const stop = async () => {
  await api.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
