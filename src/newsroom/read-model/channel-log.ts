/**
 * @module
 * The change channel's source (issue 37): each commit's changed KV keys with their new values,
 * written in the commit's own transaction (so an entry is never for a change that did not commit),
 * kept `CHANNEL_WINDOW_MS` and answered to reader locations, which learn a change about a second
 * after its commit instead of after KV's propagation. A commit of more than `CHANNEL_MAX_KEYS` keys
 * (a content load, a rebuild, an import) is left out: readers follow those by the write log and KV,
 * as before, rather than carry thousands of values on every poll.
 */

import type { ChannelAnswer, ChannelEntry } from "../../shared/freshness/channel-format.ts";
import { CHANNEL_WINDOW_MS } from "../../shared/freshness/policy.ts";

export const CHANNEL_SCHEMA = [
  "CREATE TABLE IF NOT EXISTS channel (n INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL, value TEXT, at INTEGER NOT NULL)",
  // Every poll finds the window's edge and its recent part by time: without it, a scan of the window (thousands of rows under a burst).
  "CREATE INDEX IF NOT EXISTS channel_at ON channel (at)",
];

/** A commit changing more keys than this is not put on the channel. */
export const CHANNEL_MAX_KEYS = 200;

/**
 * Inside a commit's transaction: one entry per changed key, with the value the model now holds. A commit
 * too large for the channel still puts on it the keys an earlier entry in the window names (a restore or a
 * rebuild over a story just corrected): readers hold those earlier values in place of KV's, so they must
 * learn the newer one, or the channel would serve what this commit replaced.
 */
export function recordChanges(sql: SqlStorage, keys: readonly string[], valueOf: (key: string) => string | null, at: number): void {
  let chosen = keys;
  if (keys.length > CHANNEL_MAX_KEYS) {
    const changed = new Set(keys);
    chosen = sql
      .exec<{ key: string }>("SELECT DISTINCT key FROM channel")
      .toArray()
      .map((r) => r.key)
      .filter((k) => changed.has(k));
  }
  for (const key of chosen) sql.exec("INSERT INTO channel (key, value, at) VALUES (?, ?, ?)", key, valueOf(key), at);
}

/**
 * The entries of the last `CHANNEL_WINDOW_MS`, each key's newest only, oldest first; older ones are dropped. With
 * `recentMs` (a poll's answer: a reader that polls every second needs no more), only keys changed after the newest
 * entry older than that (`from`), so an answer's size follows the last seconds' writes, not the window's: under a
 * burst of writes the whole window (each article record, each index node, once per change for 150 s) ran to
 * megabytes a poll, parsed by every isolate every second.
 */
export function recentChanges(sql: SqlStorage, now: number, recentMs?: number): ChannelAnswer {
  sql.exec("DELETE FROM channel WHERE at < ?", now - CHANNEL_WINDOW_MS);
  const older = recentMs === undefined ? null : sql.exec<{ n: number | null }>("SELECT MAX(n) AS n FROM channel WHERE at < ?", now - recentMs).one().n;
  const entries = sql
    .exec<ChannelEntry & Record<string, SqlStorageValue>>(
      "SELECT n, key, value, at FROM channel WHERE n IN (SELECT MAX(n) FROM channel WHERE n > ? GROUP BY key) ORDER BY n",
      older ?? 0,
    )
    .toArray();
  const seq = sql.exec<{ seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'channel'").toArray()[0];
  const answer: ChannelAnswer = { cursor: seq?.seq ?? 0, at: now, entries: entries.map(({ n, key, value, at }) => ({ n, key, value, at })) };
  if (older !== null) answer.from = older;
  return answer;
}
