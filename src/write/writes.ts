/**
 * @module
 * The log of recent KV writes the Newsroom keeps for readers (`v1:writes`; how readers use it:
 * content/writes.ts). Before a drain writes any key, the log marks those keys in progress and goes
 * to KV first; after the drain, each key it wrote gets the time its write had completed by. So a
 * reader never sees a key written that the log does not either name or cover, and a cached copy
 * is renewed only while none of its keys has been written since it was built.
 *
 * Completed entries older than `WINDOW_MS` are pruned, and `since` moves up with them; past
 * `MAX_KEYS` (a content load, a rebuild) all completed entries are dropped and `since` is now, so
 * every cached copy is rebuilt once rather than the log growing without bound.
 */

import { WRITES_KEY, type WriteLog } from "../content/writes.ts";

export const WRITES_SCHEMA = [
  // at: epoch ms the key's latest write had completed by; NULL while one is in progress.
  "CREATE TABLE IF NOT EXISTS write_log (key TEXT PRIMARY KEY, at INTEGER)",
  "CREATE TABLE IF NOT EXISTS write_log_since (id INTEGER PRIMARY KEY CHECK (id = 1), since INTEGER NOT NULL)",
];

/** Completed writes are listed this long: longer than a reader renews a copy (`RENEW_MAX_MS`) plus KV's lag. */
export const WINDOW_MS = 10 * 60_000;
/** Entries the log holds at most before it starts over (a 2,000-article load writes thousands of keys). */
export const MAX_KEYS = 1_000;

export class RecentWrites {
  private readonly sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.sql = sql;
  }

  /** Marks `keys` in progress and puts the log in KV; the keys may be written once this resolves. */
  async begin(kv: KVNamespace, keys: string[], now: number): Promise<void> {
    for (const key of keys) this.sql.exec("INSERT INTO write_log (key, at) VALUES (?, NULL) ON CONFLICT (key) DO UPDATE SET at = NULL", key);
    await this.put(kv, now);
  }

  /** Every key in progress that no longer waits in the outbox was written by `now` (call it after the writes). */
  async complete(kv: KVNamespace, now: number): Promise<void> {
    const done = this.sql.exec("UPDATE write_log SET at = ? WHERE at IS NULL AND key NOT IN (SELECT key FROM outbox)", now).rowsWritten;
    if (done > 0) await this.put(kv, now);
  }

  /** The log as readers get it, pruned at `now`. */
  document(now: number): WriteLog {
    let since = this.sql.exec<{ since: number }>("SELECT since FROM write_log_since").toArray()[0]?.since;
    // The first log: nothing before now is listed.
    if (since === undefined) since = now;
    if (this.sql.exec("DELETE FROM write_log WHERE at IS NOT NULL AND at < ?", now - WINDOW_MS).rowsWritten > 0) since = Math.max(since, now - WINDOW_MS);
    if (this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM write_log").one().n > MAX_KEYS) {
      this.sql.exec("DELETE FROM write_log WHERE at IS NOT NULL");
      since = now;
    }
    this.sql.exec("INSERT INTO write_log_since (id, since) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET since = excluded.since", since);
    const keys: WriteLog["keys"] = {};
    for (const row of this.sql.exec<{ key: string; at: number | null }>("SELECT key, at FROM write_log")) keys[row.key] = row.at;
    return { since, keys };
  }

  private async put(kv: KVNamespace, now: number): Promise<void> {
    await kv.put(WRITES_KEY, JSON.stringify(this.document(now)));
  }
}
