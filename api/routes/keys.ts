// API keys: admins create writer keys (bound to one sheet) and reader keys (whole organisation).
import * as z from "zod";
import {
  ApiKeyCreatedSchema,
  type ApiKeyInfo,
  ApiKeyInfoSchema,
  ApiKeyListSchema,
  CreateKeyRequestSchema,
} from "../../shared/contract.js";
import { route } from "../../shared/wire.js";
import type { AppDeps } from "../app/config.js";
import { notFound } from "../app/errors.js";
import { issueApiKey } from "../auth/api-keys.js";
import { requireKey } from "../middleware/auth/index.js";
import type { ApiKeyRecord } from "../store/types.js";
import { createRoute, ERROR_RESPONSES, jsonBody, newRouter, SECURITY } from "./router.js";

const info = (key: ApiKeyRecord): ApiKeyInfo => ({
  id: key.id,
  role: key.role,
  sheetId: key.sheetId,
  label: key.label,
  createdAt: key.createdAt,
  revokedAt: key.revokedAt,
});

export function keyRoutes(deps: AppDeps) {
  const admin = requireKey(deps.store, ["admin"]);
  const create = createRoute({
    ...route("POST /keys"),
    summary: "Create an API key (the secret is in this response only)",
    security: SECURITY,
    middleware: [admin] as const,
    request: { body: jsonBody(CreateKeyRequestSchema) },
    responses: {
      201: { description: "Created", content: { "application/json": { schema: ApiKeyCreatedSchema } } },
      ...ERROR_RESPONSES,
    },
  });
  const list = createRoute({
    ...route("GET /keys"),
    summary: "List the organisation's API keys (never their secrets)",
    security: SECURITY,
    middleware: [admin] as const,
    responses: {
      200: { description: "Keys", content: { "application/json": { schema: ApiKeyListSchema } } },
      ...ERROR_RESPONSES,
    },
  });
  const revoke = createRoute({
    ...route("DELETE /keys/{keyId}"),
    summary: "Revoke an API key",
    security: SECURITY,
    middleware: [admin] as const,
    request: { params: z.object({ keyId: z.string().min(1).max(64) }) },
    responses: {
      200: { description: "Revoked", content: { "application/json": { schema: ApiKeyInfoSchema } } },
      ...ERROR_RESPONSES,
    },
  });

  return newRouter()
    .openapi(create, async (c) => {
      const auth = c.get("auth");
      const body = c.req.valid("json");
      const { record, secret } = await issueApiKey(deps.store, {
        orgId: auth.orgId,
        role: body.role,
        sheetId: body.sheetId ?? null,
        label: body.label,
        now: deps.now(),
      });
      return c.json({ ...info(record), key: secret }, 201);
    })
    .openapi(list, async (c) => {
      const keys = await deps.store.listApiKeys(c.get("auth").orgId);
      return c.json({ keys: keys.map(info) }, 200);
    })
    .openapi(revoke, async (c) => {
      const { orgId } = c.get("auth");
      const { keyId } = c.req.valid("param");
      if (!(await deps.store.revokeApiKey(orgId, keyId, deps.now().toISOString())))
        throw notFound(`API key '${keyId}'`);
      const key = (await deps.store.listApiKeys(orgId)).find((k) => k.id === keyId);
      if (!key) throw notFound(`API key '${keyId}'`);
      return c.json(info(key), 200);
    });
}
