/**
 * @module
 * The editors' desk at `/desk`: static pages and one script (public/desk/, built by `npm run desk`,
 * served from `ASSETS`, so none of it is in this bundle) over the same API apps and curl use. This
 * module only decides who may see them: a desk session (kept by the Newsroom, named by a signed
 * cookie: session.ts, session-check.ts), made either by Cloudflare Access (the `Cf-Access-Jwt-Assertion`
 * JWT, verified by the Newsroom Worker's `DeskAccess`) or by signing in with an editor's token, and
 * ended by signing out. Without one, every desk page redirects to sign-in. Everything under `/desk`
 * is `private, no-store`, with a CSP that allows only the desk's own script and style (`'self'`).
 */

import { DESK_SESSION_SECONDS, DESK_SIGN_IN_SECONDS, PRIVATE } from "../../shared/freshness/policy.ts";
import type { DeskSession } from "../../shared/newsroom-api.ts";
import { nextPage } from "../auth/next-page.ts";
import { cookieValue, CSRF_HEADER, csrfToken, csrfValid, deskSecret, newNonce, PRE_COOKIE, sealSession, SESSION_COOKIE, setCookie } from "../auth/session.ts";
import { accessEditor, deskConfig, editorFor, roleOf, tokenHash } from "../auth/tokens.ts";
import { COMMON_HEADERS } from "../http/security.ts";
import { newsroom } from "../newsroom-client.ts";
import { error } from "./answers.ts";
import { type Ctx } from "./context.ts";
import { currentSession, editor, signInLimited } from "./editor-auth.ts";
import { get, post, type Route } from "./route.ts";

/** The desk's pages (each a static file in public/desk/) and its static files (its script, a chunk of it per page, its style), which sign-in needs too. */
const PAGES = new Set(["/desk/", "/desk/edit", "/desk/revisions"]);
const FILES = /^\/desk\/[\w-]+\.(?:js|css)$/;

export const DESK_HEADERS: Record<string, string> = {
  ...COMMON_HEADERS,
  "Cache-Control": PRIVATE,
  "Content-Security-Policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: data: blob:; font-src 'self'; connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
  "X-Robots-Tag": "noindex",
};

/** A static file of the desk, with the desk's headers (and any cookies to set). */
async function asset(c: Ctx, path: string, cookies: string[] = []): Promise<Response> {
  const found = await c.env.ASSETS.fetch(new Request(new URL(path, c.req.url)));
  if (found.status !== 200) return error(c, 404, DESK_HEADERS);
  const headers = new Headers(DESK_HEADERS);
  headers.set("Content-Type", found.headers.get("Content-Type") ?? "application/octet-stream");
  for (const cookie of cookies) headers.append("Set-Cookie", cookie);
  return new Response(c.req.method === "HEAD" ? null : found.body, { status: 200, headers });
}

/**
 * A new session, recorded in the Newsroom first (a new id at every sign-in), and its cookie; null
 * without a key to sign it with. The cookie ends with the session: 12 hours after sign-in.
 */
async function sessionCookie(c: Ctx, editor: string, via: DeskSession["via"], credential: string): Promise<string | null> {
  const secret = deskSecret(c.env);
  if (!secret) return null;
  const now = Date.now();
  const session: DeskSession = { id: newNonce(), editor, via, credential, expires: now + DESK_SESSION_SECONDS * 1000 };
  await newsroom(c.env).startSession(session);
  return setCookie(SESSION_COOKIE, await sealSession({ id: session.id, exp: Math.floor(session.expires / 1000) }, secret), DESK_SESSION_SECONDS);
}

/** A session from Cloudflare Access, when the request comes through it with a valid token for one of the desk's editors. */
async function fromAccess(c: Ctx): Promise<string | null> {
  const jwt = c.req.header("cf-access-jwt-assertion");
  const config = deskConfig(c.env);
  if (!jwt || !config.access_team || !config.access_aud || !c.env.ACCESS) return null;
  const email = await c.env.ACCESS.verify(jwt, { team: config.access_team, aud: config.access_aud, jwks: config.access_jwks }).catch(() => null);
  const who = email ? accessEditor(email, config) : null;
  return who ? sessionCookie(c, who.name, "access", email!.toLowerCase()) : null;
}

/** `303` to the sign-in form: back here once signed in, or (`query`) with that query instead. */
function toSignIn(c: Ctx, query?: string): Response {
  const here = c.var.url.pathname + c.var.url.search;
  return new Response(null, { status: 303, headers: { ...DESK_HEADERS, Location: `/desk/sign-in${query ?? `?next=${encodeURIComponent(nextPage(here))}`}` } });
}

async function page(c: Ctx): Promise<Response> {
  const path = c.var.url.pathname;
  if (FILES.test(path)) return asset(c, path);
  // A token in the address (a form sent with GET by an old page): sent back without it, so it stays out of the history.
  if (path === "/desk/sign-in" && c.req.query("token") !== undefined) return toSignIn(c, "");
  if (path === "/desk/sign-in") return (await currentSession(c)) ? c.redirect("/desk/", 303) : asset(c, path);
  if (!PAGES.has(path)) return (await currentSession(c)) ? error(c, 404, DESK_HEADERS) : toSignIn(c);
  if (await currentSession(c)) return asset(c, path);
  const cookie = await fromAccess(c);
  return cookie ? asset(c, path, [cookie]) : toSignIn(c);
}

const json = (c: Ctx, body: unknown, status: 200 | 201 = 200, cookies: string[] = []) => {
  const headers = new Headers({ ...DESK_HEADERS, "Content-Type": "application/json; charset=utf-8" });
  for (const cookie of cookies) headers.append("Set-Cookie", cookie);
  return new Response(JSON.stringify(body), { status, headers });
};

/** `GET /desk/api/session`: who is signed in, their role now and the CSRF token their writes carry. */
async function session(c: Ctx): Promise<Response> {
  const s = await currentSession(c);
  if (!s) return error(c, 401, DESK_HEADERS);
  return json(c, { name: s.name, role: s.role, csrf: await csrfToken(s.id, deskSecret(c.env)!), expires: new Date(s.expires).toISOString() });
}

/** `GET /desk/api/csrf`: the sign-in form's CSRF token, bound to a short pre-session cookie. */
async function preSession(c: Ctx): Promise<Response> {
  const secret = deskSecret(c.env);
  if (!secret) return error(c, 503, DESK_HEADERS, {}, "The desk has no secret to sign sessions with (DESK_SECRET or PUBLISH_TOKEN).");
  const nonce = newNonce();
  return json(c, { csrf: await csrfToken(nonce, secret) }, 200, [setCookie(PRE_COOKIE, nonce, DESK_SIGN_IN_SECONDS)]);
}

/**
 * `POST /desk/api/sign-in` `{ "token": … }` with the form's CSRF token: a session for the token's
 * editor. The form posted by the browser itself (not JSON: its script not yet run, or off) is not read:
 * back to the form, which says to sign in again.
 */
async function signIn(c: Ctx): Promise<Response> {
  if (!/json/i.test(c.req.header("content-type") ?? "")) return toSignIn(c, "?again");
  const secret = deskSecret(c.env);
  const nonce = cookieValue(c.req.header("cookie"), PRE_COOKIE);
  if (!secret || !nonce || !(await csrfValid(c.req.header(CSRF_HEADER), nonce, secret)))
    return error(c, 403, DESK_HEADERS, {}, "The sign-in form has expired or was not sent from the desk: reload it and sign in again.");
  const limited = await signInLimited(c);
  if (limited) return limited;
  const body = (await c.req.json().catch(() => null)) as { token?: unknown } | null;
  const token = typeof body?.token === "string" && body.token.length <= 512 ? body.token : "";
  const name = token ? await editorFor(`Bearer ${token}`, c.env) : null;
  if (!name) return (await signInLimited(c, true)) ?? error(c, 401, DESK_HEADERS, {}, "That is not an editor's token.");
  const role = roleOf(name, deskConfig(c.env));
  const cookie = (await sessionCookie(c, name, "token", await tokenHash(token)))!;
  return json(c, { name, role }, 200, [cookie, setCookie(PRE_COOKIE, "", 0)]);
}

/**
 * `POST /desk/api/sign-out` (CSRF): the session ended in the Newsroom, so its cookie opens nothing
 * anywhere (this isolate at once, every other within `DESK_SESSION_CHECK_MS`), and the cookie removed.
 */
async function signOut(c: Ctx): Promise<Response> {
  const who = await editor(c);
  if (typeof who !== "string") return who;
  const id = c.get("session");
  if (id) {
    await newsroom(c.env).endSession(id);
    c.var.services.sessions.ended(id);
  }
  return new Response(null, { status: 204, headers: [...Object.entries(DESK_HEADERS), ["Set-Cookie", setCookie(SESSION_COOKIE, "", 0)]] });
}

export const deskRoutes: Route[] = [
  // hono/tiny's router lets "/desk" match "/desk/" too: only the bare path is redirected.
  get("/desk", (c) => (c.var.url.pathname === "/desk" ? c.redirect("/desk/", 301) : page(c))),
  get("/desk/api/session", session),
  get("/desk/api/csrf", preSession),
  post("/desk/api/sign-in", signIn),
  post("/desk/api/sign-out", signOut),
  get("/desk/*", page),
];
