// Admin commands on a Store (the CLI parses arguments and prints; this does the work).
import type { KeyRole } from "../../shared/contract.js";
import { createOrgWithAdminKey, issueApiKey } from "../auth/api-keys.js";
import type { ApiKeyRecord, Store } from "../store/types.js";

export class UsageError extends Error {}

export type Flags = Record<string, string | true>;

export function parseFlags(args: readonly string[]): { command: string; flags: Flags } {
  const [command = "help", ...rest] = args;
  const flags: Flags = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith("--")) throw new UsageError(`Unexpected argument '${arg}'`);
    const next = rest[i + 1];
    if (next !== undefined && !next.startsWith("--")) {
      flags[arg.slice(2)] = next;
      i++;
    } else flags[arg.slice(2)] = true;
  }
  return { command, flags };
}

function text(flags: Flags, name: string): string {
  const value = flags[name];
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(`--${name} <value> is required`);
  return value.trim();
}

export const USAGE = `Usage: npm run admin -- <command>
  create-org --name "Acme"                                 new organisation + its first admin key
  create-key --org ID --role writer --sheet SHEET_ID [--label TEXT]
  create-key --org ID --role reader [--label TEXT]
  list-keys --org ID
  revoke-key --org ID --key KEY_ID
  reindex --org ID                                         rewrite rows stored before the catalog index existed
Storage: local .data dynalite by default; OKR_DYNAMODB_ENDPOINT, TABLE_NAME, AWS_REGION/credentials for DynamoDB.`;

const describeKey = (key: ApiKeyRecord) =>
  `${key.id}  ${key.role.padEnd(6)}  ${key.sheetId ?? "-"}  ${key.revokedAt ? `revoked ${key.revokedAt}` : "active"}  ${key.label}`;

/** Runs one command; returns the lines to print. */
export async function runCommand(
  store: Store,
  args: readonly string[],
  now: Date = new Date(),
): Promise<string[]> {
  const { command, flags } = parseFlags(args);
  switch (command) {
    case "create-org": {
      const { orgId, key } = await createOrgWithAdminKey(store, { name: text(flags, "name"), now });
      return [`Organisation: ${orgId}`, `Admin key (shown once, store it now): ${key.secret}`];
    }
    case "create-key": {
      const orgId = text(flags, "org");
      if (!(await store.getOrg(orgId))) throw new UsageError(`No organisation '${orgId}'`);
      const role = text(flags, "role") as KeyRole;
      if (role !== "writer" && role !== "reader" && role !== "admin") {
        throw new UsageError("--role must be writer, reader or admin");
      }
      const sheetId = role === "writer" ? text(flags, "sheet") : null;
      if (role !== "writer" && flags.sheet !== undefined)
        throw new UsageError("--sheet is only for writer keys");
      const label = typeof flags.label === "string" ? flags.label : "";
      const { record, secret } = await issueApiKey(store, { orgId, role, sheetId, label, now });
      return [
        `Key ${record.id} (${role}${sheetId ? ` for sheet ${sheetId}` : ""})`,
        `Secret (shown once): ${secret}`,
      ];
    }
    case "list-keys": {
      const keys = await store.listApiKeys(text(flags, "org"));
      return keys.length ? keys.map(describeKey) : ["No keys"];
    }
    case "revoke-key": {
      const ok = await store.revokeApiKey(text(flags, "org"), text(flags, "key"), now.toISOString());
      if (!ok) throw new UsageError("No such key in that organisation");
      return ["Revoked"];
    }
    case "reindex": {
      // Rows are written unchanged: their keys and data stay, the catalog's index attributes are added.
      const orgId = text(flags, "org");
      if (!(await store.getOrg(orgId))) throw new UsageError(`No organisation '${orgId}'`);
      let rows = 0;
      const sheets = await store.listOrgSheets(orgId);
      for (const { sheet, rows: stored } of sheets) {
        await store.putRows(orgId, sheet.sheetId, stored);
        rows += stored.length;
      }
      return [`Reindexed ${rows} rows of ${sheets.length} sheets`];
    }
    case "help":
      return [USAGE];
    default:
      throw new UsageError(`Unknown command '${command}'\n${USAGE}`);
  }
}
