// The app on Node's HTTP server (local runs, the real-HTTP test suite, benchmarks).
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApp } from "../app/app.js";
import { type AppConfig, type AppDeps, DEFAULT_CONFIG } from "../app/config.js";
import type { Store } from "../store/types.js";

export interface ServerOptions {
  /** 0 picks a free port. */
  port?: number;
  hostname?: string;
  store: Store;
  now?: () => Date;
  config?: Partial<AppConfig>;
  mailer?: AppDeps["mailer"];
  outbox?: AppDeps["outbox"];
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const app = createApp({
    store: options.store,
    now: options.now ?? (() => new Date()),
    config: { ...DEFAULT_CONFIG, ...options.config },
    ...(options.mailer ? { mailer: options.mailer } : {}),
    ...(options.outbox ? { outbox: options.outbox } : {}),
  });
  const hostname = options.hostname ?? "127.0.0.1";
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, port: options.port ?? 0, hostname }, () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${hostname}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
