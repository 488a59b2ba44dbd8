/**
 * @module
 * Index nodes a change replaced, waiting to be deleted from KV. A reader holding an older root
 * (cached, or read just before the new one was written) still reads that root's nodes, so a
 * replaced node stays readable for `GARBAGE_TTL` (src/shared/model/index-tree.ts). It used to be rewritten
 * with that expiry at the drain: a second copy of every replaced node went to KV (a leaf of 100
 * entries was 62 KB with the benchmark's articles), and into the outbox to carry it, which made up 40–60 % of what a correction wrote. Now the
 * commit notes the node and its due time here, and a drain pass deletes it once due: a delete
 * carries no value. The row is written in the commit's transaction, and the Newsroom's alarm is
 * set for the earliest due time, so a crash never leaves a node behind for good.
 *
 * A node made again before it is due (the same content, so the same name) is live again: `reclaim`
 * forgets it. What is due is checked against the model when a pass takes it, for the same reason.
 */

import { GARBAGE_TTL } from "../../shared/freshness/policy.ts";
import { INDEX_PREFIX } from "../../shared/model/index-tree.ts";

/** A key noted again keeps one row, due from the latest noting. */
const UPSERT = "ON CONFLICT (key) DO UPDATE SET due = excluded.due";

export const GARBAGE_SCHEMA = [
  // due: when (ms since the epoch) the key may be deleted from KV.
  "CREATE TABLE IF NOT EXISTS garbage (key TEXT PRIMARY KEY, due INTEGER NOT NULL)",
  "CREATE INDEX IF NOT EXISTS garbage_by_due ON garbage (due)",
];

/** `key` left KV's model at `now`: delete it from KV once `GARBAGE_TTL` has passed. */
export function discard(sql: SqlStorage, key: string, now: number): void {
  sql.exec(`INSERT INTO garbage (key, due) VALUES (?, ?) ${UPSERT}`, key, now + GARBAGE_TTL * 1000);
}

/**
 * Every index node the model holds (a rebuild is about to derive the trees again; the nodes it makes
 * again are dropped when due, being in the model) and every expiring put still queued from before
 * this module: garbage from `now`.
 */
export function discardAllNodes(sql: SqlStorage, now: number): void {
  const due = now + GARBAGE_TTL * 1000;
  sql.exec(`INSERT INTO garbage (key, due) SELECT key, ? FROM model WHERE key LIKE ? AND key NOT LIKE '%:meta' ${UPSERT}`, due, `${INDEX_PREFIX}%`);
  sql.exec(`INSERT INTO garbage (key, due) SELECT key, ? FROM outbox WHERE op = 'expire' ${UPSERT}`, due);
}

/** `key` is live again: not to be deleted. Whether it was waiting (then KV may still have it). */
export function reclaim(sql: SqlStorage, key: string): boolean {
  return sql.exec("DELETE FROM garbage WHERE key = ?", key).rowsWritten > 0;
}

/** Up to `limit` keys due by `now`, oldest first; rows whose key is in the model again are dropped. */
export function due(sql: SqlStorage, now: number, limit: number): string[] {
  if (limit <= 0) return [];
  sql.exec("DELETE FROM garbage WHERE due <= ? AND key IN (SELECT key FROM model)", now);
  return sql
    .exec<{ key: string }>("SELECT key FROM garbage WHERE due <= ? ORDER BY due LIMIT ?", now, limit)
    .toArray()
    .map((r) => r.key);
}

/** `key`, taken by `due(sql, now, …)`, is deleted from KV: forgotten (unless replaced again since, and due later). */
export function collected(sql: SqlStorage, key: string, now: number): void {
  sql.exec("DELETE FROM garbage WHERE key = ? AND due <= ?", key, now);
}

/** When the next key is due, if any. */
export function nextCollection(sql: SqlStorage): number | null {
  return sql.exec<{ at: number | null }>("SELECT min(due) AS at FROM garbage").one().at;
}
