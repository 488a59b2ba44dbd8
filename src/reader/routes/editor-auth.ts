/**
 * @module
 * Who is writing: a bearer token (RFC 6750) or the desk's session (still standing, with the role
 * the configuration gives now, and its CSRF token on every write), with failed attempts limited per
 * client and writes limited per editor. Every answer to an editor is theirs alone: `private, no-store`.
 */

import type { Context } from "hono";
import { PRIVATE } from "../../shared/freshness/policy.ts";
import type { PublicationState } from "../../shared/editorial.ts";
import { type DeskEditor, deskEditor } from "../auth/session-check.ts";
import { CSRF_HEADER, csrfValid, deskSecret } from "../auth/session.ts";
import { challenge, deskConfig, editorFor, roleOf } from "../auth/tokens.ts";
import { allowed, AUTH_POLICY, limitedHeaders, PUBLISH_POLICY } from "../http/ratelimit.ts";
import { COMMON_HEADERS } from "../http/security.ts";
import { error } from "./answers.ts";
import { type Ctx } from "./context.ts";

/** Headers of an editor's answer. */
export const privateHeaders = (extra: Record<string, string> = {}): Record<string, string> => ({ ...COMMON_HEADERS, "Cache-Control": PRIVATE, ...extra });

/** Clients whose failed attempts went over the limit, until when (epoch ms): every attempt of theirs is a 429 meanwhile. */
const blocked = new Map<string, number>();

function clientOf(c: Context): string {
  return c.req.header("cf-connecting-ip") ?? "unknown";
}

/** A 429 for a client over the failed-attempt limit, for the rest of its window. */
function tooManyFailures(c: Ctx, until: number): Promise<Response> {
  const headers = limitedHeaders(AUTH_POLICY);
  headers["Retry-After"] = String(Math.max(1, Math.ceil((until - Date.now()) / 1000)));
  return error(c, 429, headers);
}

/**
 * More than `AUTH_POLICY.limit` failed attempts from one client within its window, and every attempt
 * from that client is a 429 until the window ends: its right token too (else a guess that hits would
 * tell itself apart), never another client's. The 429 to answer, or null; `failed` counts a failure first.
 */
export async function signInLimited(c: Ctx, failed = false): Promise<Response | null> {
  const client = clientOf(c);
  const until = blocked.get(client);
  if (until !== undefined && until > Date.now()) return tooManyFailures(c, until);
  if (until !== undefined) blocked.delete(client);
  if (!failed || (await allowed(c.env.AUTH_LIMIT, `auth:${client}`))) return null;
  if (blocked.size > 10_000) blocked.clear();
  const end = Date.now() + AUTH_POLICY.period * 1000;
  blocked.set(client, end);
  return tooManyFailures(c, end);
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** A desk session's editor: a state-changing request must carry the session's CSRF token. */
async function sessionEditor(c: Ctx, session: DeskEditor): Promise<string | Response> {
  if (!SAFE_METHODS.has(c.req.method) && !(await csrfValid(c.req.header(CSRF_HEADER), session.id, deskSecret(c.env)!)))
    return error(c, 403, {}, {}, "A write from the desk must carry its session's CSRF token (X-CSRF-Token).");
  c.set("role", session.role);
  c.set("session", session.id);
  return session.name;
}

/** The desk session a request stands for now (session-check.ts), through this app's memory of the Newsroom's answers. */
export function currentSession(c: Ctx): Promise<DeskEditor | null> {
  return deskEditor(c.req.raw, c.env, c.var.services.sessions);
}

/**
 * The editor the bearer token names (or, without one, the desk session's), with their role; else a
 * 401 with a challenge (and no change), or a 429 for a client over the failed-attempt limit.
 */
export async function editor(c: Ctx): Promise<string | Response> {
  const limited = await signInLimited(c);
  if (limited) return limited;
  const authorization = c.req.header("authorization");
  const session = authorization ? null : await currentSession(c);
  if (session) return sessionEditor(c, session);
  const name = await editorFor(authorization, c.env);
  if (name) {
    c.set("role", roleOf(name, deskConfig(c.env)));
    return name;
  }
  return (await signInLimited(c, true)) ?? error(c, 401, { "WWW-Authenticate": challenge(authorization) });
}

/** The editor, within the publishing rate limit (per editor); else a 401 or 429 to answer. */
export async function writer(c: Ctx): Promise<string | Response> {
  const name = await editor(c);
  if (typeof name !== "string") return name;
  if (!(await allowed(c.env.PUBLISH_LIMIT, `editor:${name}`))) return error(c, 429, limitedHeaders(PUBLISH_POLICY));
  return name;
}

/** How a write's publication state is told in `Newsroom-Status`: `published`, `draft`, or `scheduled;at="<RFC 3339>"`. */
export function statusField(state: PublicationState | { status: "removed" }): string {
  return "at" in state && state.at ? `${state.status};at="${state.at}"` : state.status;
}
