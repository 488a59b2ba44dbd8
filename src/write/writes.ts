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
import { getMeta, setMeta } from "./meta.ts";

export const WRITES_SCHEMA = [
  // at: epoch ms the key's latest write had completed by; NULL while one is in progress.
  "CREATE TABLE IF NOT EXISTS write_log (key TEXT PRIMARY KEY, at INTEGER)",
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
    for (const key of keys) this.sql.exec("INSERT OR REPLACE INTO write_log VALUES (?, NULL)", key);
    await this.put(kv, now);
  }

  /** Every key in progress that no longer waits in the outbox was written by `now` (call it after the writes). */
  async complete(kv: KVNamespace, now: number): Promise<void> {
    if (this.sql.exec("UPDATE write_log SET at = ? WHERE at IS NULL AND key NOT IN (SELECT key FROM outbox)", now).rowsWritten) await this.put(kv, now);
  }

  /** The log as readers get it, pruned at `now`. */
  document(now: number): WriteLog {
    const sql = this.sql;
    // The first log lists nothing from before it.
    let since = getMeta(sql, "writes since") ?? now;
    if (sql.exec("DELETE FROM write_log WHERE at < ?", now - WINDOW_MS).rowsWritten) since = Math.max(since, now - WINDOW_MS);
    if (sql.exec("SELECT key FROM write_log").toArray().length > MAX_KEYS) {
      sql.exec("DELETE FROM write_log WHERE at > 0");
      since = now;
    }
    setMeta(sql, "writes since", since);
    const keys: WriteLog["keys"] = {};
    for (const row of sql.exec<{ key: string; at: number | null }>("SELECT * FROM write_log")) keys[row.key] = row.at;
    return { since, keys };
  }

  private async put(kv: KVNamespace, now: number): Promise<void> {
    await kv.put(WRITES_KEY, JSON.stringify(this.document(now)));
  }
}
