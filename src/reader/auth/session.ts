/**
 * @module
 * The desk's session cookie: a signed (HMAC-SHA-256, RFC 2104), expiring reference to a session the
 * Newsroom keeps (src/newsroom/desk-sessions.ts), `HttpOnly; Secure; SameSite=Strict` under the
 * `__Host-` prefix (RFC 6265bis §4.1.3.2: only from a secure origin, `Path=/`, no `Domain`, so no other
 * host can set or read it). It names the session and nothing else: who the editor is, whether the
 * session still stands and the role are asked of the Newsroom and the configuration
 * (desk-sessions.ts). A CSRF token is derived from the session's id with the same key: a page of
 * the desk reads it from `/desk/api/session` (same origin only: the cookie is `SameSite=Strict` and
 * that answer carries no CORS header) and sends it as `X-CSRF-Token` with every state-changing
 * request. Sign-in itself is guarded the same way by a short pre-session cookie.
 */

import { base64url } from "../../shared/model/base64url.ts";
import { hmacSign, hmacVerifies } from "./signing.ts";

export const SESSION_COOKIE = "__Host-desk";
export const PRE_COOKIE = "__Host-desk-pre";
export const CSRF_HEADER = "x-csrf-token";

/** What the cookie carries: the session's id (random, per sign-in) and its end (unix seconds). */
export interface SessionCookie {
  id: string;
  exp: number;
}

const encoder = new TextEncoder();

/** The key that signs sessions: `DESK_SECRET`, else the preview secret or the shared token (domain-separated). */
export function deskSecret(env: Env): string | undefined {
  return env.DESK_SECRET || env.PREVIEW_SECRET || env.PUBLISH_TOKEN || undefined;
}

const PURPOSE = "desk-session";
const sign = (text: string, secret: string) => hmacSign(PURPOSE, secret, text);
const signs = (signature: string, text: string, secret: string) => hmacVerifies(PURPOSE, secret, signature, text);
const fromBase64url = (text: string): Uint8Array => Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (ch) => ch.charCodeAt(0));

/** 144 random bits, base64url: a session's id, or a pre-session's nonce. */
export function newNonce(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(18)).buffer);
}

/** The cookie value of a session: its JSON, base64url, a dot, its signature. */
export async function sealSession(session: SessionCookie, secret: string): Promise<string> {
  const body = base64url(encoder.encode(JSON.stringify(session)).buffer as ArrayBuffer);
  return `${body}.${await sign(`session.${body}`, secret)}`;
}

/** The session a cookie value names, if it is signed with `secret` and has not expired; else null. */
export async function openSession(value: string | undefined, secret: string | undefined, now = Date.now()): Promise<SessionCookie | null> {
  if (!value || !secret || value.length > 2048) return null;
  const [body, signature, extra] = value.split(".");
  if (extra !== undefined || !body || !signature || !(await signs(signature, `session.${body}`, secret))) return null;
  try {
    const s = JSON.parse(new TextDecoder().decode(fromBase64url(body))) as SessionCookie;
    return typeof s.id === "string" && s.id.length >= 16 && Number.isFinite(s.exp) && s.exp * 1000 > now ? { id: s.id, exp: s.exp } : null;
  } catch {
    return null;
  }
}

/** The CSRF token of a session (or of a pre-session nonce). */
export function csrfToken(nonce: string, secret: string): Promise<string> {
  return sign(`csrf.${nonce}`, secret);
}

export function csrfValid(given: string | undefined, nonce: string, secret: string): Promise<boolean> {
  return given ? signs(given, `csrf.${nonce}`, secret) : Promise.resolve(false);
}

/** A cookie's value from a `Cookie` header (RFC 6265 §5.4), or undefined. */
export function cookieValue(header: string | undefined | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** `Set-Cookie` for a desk cookie; `maxAge` 0 removes it. */
export function setCookie(name: string, value: string, maxAge: number): string {
  return `${name}=${value}; Path=/; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=Strict`;
}

/** The session cookie a request carries, if it is signed and current (whether the session still stands is desk-sessions.ts's to say). */
export function requestCookie(request: Request, env: Env): Promise<SessionCookie | null> {
  return openSession(cookieValue(request.headers.get("cookie"), SESSION_COOKIE), deskSecret(env));
}
