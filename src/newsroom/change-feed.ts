/**
 * @module
 * The public change feed, as apps sync from it (`GET /api/v1/changes`): every change readers can see —
 * an article appearing or changing (`upsert`, with its summary) or going (`delete`, a tombstone) —
 * numbered 1, 2, 3… in commit order with no gaps. The Newsroom materialises it in KV as pages of
 * `FEED_PAGE` changes, `v1:changes:<page>`, and `v1:changes:meta` ({ first, last }), so apps read
 * KV through the caches like every reader; the oldest pages beyond `FEED_RETAIN` are dropped, and a
 * cursor older than what is kept is told to resync (410).
 */

import { FEED_META, FEED_PAGE, FEED_RETAIN, type FeedMeta, pageKey, pageOf, type StoredChange } from "../shared/model/documents.ts";
import type { IndexEntry } from "../shared/model/documents.ts";
import type { ReadModel } from "./read-model/outbox.ts";

export const FEED_SCHEMA = [
  "CREATE TABLE IF NOT EXISTS feed (n INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL, type TEXT NOT NULL, time INTEGER NOT NULL, entry TEXT)",
];

export type FeedChange = { type: "upsert"; id: string; time: number; entry: IndexEntry } | { type: "delete"; id: string; time: number };

/** A page of the feed as KV holds it, from the feed table. */
export function pageValue(sql: SqlStorage, page: number): string {
  const rows = sql
    .exec<{ n: number; id: string; type: string; time: number; entry: string | null }>(
      "SELECT * FROM feed WHERE n > ? AND n <= ? ORDER BY n",
      page * FEED_PAGE,
      (page + 1) * FEED_PAGE,
    )
    .toArray();
  const changes: StoredChange[] = rows.map((r) =>
    r.type === "upsert"
      ? { n: r.n, type: "upsert", id: r.id, time: new Date(r.time).toISOString(), entry: JSON.parse(r.entry!) as IndexEntry }
      : { n: r.n, type: "delete", id: r.id, time: new Date(r.time).toISOString() },
  );
  return JSON.stringify({ v: 1, page, changes });
}

/** Appends changes in order, rewrites each page they fall in and the meta once, and drops pages past the retention. */
export async function recordChanges(sql: SqlStorage, model: ReadModel, changes: FeedChange[]): Promise<void> {
  if (changes.length === 0) return;
  const pages = new Set<number>();
  let n = 0;
  for (const change of changes) {
    const entry = change.type === "upsert" ? JSON.stringify(change.entry) : null;
    n = sql.exec<{ n: number }>("INSERT INTO feed (id, type, time, entry) VALUES (?, ?, ?, ?) RETURNING n", change.id, change.type, change.time, entry).one().n;
    pages.add(pageOf(n));
  }
  const dropBelow = pageOf(n) - FEED_RETAIN + 1;
  let first = sql.exec<{ n: number | null }>("SELECT min(n) AS n FROM feed").one().n ?? n;
  if (dropBelow > 0 && pageOf(first) < dropBelow) {
    for (let p = pageOf(first); p < dropBelow; p++) await model.delete(pageKey(p));
    sql.exec("DELETE FROM feed WHERE n <= ?", dropBelow * FEED_PAGE);
    first = dropBelow * FEED_PAGE + 1;
  }
  for (const page of pages) if (page >= Math.max(0, dropBelow)) await model.put(pageKey(page), pageValue(sql, page));
  await model.put(FEED_META, JSON.stringify({ v: 1, first, last: n } satisfies FeedMeta));
}
