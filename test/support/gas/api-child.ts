// Starts api-process.ts and waits for its URL and keys.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

export interface ApiChild {
  url: string;
  orgId: string;
  adminKey: string;
  writerKeys: Record<string, string>;
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
      const info = JSON.parse(line) as Omit<ApiChild, "stop">;
      resolve({
        ...info,
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
