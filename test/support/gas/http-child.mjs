// Runs one HTTP request for the double's synchronous UrlFetchApp.fetch: request JSON on stdin, response JSON on stdout.
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", async () => {
  const request = JSON.parse(input);
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body ?? undefined,
      signal: AbortSignal.timeout(request.timeoutMs ?? 30000),
    });
    const body = await response.text();
    process.stdout.write(
      JSON.stringify({
        ok: true,
        status: response.status,
        headers: Object.fromEntries(response.headers),
        body,
      }),
    );
  } catch (error) {
    process.stdout.write(
      JSON.stringify({ ok: false, error: String(error?.cause?.message ?? error?.message ?? error) }),
    );
  }
});
