/**
 * @module
 * The KV read model as the Newsroom keeps it in its own SQLite: `model` holds what every live KV key
 * should contain, and `outbox` the keys whose KV copy is behind (a put or a delete; rows queued before
 * 2026-12-03 may also be an expiring put of a replaced index node, which garbage.ts now deletes a day
 * later instead). A change writes both inside the Durable Object's
 * transaction, numbered by its commit; a drain (drain.ts) then brings KV up to date in the background
 * and removes what it wrote. A KV failure leaves the rows there, to be retried; nothing in KV is ever
 * half of a change that did not commit.
 *
 * Each outbox row knows the newest commit that queued it (`latest`) and the oldest commit whose
 * effect on that key KV may still lack (`first`): commit c is in KV once none of its keys has a row
 * with `first` ≤ c. That is what `Prefer: wait` and the Worker's cache clearing wait for.
 *
 * Order, so that no reader meets a key that names a missing one: article records and index nodes
 * first, then index roots (and old paths' redirects), then deletions of article records (then any
 * old expiring put); a phase starts only when every row of the phases before it in the batch is written. KV takes one write per key
 * per second (it refuses more with 429), so a key written less than a second ago waits, and so do
 * the phases after it.
 */

import { INDEX_PREFIX } from "../../shared/model/index-tree.ts";
import { OLD_PREFIX } from "../../shared/model/old-paths.ts";
import { GARBAGE_TTL } from "../../shared/freshness/policy.ts";
import { staggered } from "./stagger.ts";
import { discard, discardAllNodes, reclaim } from "./garbage.ts";
import type { IndexStore } from "./scope-change.ts";

export const MODEL_SCHEMA = [
  // in_kv: no longer read or set (KV has a model value unless a put of it waits in the outbox); kept,
  // as objects made before have it.
  "CREATE TABLE IF NOT EXISTS model (key TEXT PRIMARY KEY, value TEXT NOT NULL, in_kv INTEGER NOT NULL DEFAULT 0)",
  // seq: queue order; op: put | delete | expire; value: what an expiry puts (null for a delete, and for a put: the model's value is put);
  // latest / first: the newest and the oldest commit whose effect on the key KV still lacks;
  // fresh: KV has never had the key (nothing at a location can have been built from it).
  "CREATE TABLE IF NOT EXISTS outbox (key TEXT PRIMARY KEY, seq INTEGER NOT NULL, op TEXT NOT NULL, value TEXT, latest INTEGER NOT NULL DEFAULT 0, first INTEGER NOT NULL DEFAULT 0, fresh INTEGER NOT NULL DEFAULT 0)",
  "CREATE INDEX IF NOT EXISTS outbox_by_seq ON outbox (seq)",
];

/** Columns added after the tables were first created (CREATE TABLE IF NOT EXISTS leaves old tables as they are). */
export function upgradeModel(sql: SqlStorage): void {
  const columns = (table: string) =>
    sql
      .exec<{ name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
      .toArray()
      .map((c) => c.name);
  if (!columns("model").includes("in_kv")) sql.exec("ALTER TABLE model ADD COLUMN in_kv INTEGER NOT NULL DEFAULT 0");
  const outbox = columns("outbox");
  if (!outbox.includes("latest")) sql.exec("ALTER TABLE outbox ADD COLUMN latest INTEGER NOT NULL DEFAULT 0");
  if (!outbox.includes("first")) sql.exec("ALTER TABLE outbox ADD COLUMN first INTEGER NOT NULL DEFAULT 0");
  if (!outbox.includes("fresh")) sql.exec("ALTER TABLE outbox ADD COLUMN fresh INTEGER NOT NULL DEFAULT 0");
}

/** Most KV operations one drain makes: a Worker invocation may make only so many (KV: 1,000). */
export const DRAIN_BATCH = 500;
/** KV accepts one write a second to a key; a second write within it is refused (429). */
export const KEY_WRITE_INTERVAL_MS = 1_000;
/** Kept between two writes of a key beyond the second: timers and clocks are a few ms coarse. */
export const PACE_MS = KEY_WRITE_INTERVAL_MS + 50;

type Op = "put" | "delete" | "expire";
export interface OutboxRow {
  key: string;
  seq: number;
  op: Op;
  value: string | null;
  latest: number;
  fresh: number;
  [column: string]: SqlStorageValue;
}

const isRoot = (key: string) => key.startsWith(INDEX_PREFIX) && key.endsWith(":meta");

/** 0: records and nodes, 1: roots, 2: record deletions, 3: expiring nodes. */
function phase({ key, op }: OutboxRow): number {
  if (op === "expire") return 3;
  // An old path's redirect names an article: written with the roots, after the records.
  if (isRoot(key) || (op === "put" && key.startsWith(OLD_PREFIX))) return 1;
  return op === "put" ? 0 : 2;
}

export interface Pass {
  /** KV operations that succeeded. */
  written: number;
  /** Whether rows are left in the outbox. */
  left: boolean;
  /** When (`performance.now()`) a key this pass had to leave, written less than a second before, may be written. */
  blockedUntil?: number;
  /** The first KV failure, if any (the rows stay for a retry). */
  failure?: unknown;
  /** Keys put or deleted, for the log of recent writes. */
  keys: string[];
  /** Of those, the keys KV had before (copies at a location may have been built from them). */
  known: string[];
}

/** The read model in SQLite; also the `IndexStore` the index writer changes trees in. */
export class ReadModel implements IndexStore {
  private readonly sql: SqlStorage;
  /** The commit now being made (set by the transaction that makes it). */
  commit = 0;
  /** Keys this commit puts or deletes: what its readers wait for. */
  readonly touched = new Set<string>();

  constructor(sql: SqlStorage, commit = 0) {
    this.sql = sql;
    this.commit = commit;
  }

  value(key: string): string | null {
    const row = this.sql.exec<{ value: string }>("SELECT value FROM model WHERE key = ?", key).toArray()[0];
    return row ? row.value : null;
  }

  private enqueue(key: string, op: Op, value: string | null, fresh = false): void {
    if (op !== "expire") this.touched.add(key);
    this.sql.exec(
      "INSERT INTO outbox (key, seq, op, value, latest, first, fresh) VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM outbox), ?, ?, ?, ?, ?) " +
        "ON CONFLICT (key) DO UPDATE SET seq = excluded.seq, op = excluded.op, value = excluded.value, latest = excluded.latest",
      key,
      op,
      value,
      this.commit,
      this.commit,
      fresh ? 1 : 0,
    );
  }

  async get(key: string): Promise<string | null> {
    return this.value(key);
  }

  async put(key: string, value: string): Promise<void> {
    const before = this.value(key);
    if (before === value) return;
    // A replaced node made again: live again, and KV may still have it.
    const waiting = reclaim(this.sql, key);
    // Neither in the model nor on its way out of KV: KV has never had it (or its deletion was written).
    const fresh = before === null && !waiting && this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM outbox WHERE key = ?", key).one().n === 0;
    this.sql.exec("INSERT INTO model (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value);
    // The value is read from the model when the row is drained (newest wins): not stored twice.
    this.enqueue(key, "put", null, fresh);
  }

  async delete(key: string): Promise<void> {
    if (this.value(key) === null) return;
    this.sql.exec("DELETE FROM model WHERE key = ?", key);
    this.enqueue(key, "delete", null);
  }

  /** A replaced node: deleted from KV a day from now (garbage.ts), or at once from the outbox if KV never had it. */
  async expire(key: string): Promise<void> {
    this.sql.exec("DELETE FROM model WHERE key = ?", key);
    // Its put still waits and KV never had it (made and replaced between two drains, as in a bulk
    // load): no reader can hold it. A put a pass has started is no longer fresh (`write`).
    const waiting = this.sql.exec<{ fresh: number }>("DELETE FROM outbox WHERE key = ? AND op = 'put' RETURNING fresh", key).toArray()[0];
    if (waiting?.fresh !== 1) discard(this.sql, key, Date.now());
  }

  /** Every key again, as if KV were empty (a rebuild); `stale` KV keys the model lacks are deleted. */
  requeueAll(stale: string[]): void {
    discardAllNodes(this.sql, Date.now());
    this.sql.exec("DELETE FROM outbox");
    this.sql.exec(
      "INSERT INTO outbox (key, seq, op, value, latest, first) SELECT key, row_number() OVER (ORDER BY key LIKE '%:meta', key), 'put', NULL, ?, ? FROM model",
      this.commit,
      this.commit,
    );
    for (const key of stale) if (this.value(key) === null) this.enqueue(key, "delete", null);
  }

  /** Deletes from KV each of `keys` the model does not hold (what a restore left of the Newsroom before it). */
  deleteAbsent(keys: Iterable<string>): void {
    for (const key of keys) if (this.value(key) === null) this.enqueue(key, "delete", null);
  }

  /** Clears the model (before a rebuild fills it again). */
  clear(): void {
    discardAllNodes(this.sql, Date.now());
    this.sql.exec("DELETE FROM model");
  }

  /** How many keys the model holds. */
  size(): number {
    return this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM model").one().n;
  }

  pending(): number {
    return this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM outbox").one().n;
  }

  /** Whether anything waits to be written. */
  behind(): boolean {
    return this.sql.exec<{ n: number }>("SELECT EXISTS (SELECT 1 FROM outbox) AS n").one().n === 1;
  }

  /** How many of `keys` KV lacks in the state of commit `commit` (0: that commit is in KV). */
  lacking(commit: number, keys: readonly string[]): number {
    if (keys.length === 0) return 0;
    return this.sql
      .exec<{ n: number }>(
        "SELECT count(*) AS n FROM outbox WHERE op != 'expire' AND first <= ? AND key IN (SELECT value FROM json_each(?))",
        commit,
        JSON.stringify(keys),
      )
      .one().n;
  }

  /** Keys waiting to be put or deleted (an expiry changes nothing a reader sees). */
  changing(): number {
    return this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM outbox WHERE op != 'expire'").one().n;
  }

  /** Whether `key` waits in the outbox (a check of the read model reports such keys as pending, not different). */
  queued(keys: readonly string[]): Set<string> {
    if (keys.length === 0) return new Set();
    const rows = this.sql.exec<{ key: string }>("SELECT key FROM outbox WHERE key IN (SELECT value FROM json_each(?))", JSON.stringify(keys)).toArray();
    return new Set(rows.map((r) => r.key));
  }

  /** Model keys after `after`, in key order: for comparing with KV a page at a time. */
  keys(after: string, limit: number): { key: string; value: string }[] {
    return this.sql.exec<{ key: string; value: string }>("SELECT key, value FROM model WHERE key > ? ORDER BY key LIMIT ?", after, limit).toArray();
  }

  /** The oldest `DRAIN_BATCH` rows, in queue order: what the next pass writes. */
  batch(): OutboxRow[] {
    // A put's value is the model's (rows queued before 2026-12-03 carry their own); a put of a key the
    // model no longer has is a delete.
    return this.sql
      .exec<OutboxRow>(
        "SELECT o.key, o.seq, CASE WHEN o.op = 'put' AND coalesce(m.value, o.value) IS NULL THEN 'delete' ELSE o.op END AS op, " +
          "CASE WHEN o.op = 'put' THEN coalesce(m.value, o.value) ELSE o.value END AS value, o.latest, o.fresh " +
          "FROM outbox o LEFT JOIN model m ON m.key = o.key ORDER BY o.seq LIMIT ?",
        DRAIN_BATCH,
      )
      .toArray();
  }

  /**
   * Writes a batch to KV, phase by phase, and forgets each row written (a row a newer commit queued
   * again meanwhile stays, knowing that KV now has everything up to the commit it wrote). A key
   * written less than `KEY_WRITE_INTERVAL_MS` ago (by `lastWrite`, in `performance.now()` time: an
   * interval, whatever the wall clock does) waits, as does every later phase; so does everything
   * after a failure. `before` runs first with the keys about to change.
   */
  async write(kv: KVNamespace, rows: OutboxRow[], lastWrite: Map<string, number>, before: (keys: string[]) => Promise<void>): Promise<Pass> {
    const clock = () => performance.now();
    const readyAt = (key: string) => (lastWrite.get(key) ?? -Infinity) + PACE_MS;
    const changing = rows.filter((r) => r.op !== "expire").map((r) => r.key);
    // Expiring nodes change nothing a reader can reach: a replaced node's root is rewritten anyway.
    if (changing.length) await before(changing);
    const pass: Pass = { written: 0, left: false, keys: [], known: [] };
    for (let p = 0; p <= 3; p++) {
      const group = rows.filter((r) => phase(r) === p);
      const ready = group.filter((r) => readyAt(r.key) <= clock());
      for (const r of group) if (readyAt(r.key) > clock()) pass.blockedUntil = Math.min(pass.blockedUntil ?? Infinity, readyAt(r.key));
      // From here KV may have them, whatever becomes of this pass (a crash included): a node replaced
      // meanwhile is then garbage to delete, not a put to drop (expire).
      const fresh = ready.filter((r) => r.fresh === 1).map((r) => r.key);
      if (fresh.length) this.sql.exec("UPDATE outbox SET fresh = 0 WHERE key IN (SELECT value FROM json_each(?))", JSON.stringify(fresh));
      const results = await staggered(ready, (r) => apply(kv, r));
      results.forEach((result, i) => {
        const { key, seq, op, latest, fresh } = ready[i];
        // Refused or not, KV counts the attempt against the key's second.
        lastWrite.set(key, clock());
        if (result.status !== "fulfilled") return void (pass.failure ??= result.reason);
        pass.written++;
        if (op !== "expire") pass.keys.push(key);
        if (op !== "expire" && !fresh) pass.known.push(key);
        // Queued again meanwhile: KV now has everything up to `latest`, and has had the key.
        if (this.sql.exec("DELETE FROM outbox WHERE key = ? AND seq = ?", key, seq).rowsWritten === 0)
          this.sql.exec("UPDATE outbox SET first = max(first, ?), fresh = 0 WHERE key = ?", latest + 1, key);
      });
      if (pass.failure !== undefined || ready.length < group.length) break;
    }
    pass.left = this.behind();
    return pass;
  }
}

function apply(kv: KVNamespace, { key, op, value }: OutboxRow): Promise<unknown> {
  if (op === "delete") return kv.delete(key);
  return kv.put(key, value ?? "", op === "expire" ? { expirationTtl: GARBAGE_TTL } : undefined);
}
