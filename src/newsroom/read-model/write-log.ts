/**
 * @module
 * The log of recent KV writes the Newsroom keeps for readers (`v1:writes`; how readers use it:
 * cache/renewal.ts). Before a drain writes any key, the log marks those keys in progress and goes
 * to KV first; after the drain, each key it wrote gets the time its write had completed by. So a
 * reader never sees a key written that the log does not either name or cover, and a cached copy
 * is renewed only while none of its keys has been written since it was built.
 *
 * Completed entries older than `WRITE_LOG_WINDOW_MS` are pruned, and `since` moves up with them. Past
 * `MAX_KEYS` keys in progress (a content load, a rebuild) the log stops naming keys: it says
 * `since` = `BUSY`, which renews nothing, until the outbox has no more key to change; then it starts
 * over with `since` = now, so every cached copy is rebuilt once. A busy log needs no put per drain,
 * so a long load is written as fast as KV takes it.
 */

import { WRITES_KEY, type WriteLog } from "../../shared/model/documents.ts";
import { WRITE_LOG_WINDOW_MS } from "../../shared/freshness/policy.ts";
import { getMeta, setMeta } from "../meta.ts";
import { PACE_MS } from "./outbox.ts";

export const WRITES_SCHEMA = [
  // at: epoch ms the key's latest write had completed by; NULL while one is in progress.
  "CREATE TABLE IF NOT EXISTS write_log (key TEXT PRIMARY KEY, at INTEGER)",
];

/** Entries the log holds at most before it stops naming keys (a 2,000-article load writes thousands). */
export const MAX_KEYS = 1_000;
/** `since` of a busy log: later than any copy's horizon, so nothing is renewed. */
export const BUSY = Number.MAX_SAFE_INTEGER;

/*
 * KV takes one write a second to a key (more are refused with 429), so the log is put at most once a
 * second (`PACE_MS`): `begin` waits out the rest of the second since the last put (only a drain that
 * follows another that closely waits), and `complete` leaves its put to a timer a second after the
 * last one, which a `begin` in between makes unnecessary (its put carries the completions too).
 */

export class RecentWrites {
  private readonly sql: SqlStorage;
  private readonly kv: () => KVNamespace;
  /** `performance.now()` of the last put: an interval, whatever the wall clock does. */
  private lastPut = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private putting: Promise<unknown> = Promise.resolve();
  /** Marks not yet in KV (true at start: an earlier instance may have made some and stopped). */
  private unput = true;
  /** KV's copy says busy, so further marks need no put. */
  private busyInKV = false;

  /** `kv`: the binding at the time of each put (the fault-injection tests swap it). */
  constructor(sql: SqlStorage, kv: () => KVNamespace) {
    this.sql = sql;
    this.kv = kv;
  }

  private get busy(): boolean {
    return getMeta(this.sql, "writes busy") === 1;
  }

  /** Marks `keys` in progress and, unless KV's copy already shows them so, puts the log; the keys may be written once this resolves. */
  async begin(keys: string[]): Promise<void> {
    // Busy: the log names no key until the outbox is through, so there is nothing to mark.
    if (this.busy) return this.busyInKV ? undefined : this.put();
    for (const key of keys) {
      const { rowsWritten } = this.sql.exec("INSERT INTO write_log VALUES (?, NULL) ON CONFLICT (key) DO UPDATE SET at = NULL WHERE at IS NOT NULL", key);
      if (rowsWritten) this.unput = true;
    }
    if (this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM write_log").one().n > MAX_KEYS) {
      // Nothing older will be renewed (the log starts over when it is no longer busy): no row is needed.
      setMeta(this.sql, "writes busy", 1);
      this.sql.exec("DELETE FROM write_log");
      this.unput = true;
    }
    if (this.unput) await this.put();
  }

  /**
   * Every key in progress that no longer waits in the outbox was written by now (call it after the
   * writes); KV hears of it within a second. Should that put fail, or the object be evicted first,
   * the keys stay in progress there until the next put: copies of them are rebuilt, not renewed.
   */
  complete(): void {
    if (this.busy) {
      if (this.sql.exec<{ n: number }>("SELECT EXISTS (SELECT 1 FROM outbox WHERE op != 'expire') AS n").one().n === 1) return;
      // Starting over: every write is done, and nothing from before is listed.
      setMeta(this.sql, "writes busy", 0);
      setMeta(this.sql, "writes since", Date.now());
      this.sql.exec("DELETE FROM write_log");
    } else if (this.sql.exec("UPDATE write_log SET at = ? WHERE at IS NULL AND key NOT IN (SELECT key FROM outbox)", Date.now()).rowsWritten === 0) return;
    this.timer ??= setTimeout(
      () => void this.put().catch((err) => console.error(JSON.stringify({ level: "error", event: "write log update failed", error: String(err) }))),
      Math.max(0, this.lastPut + PACE_MS - performance.now()),
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
      const wait = this.lastPut + PACE_MS - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const now = Date.now();
      this.lastPut = performance.now();
      const busy = this.busy;
      this.unput = false;
      try {
        await this.kv().put(WRITES_KEY, JSON.stringify(document(this.sql, now, busy)));
      } catch (err) {
        this.unput = true;
        throw err;
      }
      this.busyInKV = busy;
    });
    this.putting = turn.catch(() => undefined);
    return turn;
  }
}

/** The log as readers get it, pruned at `now`. */
function document(sql: SqlStorage, now: number, busy: boolean): WriteLog {
  if (busy) return { since: BUSY, keys: {} };
  // The first log lists nothing from before it.
  let since = getMeta(sql, "writes since") ?? now;
  if (sql.exec("DELETE FROM write_log WHERE at < ?", now - WRITE_LOG_WINDOW_MS).rowsWritten) since = Math.max(since, now - WRITE_LOG_WINDOW_MS);
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
