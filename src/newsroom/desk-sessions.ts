/**
 * @module
 * The desk's sessions, kept here so that they can end (OWASP ASVS V3.3): the reader records one at
 * sign-in, its signed cookie names it, and the reader asks on each desk request (remembering an
 * answer briefly, `DESK_SESSION_CHECK_MS`). Sign-out deletes the row; a row past its absolute end is
 * no session and is deleted with the next sign-in. Only the SHA-256 of a session's id is stored, so
 * the table alone opens no session.
 */

import type { DeskSession } from "../shared/newsroom-api.ts";

export const SESSIONS_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS desk_session (
     id_hash TEXT PRIMARY KEY, editor TEXT NOT NULL, via TEXT NOT NULL, credential TEXT NOT NULL, started INTEGER NOT NULL, expires INTEGER NOT NULL)`,
];

async function idHash(id: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(id)));
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export async function startSession(sql: SqlStorage, s: DeskSession, now: number): Promise<void> {
  const hash = await idHash(s.id);
  sql.exec("DELETE FROM desk_session WHERE expires <= ?", now);
  sql.exec(
    "INSERT INTO desk_session (id_hash, editor, via, credential, started, expires) VALUES (?, ?, ?, ?, ?, ?)",
    hash,
    s.editor,
    s.via,
    s.credential,
    now,
    s.expires,
  );
}

export async function findSession(sql: SqlStorage, id: string, now: number): Promise<DeskSession | null> {
  const hash = await idHash(id);
  const row = sql
    .exec<{ editor: string; via: string; credential: string; expires: number }>(
      "SELECT editor, via, credential, expires FROM desk_session WHERE id_hash = ? AND expires > ?",
      hash,
      now,
    )
    .toArray()[0];
  return row ? { id, editor: row.editor, via: row.via === "access" ? "access" : "token", credential: row.credential, expires: row.expires } : null;
}

export async function endSession(sql: SqlStorage, id: string): Promise<void> {
  sql.exec("DELETE FROM desk_session WHERE id_hash = ?", await idHash(id));
}
