// A synchronous HTTP request for the add-on process, through one long-lived worker thread: the caller blocks
// (Atomics.wait) until the worker's fetch settles, as Apps Script's UrlFetchApp blocks. The double's own
// transport starts a Node process per request; the crash suite makes hundreds of requests, so it answers the
// double's fetch hook with this instead (the double still records and judges every answer).
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";

export interface SyncAnswer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const flag = new Int32Array(workerData.flag);
parentPort.on("message", async ({ port, url, method, headers, body }) => {
  let answer;
  try {
    const res = await fetch(url, { method, headers: { ...headers, Connection: "close" }, body: body ?? undefined,
      signal: AbortSignal.timeout(60000) });
    answer = { status: res.status, body: await res.text(), headers: Object.fromEntries(res.headers) };
  } catch (error) {
    answer = { network: String(error?.cause?.message ?? error?.message ?? error) };
  }
  port.postMessage(answer);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

export function createSyncFetch() {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER, { eval: true, workerData: { flag: flag.buffer } });
  worker.unref();
  return (
    url: string,
    method: string,
    headers: Record<string, string>,
    body: string | null,
  ): SyncAnswer | "network" => {
    const { port1, port2 } = new MessageChannel();
    Atomics.store(flag, 0, 0);
    worker.postMessage({ port: port2, url, method, headers, body }, [port2]);
    Atomics.wait(flag, 0, 0);
    const answer = receiveMessageOnPort(port1)?.message as (SyncAnswer & { network?: string }) | undefined;
    port1.close();
    return !answer || answer.network !== undefined ? "network" : answer;
  };
}
