/**
 * @module
 * Whether a desk request's session still stands, and as whom (OWASP ASVS V3.3): its cookie must be
 * signed and current (session.ts); the Newsroom must still have the session, neither signed out nor
 * past its absolute end (src/newsroom/desk-sessions.ts), an answer this isolate remembers for
 * `DESK_SESSION_CHECK_MS` and forgets at once when the session is signed out here; the credential it
 * was made with must still be configured (a token neither removed nor rotated, an Access email still
 * listed under the same name); and the role is the configuration's now, never what it was at sign-in.
 */

import { DESK_SESSION_CHECK_MS } from "../../shared/freshness/policy.ts";
import type { DeskSession } from "../../shared/newsroom-api.ts";
import { newsroom } from "../newsroom-client.ts";
import { requestCookie } from "./session.ts";
import { accessEditor, deskConfig, type Role, roleOf, tokenStands } from "./tokens.ts";

/** The editor a desk session stands for now. */
export interface DeskEditor {
  /** The session's id (its CSRF token is derived from it). */
  id: string;
  name: string;
  role: Role;
  /** Its absolute end, epoch ms. */
  expires: number;
}

/** This isolate's memory of the Newsroom's answers about sessions. One per app (the tests make fresh ones, with a clock of their own). */
export class SessionMemo {
  readonly ttlMs: number;
  readonly now: () => number;
  private readonly answers = new Map<string, { session: DeskSession | null; until: number }>();

  constructor(ttlMs = DESK_SESSION_CHECK_MS, now: () => number = Date.now) {
    this.ttlMs = ttlMs;
    this.now = now;
  }

  /** The session `id` names: remembered, else asked (and remembered for the TTL; `deskEditor` checks the session's end). */
  async get(id: string, ask: () => Promise<DeskSession | null>): Promise<DeskSession | null> {
    const at = this.now();
    const known = this.answers.get(id);
    if (known && known.until > at) return known.session;
    const session = await ask();
    if (this.answers.size >= 10_000) this.answers.clear();
    this.answers.set(id, { session, until: at + this.ttlMs });
    return session;
  }

  /** A session signed out here: no session from now on, in this isolate at once. */
  ended(id: string): void {
    this.answers.set(id, { session: null, until: Infinity });
  }
}

/** The editor the request's desk session stands for now, or null: no cookie, a forged or expired one, a session ended or no longer configured. */
export async function deskEditor(request: Request, env: Env, memo: SessionMemo): Promise<DeskEditor | null> {
  const cookie = await requestCookie(request, env);
  if (!cookie) return null;
  const session = await memo.get(cookie.id, () => newsroom(env).session(cookie.id));
  if (!session || session.expires <= memo.now()) return null;
  const config = deskConfig(env);
  if (session.via === "access") {
    const who = accessEditor(session.credential, config);
    return who && who.name === session.editor ? { id: cookie.id, name: who.name, role: who.role, expires: session.expires } : null;
  }
  if (!(await tokenStands(session.editor, session.credential, env))) return null;
  return { id: cookie.id, name: session.editor, role: roleOf(session.editor, config), expires: session.expires };
}
