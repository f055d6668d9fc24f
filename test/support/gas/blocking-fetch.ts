// A synchronous HTTP request for the double's UrlFetchApp.fetch (Apps Script's fetch blocks the script): one
// worker thread per process runs it (http-worker.mjs) while this thread waits on a shared flag. Starting a node
// process per request, as before, cost a few hundred ms of CPU each, and the add-on tests make hundreds.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), "http-worker.mjs");
/** How long a request may take (the worker aborts it then); the wait allows a little more. */
const TIMEOUT_MS = 30_000;

export interface BlockingRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
}

export type BlockingAnswer =
  | { ok: true; status: number; body: string; headers: Record<string, string> }
  | { ok: false; error: string };

let thread: { port: MessagePort; signal: Int32Array } | null = null;

function start(): { port: MessagePort; signal: Int32Array } {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER, { workerData: { signal, port: port2 }, transferList: [port2] });
  // Never what keeps a test process alive.
  worker.unref();
  port1.unref();
  return { port: port1, signal };
}

export function fetchBlocking(request: BlockingRequest): BlockingAnswer {
  thread ??= start();
  const { port, signal } = thread;
  Atomics.store(signal, 0, 0);
  port.postMessage({ ...request, timeoutMs: TIMEOUT_MS });
  Atomics.wait(signal, 0, 0, TIMEOUT_MS + 10_000);
  const answer = receiveMessageOnPort(port);
  return (answer?.message as BlockingAnswer | undefined) ?? { ok: false, error: "no answer" };
}
