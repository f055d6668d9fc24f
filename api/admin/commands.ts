// Admin commands on a Store (the CLI parses arguments and prints; this does the work).
import { writeFileSync } from "node:fs";
import type { KeyRole } from "../../shared/contract.js";
import { languageFromLocale } from "../../shared/i18n.js";
import { LANGUAGES, type Language } from "../../shared/model.js";
import { normalEmail, parsePerson } from "../../shared/people.js";
import { isTimeZone } from "../../shared/time-zone.js";
import { DEFAULT_CONFIG } from "../app/config.js";
import { inProcessApi } from "../app/in-process.js";
import { createOrgWithAdminKey, generateSecret, issueApiKey, sha256Hex } from "../auth/api-keys.js";
import { exportSheet, exportTemplate, templateFileName } from "../export/index.js";
import { importKey } from "../import/connect.js";
import { filesAt } from "../import/files.js";
import { importFiles, reportLines } from "../import/index.js";
import { summarize } from "../read/summaries.js";
import type { ApiKeyRecord, Store } from "../store/types.js";

/** --lang, else the terminal's language (LANG), else English. */
function languageOf(flags: Flags): Language {
  const asked = flags.lang;
  if (typeof asked === "string") {
    if (!(LANGUAGES as readonly string[]).includes(asked))
      throw new UsageError("--lang must be en, sv or nb");
    return asked as Language;
  }
  return languageFromLocale(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG);
}

export class UsageError extends Error {}

export type Flags = Record<string, string | true>;

/** Commands that take file paths after their flags. */
const TAKES_PATHS = new Set(["import"]);

export function parseFlags(args: readonly string[]): { command: string; flags: Flags; paths: string[] } {
  // "people add ..." is one command with a sub-command
  const [first = "help", ...others] = args;
  const [command, rest] =
    first === "people" && others[0] && !others[0].startsWith("--")
      ? [`people ${others[0]}`, others.slice(1)]
      : [first, others];
  const flags: Flags = {};
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith("--")) {
      if (!TAKES_PATHS.has(command)) throw new UsageError(`Unexpected argument '${arg}'`);
      paths.push(arg);
      continue;
    }
    const next = rest[i + 1];
    if (next !== undefined && !next.startsWith("--")) {
      flags[arg.slice(2)] = next;
      i++;
    } else flags[arg.slice(2)] = true;
  }
  return { command, flags, paths };
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
  reindex --org ID                                         rewrite rows and ID records stored before their indexes existed
  import --org ID [--lang en|sv|nb] FILE...                .xlsx (every OKR tab) and .csv files, each a sheet
  export --org ID --sheet SHEET_ID [--lang en|sv|nb] [--out FILE.xlsx]
  template [--lang en|sv|nb] [--out FILE.xlsx]             a starter sheet with the add-on's formulas
  set-time-zone --org ID --time-zone Europe/Stockholm     the day the dashboard and rollup count in (IANA name)
  people list --org ID                                     the people list (owners resolve to these)
  people add --org ID --email E --name N [--team T] [--role reader|admin] [--leader]
  people remove --org ID --email E
  people invite --org ID --email E [--url BASE]            a one-time sign-in link (7 days), printed
Storage: local .data dynalite by default; OKR_DYNAMODB_ENDPOINT, TABLE_NAME, AWS_REGION/credentials for DynamoDB.`;

const describeKey = (key: ApiKeyRecord) =>
  `${key.id}  ${key.role.padEnd(6)}  ${key.sheetId ?? "-"}  ${key.revokedAt ? `revoked ${key.revokedAt}` : "active"}  ${key.label}`;

/** Runs one command; returns the lines to print. */
export async function runCommand(
  store: Store,
  args: readonly string[],
  now: Date = new Date(),
): Promise<string[]> {
  const { command, flags, paths } = parseFlags(args);
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
        // and the record of the IDs the sheet owns (sheets synced before it existed have none)
        await store.putSheetIds(
          orgId,
          sheet.sheetId,
          stored.filter((row) => !row.deleted),
        );
        // and the read model's summary (a pending sheet writes its own when its revision is committed)
        if (sheet.rowsPending === null)
          await store.putSheetSummary(orgId, summarize(sheet.sheetId, sheet.name, sheet.revision, stored));
        rows += stored.length;
      }
      await store.bumpReadRevision(orgId);
      return [`Reindexed ${rows} rows of ${sheets.length} sheets`];
    }
    case "import": {
      const orgId = text(flags, "org");
      if (!(await store.getOrg(orgId))) throw new UsageError(`No organisation '${orgId}'`);
      if (paths.length === 0) throw new UsageError("import needs one or more .xlsx or .csv files");
      const language = languageOf(flags);
      const deps = { store, now: () => now, config: DEFAULT_CONFIG };
      const report = await importFiles(filesAt(paths), {
        language,
        connect: () =>
          importKey(deps, inProcessApi(deps), orgId, `npm run admin -- import (${now.toISOString()})`),
      });
      const lines = reportLines(report, language);
      if (!report.ok) throw new UsageError(lines.join("\n"));
      return lines;
    }
    case "export": {
      const orgId = text(flags, "org");
      const sheetId = text(flags, "sheet");
      const language = languageOf(flags);
      const bytes = await exportSheet(
        { store, now: () => now, config: DEFAULT_CONFIG },
        orgId,
        sheetId,
        language,
      );
      if (!bytes) throw new UsageError(`No sheet '${sheetId}' in organisation '${orgId}'`);
      const out = typeof flags.out === "string" ? flags.out : `${sheetId}.xlsx`;
      writeFileSync(out, bytes);
      return [`Wrote ${out} (${bytes.length} bytes)`];
    }
    case "template": {
      const language = languageOf(flags);
      const bytes = await exportTemplate(language, now);
      const out = typeof flags.out === "string" ? flags.out : templateFileName(language);
      writeFileSync(out, bytes);
      return [`Wrote ${out} (${bytes.length} bytes)`];
    }
    case "set-time-zone": {
      const orgId = text(flags, "org");
      const timeZone = text(flags, "time-zone");
      const org = await store.getOrg(orgId);
      if (!org) throw new UsageError(`No organisation '${orgId}'`);
      if (!isTimeZone(timeZone))
        throw new UsageError(
          `'${timeZone}' is not an IANA time zone (e.g. Europe/Stockholm, America/New_York)`,
        );
      await store.putOrg({ ...org, timeZone });
      return [`${org.name}: time zone ${timeZone} (was ${org.timeZone ?? "not set: UTC"})`];
    }
    case "people list": {
      const people = await store.listPeople(text(flags, "org"));
      return people.length
        ? people.map((p) => `${p.email}  ${p.name}  ${p.team || "-"}  ${p.role}${p.leader ? "  leader" : ""}`)
        : ["Nobody on the list yet"];
    }
    case "people add": {
      const orgId = text(flags, "org");
      if (!(await store.getOrg(orgId))) throw new UsageError(`No organisation '${orgId}'`);
      const parsed = parsePerson({
        email: flags.email,
        name: flags.name,
        team: typeof flags.team === "string" ? flags.team : "",
        role: typeof flags.role === "string" ? flags.role : "reader",
        leader: flags.leader === true,
      });
      if (!parsed.ok) throw new UsageError(`--${parsed.field} is not valid`);
      await store.putPerson(orgId, parsed.person, now.toISOString());
      return [`Saved ${parsed.person.email} (${parsed.person.name}, ${parsed.person.role})`];
    }
    case "people remove": {
      const ok = await store.removePerson(
        text(flags, "org"),
        normalEmail(text(flags, "email")),
        now.toISOString(),
      );
      if (!ok) throw new UsageError("Nobody with that e-mail on the organisation's list");
      return ["Removed"];
    }
    case "people invite": {
      const orgId = text(flags, "org");
      const person = await store.getPerson(orgId, normalEmail(text(flags, "email")));
      if (!person)
        throw new UsageError("Nobody with that e-mail on the organisation's list: people add first");
      const token = generateSecret();
      await store.putSignInLink(await sha256Hex(token), {
        orgId,
        email: person.email,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
        usedAt: null,
      });
      const base = (
        typeof flags.url === "string" ? flags.url : (process.env.OKR_PUBLIC_URL ?? "http://127.0.0.1:8787")
      ).replace(/\/+$/, "");
      return [`One-time sign-in link for ${person.name} (7 days): ${base}/dashboard/invite?t=${token}`];
    }
    case "help":
      return [USAGE];
    default:
      throw new UsageError(`Unknown command '${command}'\n${USAGE}`);
  }
}
