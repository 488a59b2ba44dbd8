// A desk session as the desk's sign-in makes one (the form's CSRF token first, then the editor's
// token), for the desk's workerd tests: the session cookie and the CSRF token its writes carry.
import { expect } from "vitest";
import { CANONICAL, get } from "./helpers.ts";

const DESK = `${CANONICAL}/desk`;
const JSON_BODY = { "Content-Type": "application/json", Accept: "application/json" };

function cookieOf(res: Response, name: string): string | undefined {
  return res.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(";")[0];
}

export interface DeskSession {
  cookie: string;
  csrf: string;
  name: string;
  /** Headers of a desk write: the cookie, the CSRF token, JSON. */
  write: Record<string, string>;
}

export async function deskSession(token: string, client = "198.51.100.200"): Promise<DeskSession> {
  const pre = await get(`${DESK}/api/csrf`, { Accept: "application/json" });
  const { csrf: formCsrf } = await pre.json<{ csrf: string }>();
  const res = await get(
    `${DESK}/api/sign-in`,
    { ...JSON_BODY, Cookie: cookieOf(pre, "__Host-desk-pre")!, "X-CSRF-Token": formCsrf, "CF-Connecting-IP": client },
    { method: "POST", body: JSON.stringify({ token }) },
  );
  expect(res.status).toBe(200);
  const cookie = cookieOf(res, "__Host-desk")!;
  const session = await (await get(`${DESK}/api/session`, { Cookie: cookie, Accept: "application/json" })).json<{ csrf: string; name: string }>();
  return { cookie, csrf: session.csrf, name: session.name, write: { ...JSON_BODY, Cookie: cookie, "X-CSRF-Token": session.csrf } };
}
