// A team's incoming webhook (Google Chat or Slack): only https addresses on the allowed hosts, so a setting
// cannot make the server call anything else; plain http only for an allowed loopback host (tests).
export function webhookAllowed(url: string, hosts: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password || !hosts.includes(parsed.hostname)) return false;
  const loopback = parsed.hostname === "127.0.0.1" || parsed.hostname === "localhost";
  return parsed.protocol === "https:" || (loopback && parsed.protocol === "http:");
}

/** Posts {"text": ...}; throws with the status when the chat service refuses it. */
export async function postWebhook(url: string, text: string, fetcher: typeof fetch = fetch): Promise<void> {
  const response = await fetcher(url, {
    method: "POST",
    headers: { "Content-Type": "application/json; charset=utf-8" },
    body: JSON.stringify({ text }),
    redirect: "error",
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`webhook answered HTTP ${response.status}`);
}
