/**
 * @module
 * The desk's server autosave: each editor's private working copy of a story, kept beside it and
 * never in the article, its revisions, the change log or KV, so readers (and colleagues) see the
 * saved version until the editor saves it (Update, for a live or scheduled story). A copy is made
 * over a version, named by the `If-Match` the desk sends, and refused when that version is no
 * longer current; the editor's next save of the story removes it, in the same transaction.
 */

import type { Article } from "../shared/model/schema.ts";
import type { Conditions, WorkingCopy } from "../shared/newsroom-api.ts";
import type { ArticleRow } from "./articles.ts";
import { tagOf } from "./version-tag.ts";

export const WORKING_SCHEMA = [
  // text: the desk's form as JSON (what the editor typed, valid or not); etag: the version's JSON ETag it was made over.
  `CREATE TABLE IF NOT EXISTS working_copy (
     id TEXT NOT NULL, editor TEXT NOT NULL, version INTEGER NOT NULL, etag TEXT NOT NULL, text TEXT NOT NULL, saved INTEGER NOT NULL,
     PRIMARY KEY (id, editor))`,
];

export function keepCopy(sql: SqlStorage, id: string, editor: string, version: number, etag: string, text: string, now: number): void {
  sql.exec("INSERT OR REPLACE INTO working_copy VALUES (?, ?, ?, ?, ?, ?)", id, editor, version, etag, text, now);
}

export function copyOf(sql: SqlStorage, id: string, editor: string): WorkingCopy | null {
  const row = sql
    .exec<{ version: number; etag: string; text: string; saved: number }>("SELECT * FROM working_copy WHERE id = ? AND editor = ?", id, editor)
    .toArray()[0];
  return row ? { version: row.version, etag: row.etag, text: JSON.parse(row.text) as unknown, saved: new Date(row.saved).toISOString() } : null;
}

/** Removes the editor's copy (or, with `editor` null, everyone's: the story was removed). */
export function dropCopy(sql: SqlStorage, id: string, editor: string | null): void {
  sql.exec("DELETE FROM working_copy WHERE id = ? AND (?2 IS NULL OR editor = ?2)", id, editor);
}

/** The desk's autosave of `editor`'s copy over the current version `row`, if `conditions` name it (`text` null forgets it). */
export async function keepWorkingCopy(
  sql: SqlStorage,
  row: ArticleRow | null | undefined,
  copy: { id: string; editor: string; text: unknown; etag: string; conditions: Conditions },
  now: number,
): Promise<{ status: 204 | 404 | 412 }> {
  if (copy.text === null) dropCopy(sql, copy.id, copy.editor);
  else if (!row) return { status: 404 };
  else if (!copy.conditions.ifTags?.includes(await tagOf(JSON.parse(row.data) as Article))) return { status: 412 };
  else keepCopy(sql, copy.id, copy.editor, row.version, copy.etag, JSON.stringify(copy.text), now);
  return { status: 204 };
}
