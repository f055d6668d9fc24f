import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { okrRow } from "../../test/api/rows.js";
import { startBackend, TEST_TABLE, type TestBackend } from "../../test/support/api-server.js";
import { sha256Hex, verifyApiKey } from "../auth/api-keys.js";
import * as keys from "../store/keys.js";
import { parseFlags, runCommand, UsageError } from "./commands.js";

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(() => backend?.close());

const secretOf = (lines: string[]) => /(okr_\S+)/.exec(lines.join("\n"))?.[1] ?? "";

describe("admin commands", () => {
  it("parses flags with values and switches", () => {
    expect(parseFlags(["create-key", "--org", "o1", "--role", "reader", "--dry"])).toEqual({
      command: "create-key",
      flags: { org: "o1", role: "reader", dry: true },
      paths: [],
    });
    expect(() => parseFlags(["x", "stray"])).toThrow(UsageError);
    // Only import takes file paths, before or after its flags.
    expect(parseFlags(["import", "a.xlsx", "--org", "o1", "b c.csv"])).toEqual({
      command: "import",
      flags: { org: "o1" },
      paths: ["a.xlsx", "b c.csv"],
    });
  });

  it("creates an organisation with a working admin key, then writer and reader keys, lists and revokes", async () => {
    const created = await runCommand(backend.store, ["create-org", "--name", "Acme Norge AS"]);
    const orgId = /Organisation: (\S+)/.exec(created[0]!)?.[1] ?? "";
    const admin = await verifyApiKey(backend.store, secretOf(created));
    expect(admin).toMatchObject({ ok: true, key: { orgId, role: "admin" } });

    const writer = await runCommand(backend.store, [
      "create-key",
      "--org",
      orgId,
      "--role",
      "writer",
      "--sheet",
      "sales",
    ]);
    expect(await verifyApiKey(backend.store, secretOf(writer))).toMatchObject({
      ok: true,
      key: { role: "writer", sheetId: "sales" },
    });
    const reader = await runCommand(backend.store, ["create-key", "--org", orgId, "--role", "reader"]);
    const readerCheck = await verifyApiKey(backend.store, secretOf(reader));
    expect(readerCheck).toMatchObject({ ok: true, key: { role: "reader", sheetId: null } });

    const listed = await runCommand(backend.store, ["list-keys", "--org", orgId]);
    expect(listed).toHaveLength(3);
    expect(listed.join("\n")).not.toContain("okr_");

    const readerId = readerCheck.ok ? readerCheck.key.id : "";
    expect(await runCommand(backend.store, ["revoke-key", "--org", orgId, "--key", readerId])).toEqual([
      "Revoked",
    ]);
    expect(await verifyApiKey(backend.store, secretOf(reader))).toEqual({ ok: false, reason: "revoked" });
  });

  it("explains what is missing", async () => {
    await expect(
      runCommand(backend.store, ["create-key", "--org", "nope", "--role", "reader"]),
    ).rejects.toThrow("No organisation");
    const { 0: line } = await runCommand(backend.store, ["create-org", "--name", "B"]);
    const orgId = /Organisation: (\S+)/.exec(line!)?.[1] ?? "";
    await expect(
      runCommand(backend.store, ["create-key", "--org", orgId, "--role", "writer"]),
    ).rejects.toThrow("--sheet");
    await expect(
      runCommand(backend.store, ["create-key", "--org", orgId, "--role", "reader", "--sheet", "s"]),
    ).rejects.toThrow("only for writer");
    await expect(runCommand(backend.store, ["create-org"])).rejects.toThrow("--name");
    await expect(runCommand(backend.store, ["frobnicate"])).rejects.toThrow("Unknown command");
  });

  it("sets the organisation's time zone, refusing a name that is not one", async () => {
    const { 0: line } = await runCommand(backend.store, ["create-org", "--name", "Nordic"]);
    const orgId = /Organisation: (\S+)/.exec(line!)?.[1] ?? "";
    await expect(
      runCommand(backend.store, ["set-time-zone", "--org", orgId, "--time-zone", "Europe/Stokholm"]),
    ).rejects.toThrow("not an IANA time zone");
    expect(
      await runCommand(backend.store, ["set-time-zone", "--org", orgId, "--time-zone", "Europe/Oslo"]),
    ).toEqual(["Nordic: time zone Europe/Oslo (was not set: UTC)"]);
    expect(await backend.store.getOrg(orgId)).toMatchObject({ name: "Nordic", timeZone: "Europe/Oslo" });
  });
});

describe("reindex", () => {
  it("adds rows stored before the catalog index existed to it, changing nothing else", async () => {
    const created = await runCommand(backend.store, ["create-org", "--name", "Old Data AB"]);
    const orgId = /Organisation: (\S+)/.exec(created[0]!)?.[1] ?? "";
    const row = {
      ...okrRow("O-OLD", { type: "objective", objectiveId: null, level: "team", krType: null }),
      hash: "0123456789abcdef",
      deleted: false,
      deletedAt: null,
      revision: 1,
    };
    await backend.store.putRows(orgId, "old-sheet", [row]);
    // What a row written before the index looked like: no GSI1 attributes.
    await backend.clients.documentClient.send(
      new UpdateCommand({
        TableName: TEST_TABLE,
        Key: { PK: keys.orgPk(orgId), SK: keys.rowSk("old-sheet", "O-OLD") },
        UpdateExpression: "REMOVE GSI1PK, GSI1SK",
      }),
    );
    expect(await backend.store.listLinkableRows(orgId, ["objective"])).toEqual([]);
    expect(await runCommand(backend.store, ["reindex", "--org", orgId])).toEqual([
      "Reindexed 1 rows of 1 sheets",
    ]);
    expect(await backend.store.listLinkableRows(orgId, ["objective"])).toEqual([
      { sheetId: "old-sheet", row },
    ]);
    await expect(runCommand(backend.store, ["reindex", "--org", "nobody"])).rejects.toThrow(UsageError);
  });
});

describe("admin people commands", () => {
  it("adds, lists, invites (a working one-time link) and removes people; refuses bad input with the field", async () => {
    const created = await runCommand(backend.store, ["create-org", "--name", "Folk AS"]);
    const orgId = /Organisation: (\S+)/.exec(created[0]!)?.[1] ?? "";
    expect(
      await runCommand(backend.store, [
        "people",
        "add",
        "--org",
        orgId,
        "--email",
        " Kari@Example.NO ",
        "--name",
        "Kari Nordmann",
        "--team",
        "Økonomi",
        "--role",
        "admin",
        "--leader",
      ]),
    ).toEqual(["Saved kari@example.no (Kari Nordmann, admin)"]);
    expect(await runCommand(backend.store, ["people", "list", "--org", orgId])).toEqual([
      "kari@example.no  Kari Nordmann  Økonomi  admin  leader",
    ]);
    await expect(
      runCommand(backend.store, [
        "people",
        "add",
        "--org",
        orgId,
        "--email",
        "not-an-address",
        "--name",
        "X",
      ]),
    ).rejects.toThrow("--email is not valid");
    const [line] = await runCommand(backend.store, [
      "people",
      "invite",
      "--org",
      orgId,
      "--email",
      "kari@example.no",
      "--url",
      "https://okr.example/",
    ]);
    const token = /invite\?t=(\S+)$/.exec(line!)![1]!;
    expect(line).toContain("https://okr.example/dashboard/invite?t=");
    const link = await backend.store.useSignInLink(await sha256Hex(token), new Date().toISOString());
    expect(link).toMatchObject({ orgId, email: "kari@example.no" });
    expect(
      await runCommand(backend.store, ["people", "remove", "--org", orgId, "--email", "KARI@example.no"]),
    ).toEqual(["Removed"]);
    expect(await runCommand(backend.store, ["people", "list", "--org", orgId])).toEqual([
      "Nobody on the list yet",
    ]);
    await expect(
      runCommand(backend.store, ["people", "invite", "--org", orgId, "--email", "kari@example.no"]),
    ).rejects.toThrow("people add first");
  });
});
