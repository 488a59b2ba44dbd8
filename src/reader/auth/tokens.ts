/**
 * @module
 * Bearer tokens (RFC 6750) for the newsroom's endpoints, compared in constant time, and the
 * editor each one names: `PUBLISH_TOKEN` is the shared token (editor "newsroom"); `EDITOR_TOKENS`
 * holds named editors' tokens as SHA-256 hashes, so the secret itself never contains a token.
 */

const encoder = new TextEncoder();

/** The editor name of the shared `PUBLISH_TOKEN`. */
export const SHARED_EDITOR = "newsroom";

async function digest(text: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", encoder.encode(text));
}

function hex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function fromHex(text: string): ArrayBuffer | null {
  if (!/^[0-9a-f]{64}$/i.test(text)) return null;
  return Uint8Array.from(text.match(/../g)!, (h) => parseInt(h, 16)).buffer;
}

/** The SHA-256 of a token in hex, as `EDITOR_TOKENS` stores it (`printf %s "$TOKEN" | sha256sum` prints one). */
export async function tokenHash(token: string): Promise<string> {
  return hex(await digest(token));
}

let editorsMemo: { source: string | undefined; editors: [string, ArrayBuffer][] } | undefined;
/** `EDITOR_TOKENS` parsed once per isolate; entries that are not a name and a SHA-256 hex are ignored. */
function editors(source: string | undefined): [string, ArrayBuffer][] {
  if (editorsMemo && editorsMemo.source === source) return editorsMemo.editors;
  let parsed: unknown = {};
  try {
    parsed = source ? JSON.parse(source) : {};
  } catch {
    console.error(JSON.stringify({ event: "EDITOR_TOKENS is not JSON; named editors are off" }));
  }
  const list: [string, ArrayBuffer][] = [];
  if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
    for (const [name, hash] of Object.entries(parsed)) {
      const bytes = typeof hash === "string" ? fromHex(hash) : null;
      if (bytes && /^[\p{L}\p{N} ._'-]{1,60}$/u.test(name)) list.push([name, bytes]);
    }
  }
  editorsMemo = { source, editors: list };
  return list;
}

export interface Credentials {
  PUBLISH_TOKEN?: string;
  EDITOR_TOKENS?: string;
}

/**
 * The editor whose bearer token `Authorization` carries, or null. Every configured token is compared
 * (hashes, in constant time), so the time taken does not tell which one nearly matched; with no token
 * configured no one gets in.
 */
export async function editorFor(authorization: string | null | undefined, env: Credentials): Promise<string | null> {
  const m = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(authorization ?? "");
  const given = await digest(m?.[1] ?? "");
  const candidates: [string, ArrayBuffer][] = [...editors(env.EDITOR_TOKENS)];
  if (env.PUBLISH_TOKEN) candidates.push([SHARED_EDITOR, await digest(env.PUBLISH_TOKEN)]);
  let found: string | null = null;
  for (const [name, wanted] of candidates) if (crypto.subtle.timingSafeEqual(given, wanted) && found === null) found = name;
  return m ? found : null;
}

/**
 * Whether the token a session was made with (its SHA-256, as `tokenHash` gives it and `EDITOR_TOKENS`
 * holds it) is still configured for `name`: removing or rotating it ends the session.
 */
export async function tokenStands(name: string, hash: string, env: Credentials): Promise<boolean> {
  if (name === SHARED_EDITOR && env.PUBLISH_TOKEN && hex(await digest(env.PUBLISH_TOKEN)) === hash) return true;
  return editors(env.EDITOR_TOKENS).some(([editor, bytes]) => editor === name && hex(bytes) === hash);
}

/** The challenge for a 401 (RFC 6750 §3): `invalid_token` only when a token was sent. */
export function challenge(authorization: string | null | undefined): string {
  return authorization ? 'Bearer realm="publish", error="invalid_token"' : 'Bearer realm="publish"';
}

/** What an editor may do: `editor` publishes, schedules and deletes; `contributor` writes drafts only. */
export type Role = "editor" | "contributor";

/** The desk's configuration (`[vars.DESK]`): Cloudflare Access, and editors' roles. */
export interface DeskConfig {
  /** `https://<team>.cloudflareaccess.com`; empty: no Access, sign-in by token only. */
  access_team?: string;
  /** The Access application's audience tag. */
  access_aud?: string;
  /** A JWKS (JSON) to verify Access tokens against instead of the team's published keys (tests, air-gapped setups). */
  access_jwks?: string;
  /** Editor name → role; an editor not named is an `editor`. */
  roles?: Record<string, string>;
  /** Access email (lower case) → the editor's name and role. */
  editors?: Record<string, { name?: string; role?: string }>;
}

let deskMemo: { source: string; config: DeskConfig } | undefined;
/** `[vars.DESK]`, or the same as a JSON string (`wrangler dev --var DESK:{…}`); anything else: none. */
export function deskConfig(env: { DESK?: unknown }): DeskConfig {
  if (typeof env.DESK === "object" && env.DESK !== null) return env.DESK as DeskConfig;
  if (typeof env.DESK !== "string") return {};
  if (deskMemo?.source !== env.DESK) {
    let config: DeskConfig = {};
    try {
      const parsed: unknown = JSON.parse(env.DESK);
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) config = parsed as DeskConfig;
    } catch {
      console.error(JSON.stringify({ event: "DESK is not JSON; the desk has no Access and no roles" }));
    }
    deskMemo = { source: env.DESK, config };
  }
  return deskMemo.config;
}

const asRole = (value: unknown): Role => (value === "contributor" ? "contributor" : "editor");

/** The role of an editor named by a token. */
export function roleOf(name: string, config: DeskConfig): Role {
  return asRole(config.roles?.[name]);
}

/** The editor an Access email is, or null when the email is not one of the desk's editors. */
export function accessEditor(email: string, config: DeskConfig): { name: string; role: Role } | null {
  const entry = config.editors?.[email.toLowerCase()];
  if (!entry || typeof entry !== "object") return null;
  const name = typeof entry.name === "string" && /^[\p{L}\p{N} ._'-]{1,60}$/u.test(entry.name) ? entry.name : email.toLowerCase();
  return { name, role: asRole(entry.role) };
}
