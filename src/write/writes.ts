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

/**
 * KV takes one write a second to a key (more are refused with 429), so the log is put at most once a
 * second: `begin` waits out the rest of the second since the last put (only a drain that follows
 * another that closely waits), and `complete` leaves its put to a timer a second after the last one,
 * which a `begin` in between makes unnecessary (its put carries the completions too).
 */
export const MIN_PUT_INTERVAL_MS = 1_000;

export class RecentWrites {
  private readonly sql: SqlStorage;
  private readonly kv: () => KVNamespace;
  private lastPut = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private putting: Promise<unknown> = Promise.resolve();

  /** `kv`: the binding at the time of each put (the fault-injection tests swap it). */
  constructor(sql: SqlStorage, kv: () => KVNamespace) {
    this.sql = sql;
    this.kv = kv;
  }

  /** Marks `keys` in progress and puts the log in KV; the keys may be written once this resolves. */
  async begin(keys: string[]): Promise<void> {
    for (const key of keys) this.sql.exec("INSERT OR REPLACE INTO write_log VALUES (?, NULL)", key);
    await this.put();
  }

  /**
   * Every key in progress that no longer waits in the outbox was written by now (call it after the
   * writes); KV hears of it within a second. Should that put fail, or the object be evicted first,
   * the keys stay in progress there until the next put: copies of them are rebuilt, not renewed.
   */
  complete(): void {
    if (!this.sql.exec("UPDATE write_log SET at = ? WHERE at IS NULL AND key NOT IN (SELECT key FROM outbox)", Date.now()).rowsWritten) return;
    this.timer ??= setTimeout(
      () => void this.put().catch((err) => console.error(JSON.stringify({ level: "error", event: "write log update failed", error: String(err) }))),
      Math.max(0, this.lastPut + MIN_PUT_INTERVAL_MS - Date.now()),
    );
  }

  /** Resolves once KV has the log as the tables hold it now (a pending put is made, its second waited out). */
  settled(): Promise<void> {
    return this.timer !== undefined ? this.put() : this.putting.then(() => undefined);
  }

  /** One put at a time, each made from the tables as they are when its turn comes, so the newest lands last. */
  private put(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const turn = this.putting.then(async () => {
      // At most a second (a clock set back must not make it wait longer).
      const wait = Math.min(MIN_PUT_INTERVAL_MS, this.lastPut + MIN_PUT_INTERVAL_MS - Date.now());
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const now = Date.now();
      this.lastPut = now;
      await this.kv().put(WRITES_KEY, JSON.stringify(document(this.sql, now)));
    });
    this.putting = turn.catch(() => undefined);
    return turn;
  }
}

/** The log as readers get it, pruned at `now`. */
function document(sql: SqlStorage, now: number): WriteLog {
  // The first log lists nothing from before it.
  let since = getMeta(sql, "writes since") ?? now;
  if (sql.exec("DELETE FROM write_log WHERE at < ?", now - WINDOW_MS).rowsWritten) since = Math.max(since, now - WINDOW_MS);
  let rows = sql.exec<{ key: string; at: number | null }>("SELECT key, at FROM write_log").toArray();
  if (rows.length > MAX_KEYS) {
    // Starting over: only the writes in progress stay listed.
    sql.exec("DELETE FROM write_log WHERE at > 0");
    rows = rows.filter((row) => row.at === null);
    since = now;
  }
  setMeta(sql, "writes since", since);
  return { since, keys: Object.fromEntries(rows.map((row) => [row.key, row.at])) };
}
