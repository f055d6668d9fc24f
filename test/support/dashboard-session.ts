// A leader signed in to the dashboard, in tests: one home for the sign-in form's request and its session cookie,
// through app.request() or a real server.
import { expect } from "vitest";

/** What answers a Request: an app's request() or the global fetch to a server. */
export type Answer = (request: Request) => Response | Promise<Response>;

/** The session cookie ("okr_session=…") that signing in with `key` sets (the form the sign-in page posts). */
export async function dashboardCookie(answer: Answer, origin: string, key: string): Promise<string> {
  const res = await answer(
    new Request(`${origin}/dashboard/sign-in`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin, Connection: "close" },
      body: new URLSearchParams({ key, next: "/dashboard/tree" }).toString(),
      redirect: "manual",
    }),
  );
  expect(res.status).toBe(303);
  const token = /okr_session=([^;]+)/.exec(res.headers.get("Set-Cookie") ?? "")?.[1];
  expect(token).toBeTruthy();
  return `okr_session=${token}`;
}

/** A dashboard page's HTML for a leader signed in with `key` (its status must be 200). */
export async function dashboardPage(
  answer: Answer,
  origin: string,
  key: string,
  path: string,
): Promise<string> {
  const cookie = await dashboardCookie(answer, origin, key);
  const res = await answer(
    new Request(`${origin}${path}`, { headers: { Cookie: cookie }, redirect: "manual" }),
  );
  expect(res.status).toBe(200);
  return res.text();
}
