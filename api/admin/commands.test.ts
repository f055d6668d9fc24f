import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBackend, type TestBackend } from "../../test/support/api-server.js";
import { verifyApiKey } from "../auth/api-keys.js";
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
    });
    expect(() => parseFlags(["x", "stray"])).toThrow(UsageError);
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
});
