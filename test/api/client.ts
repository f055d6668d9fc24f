// A tiny typed caller for API tests, over app.request() or real HTTP (same Request objects).
import type { SyncRequest } from "../../shared/contract.js";

export type Fetcher = (request: Request) => Response | Promise<Response>;

export function caller(fetcher: Fetcher, base = "http://okr.test") {
  const send = async (
    method: string,
    path: string,
    key: string | null,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const init: RequestInit = { method, headers: { ...headers } };
    if (key) (init.headers as Record<string, string>).Authorization = `Bearer ${key}`;
    if (body !== undefined) {
      (init.headers as Record<string, string>)["Content-Type"] ??= "application/json";
      init.body = typeof body === "string" ? body : JSON.stringify(body);
    }
    const res = await fetcher(new Request(`${base}${path}`, init));
    const text = await res.text();
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, headers: res.headers, text, json };
  };
  return {
    send,
    get: (path: string, key: string | null) => send("GET", path, key),
    post: (path: string, key: string | null, body?: unknown, headers?: Record<string, string>) =>
      send("POST", path, key, body, headers),
    sync: (sheetId: string, key: string | null, body: SyncRequest, headers?: Record<string, string>) =>
      send("POST", `/v1/sheets/${encodeURIComponent(sheetId)}/sync`, key, body, headers),
    createKey: async (adminKey: string, body: { role: "writer" | "reader"; sheetId?: string }) => {
      const res = await send("POST", "/v1/keys", adminKey, body);
      if (res.status !== 201) throw new Error(`createKey failed: ${res.status} ${res.text}`);
      return res.json.key as string;
    },
  };
}
