/**
 * @module
 * What editors read back from the Newsroom: an article whatever its status, its revisions, and the
 * internal change log. Reads only; every write is in articles.ts.
 */

import type { Article } from "../content/schema.ts";
import type { Origin } from "./articles.ts";

export interface StoredArticle {
  article: Article;
  version: number;
  status: "draft" | "published";
  /** Published, but its time has not come. */
  scheduled: boolean;
  origin: Origin;
}

export interface RevisionInfo {
  version: number;
  time: string;
  editor: string;
  kind: "upsert" | "delete";
}

export interface LogEntry {
  seq: number;
  id: string;
  kind: string;
  time: string;
  editor: string;
  version: number;
  public: boolean;
}

export function storedArticle(sql: SqlStorage, id: string, now = Date.now()): StoredArticle | null {
  const row = sql.exec<{ data: string; version: number; status: "draft" | "published"; publish_at: number; origin: Origin }>("SELECT * FROM article WHERE id = ?", id).toArray()[0];
  if (!row) return null;
  return { article: JSON.parse(row.data) as Article, version: row.version, status: row.status, scheduled: row.status === "published" && row.publish_at > now, origin: row.origin };
}

/** Every version of an article, newest first (also after a removal). */
export function revisions(sql: SqlStorage, id: string): RevisionInfo[] {
  return sql
    .exec<{ version: number; time: number; editor: string; kind: "upsert" | "delete" }>("SELECT version, time, editor, kind FROM revision WHERE id = ? ORDER BY version DESC", id)
    .toArray()
    .map((r) => ({ version: r.version, time: new Date(r.time).toISOString(), editor: r.editor, kind: r.kind }));
}

export function revision(sql: SqlStorage, id: string, version: number): (RevisionInfo & { article: Article | null }) | null {
  const r = sql
    .exec<{ version: number; time: number; editor: string; kind: "upsert" | "delete"; data: string | null }>(
      "SELECT version, time, editor, kind, data FROM revision WHERE id = ? AND version = ?",
      id,
      version,
    )
    .toArray()[0];
  if (!r) return null;
  return { version: r.version, time: new Date(r.time).toISOString(), editor: r.editor, kind: r.kind, article: r.data ? (JSON.parse(r.data) as Article) : null };
}

/** The internal change log after `since`, oldest first (every commit, public or not, with its editor). */
export function changeLog(sql: SqlStorage, since: number, limit: number): LogEntry[] {
  return sql
    .exec<{ seq: number; id: string; kind: string; time: number; editor: string; version: number; public: number }>("SELECT * FROM change WHERE seq > ? ORDER BY seq LIMIT ?", since, limit)
    .toArray()
    .map((c) => ({ ...c, time: new Date(c.time).toISOString(), public: c.public === 1 }));
}
