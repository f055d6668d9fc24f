// The thread behind the double's synchronous UrlFetchApp.fetch (blocking-fetch.ts): runs each request the main
// thread posts, posts the answer back and wakes it. Its own event loop, so the request proceeds while the
// main thread waits, as Apps Script's blocking fetch does.
import { workerData } from "node:worker_threads";

/** @type {{ signal: Int32Array, port: import("node:worker_threads").MessagePort }} */
const { signal, port } = workerData;

port.on("message", async (request) => {
  let answer;
  try {
    const response = await fetch(request.url, {
      method: request.method,
      // A new connection per request, as each Apps Script fetch is its own: no pooled socket the server may
      // have closed while the test ran (its keep-alive timeout is 5 s).
      headers: { ...request.headers, Connection: "close" },
      body: request.body ?? undefined,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    const body = await response.text();
    answer = { ok: true, status: response.status, headers: Object.fromEntries(response.headers), body };
  } catch (error) {
    answer = { ok: false, error: String(error?.cause?.message ?? error?.message ?? error) };
  }
  port.postMessage(answer);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
