// Starts api-process.ts and waits for its URL and keys.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { TEST_API_URL } from "./load-addon.js";

export interface ApiChild {
  /** The loopback address it listens on. */
  url: string;
  /** The URL the add-on is configured with (https, allowlisted by the test build). */
  publicUrl: string;
  /** For loadAddon: the double serves publicUrl from this API. */
  upstreams: Record<string, string>;
  orgId: string;
  adminKey: string;
  writerKeys: Record<string, string>;
  /**
   * The test's own asynchronous request to the API, as the admin unless headers say otherwise. Never over a
   * pooled connection: the double's UrlFetchApp blocks this process for as long as a sync takes, past the
   * server's keep-alive timeout (5 s), and undici would then write to a socket the server has closed
   * ("other side closed").
   */
  request(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, "../../..");

export function startApiChild(writerSheets: readonly string[] = []): Promise<ApiChild> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      path.join(ROOT, "node_modules/tsx/dist/cli.mjs"),
      path.join(import.meta.dirname, "api-process.ts"),
      ...writerSheets,
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stderr?.on("data", (chunk) => (err += chunk));
    child.on("exit", (code) => reject(new Error(`API process exited (${code}): ${err}`)));
    child.stdout?.on("data", (chunk) => {
      out += chunk;
      const line = out.split("\n")[0];
      if (!out.includes("\n") || !line) return;
      const info = JSON.parse(line) as Omit<ApiChild, "stop" | "request" | "publicUrl" | "upstreams">;
      resolve({
        ...info,
        publicUrl: TEST_API_URL,
        upstreams: { [TEST_API_URL]: info.url },
        request: (requestPath, init = {}) =>
          fetch(`${info.url}${requestPath}`, {
            ...init,
            headers: {
              Authorization: `Bearer ${info.adminKey}`,
              ...Object.fromEntries(new Headers(init.headers).entries()),
              Connection: "close",
            },
          }),
        stop: () =>
          new Promise<void>((done) => {
            child.removeAllListeners("exit");
            child.on("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
  });
}
