/**
 * @module
 * The KV read model as the Newsroom keeps it in its own SQLite: `model` holds what every live KV key
 * should contain, and `outbox` the keys whose KV copy is behind (a put, a delete, or an expiring
 * put of an index node a change replaced). A change writes both inside the Durable Object's
 * transaction; `drain` then brings KV up to date and removes what it wrote from the outbox. A KV
 * failure leaves the rows there, to be retried; nothing in KV is ever half of a change that did not
 * commit.
 *
 * Order, so that no reader meets a key that names a missing one: article records and index nodes
 * first, then index roots, then deletions of article records, then expiring nodes. Before any of
 * them, the log of recent writes (writes.ts) marks the keys put or deleted as in progress.
 */

import { GARBAGE_TTL, INDEX_PREFIX } from "../content/listing.ts";
import type { IndexStore } from "./tree.ts";
import type { RecentWrites } from "./writes.ts";

export const MODEL_SCHEMA = [
  // in_kv: KV has this value (set once drained). A node replaced before KV ever had it needs no expiry.
  "CREATE TABLE IF NOT EXISTS model (key TEXT PRIMARY KEY, value TEXT NOT NULL, in_kv INTEGER NOT NULL DEFAULT 0)",
  // op: put | delete | expire; value: what to put (null for a delete).
  "CREATE TABLE IF NOT EXISTS outbox (key TEXT PRIMARY KEY, seq INTEGER NOT NULL, op TEXT NOT NULL, value TEXT)",
  "CREATE INDEX IF NOT EXISTS outbox_by_seq ON outbox (seq)",
];

/** Most KV operations one drain makes: a Worker invocation may make only so many subrequests. */
export const DRAIN_BATCH = 400;

type Op = "put" | "delete" | "expire";
interface OutboxRow {
  key: string;
  seq: number;
  op: Op;
  value: string | null;
  [column: string]: SqlStorageValue;
}

const isRoot = (key: string) => key.startsWith(INDEX_PREFIX) && key.endsWith(":meta");

/** 0: records and nodes, 1: roots, 2: record deletions, 3: expiring nodes. */
function phase({ key, op }: OutboxRow): number {
  if (op === "expire") return 3;
  if (isRoot(key)) return 1;
  return op === "put" ? 0 : 2;
}

/** The read model in SQLite; also the `IndexStore` the index writer changes trees in. */
export class ReadModel implements IndexStore {
  private readonly sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.sql = sql;
  }

  value(key: string): string | null {
    const row = this.sql.exec<{ value: string }>("SELECT value FROM model WHERE key = ?", key).toArray()[0];
    return row ? row.value : null;
  }

  private enqueue(key: string, op: Op, value: string | null): void {
    this.sql.exec(
      "INSERT INTO outbox (key, seq, op, value) VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM outbox), ?, ?) " +
        "ON CONFLICT (key) DO UPDATE SET seq = excluded.seq, op = excluded.op, value = excluded.value",
      key,
      op,
      value,
    );
  }

  async get(key: string): Promise<string | null> {
    return this.value(key);
  }

  async put(key: string, value: string): Promise<void> {
    if (this.value(key) === value) return;
    this.sql.exec("INSERT INTO model (key, value, in_kv) VALUES (?, ?, 0) ON CONFLICT (key) DO UPDATE SET value = excluded.value, in_kv = 0", key, value);
    this.enqueue(key, "put", value);
  }

  async delete(key: string): Promise<void> {
    if (this.value(key) === null) return;
    this.sql.exec("DELETE FROM model WHERE key = ?", key);
    this.enqueue(key, "delete", null);
  }

  async expire(key: string, value: string): Promise<void> {
    const row = this.sql.exec<{ in_kv: number }>("SELECT in_kv FROM model WHERE key = ?", key).toArray()[0];
    this.sql.exec("DELETE FROM model WHERE key = ?", key);
    // Never written to KV (made and replaced between two drains, as in a bulk load): no reader can hold it.
    if (row && row.in_kv === 0) this.sql.exec("DELETE FROM outbox WHERE key = ? AND op = 'put'", key);
    else this.enqueue(key, "expire", value);
  }

  /** Every key again, as if KV were empty (a rebuild); `stale` KV keys the model lacks are deleted. */
  requeueAll(stale: string[]): void {
    this.sql.exec("DELETE FROM outbox");
    this.sql.exec("UPDATE model SET in_kv = 0");
    this.sql.exec("INSERT INTO outbox (key, seq, op, value) SELECT key, row_number() OVER (ORDER BY key LIKE '%:meta', key), 'put', value FROM model");
    for (const key of stale) if (this.value(key) === null) this.enqueue(key, "delete", null);
  }

  /** Clears the model (before a rebuild fills it again). */
  clear(): void {
    this.sql.exec("DELETE FROM model");
  }

  /** How many keys the model holds. */
  size(): number {
    return this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM model").one().n;
  }

  pending(): number {
    return this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM outbox").one().n;
  }

  /** Model keys after `after`, in key order: for comparing with KV a page at a time. */
  keys(after: string, limit: number): { key: string; value: string }[] {
    return this.sql.exec<{ key: string; value: string }>("SELECT key, value FROM model WHERE key > ? ORDER BY key LIMIT ?", after, limit).toArray();
  }

  /**
   * Writes the oldest `DRAIN_BATCH` outbox rows to KV, phase by phase, and forgets each one written
   * (unless a newer change re-queued its key meanwhile). Stops at the first phase with a failure,
   * so a root is never written before its nodes. Returns how many rows it wrote and how many are left;
   * the log of recent writes learns what was written when the caller calls `RecentWrites.complete`.
   */
  async drain(kv: KVNamespace, log: RecentWrites): Promise<{ written: number; left: number }> {
    const rows = this.sql.exec<OutboxRow>("SELECT key, seq, op, value FROM outbox ORDER BY seq LIMIT ?", DRAIN_BATCH).toArray();
    const changing = rows.filter((r) => r.op !== "expire").map((r) => r.key);
    // Expiring nodes change nothing a reader can reach: a replaced node's root is rewritten anyway.
    if (changing.length) await log.begin(changing);
    let written = 0;
    for (let p = 0; p <= 3; p++) {
      const group = rows.filter((r) => phase(r) === p);
      const results = await Promise.allSettled(group.map((r) => apply(kv, r)));
      results.forEach((result, i) => {
        if (result.status !== "fulfilled") return;
        written++;
        const { key, seq, op, value } = group[i];
        this.sql.exec("DELETE FROM outbox WHERE key = ? AND seq = ?", key, seq);
        if (op === "put") this.sql.exec("UPDATE model SET in_kv = 1 WHERE key = ? AND value = ?", key, value);
      });
      const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
      if (failed) throw new Error(`KV write failed; ${this.pending()} change(s) wait for a retry`, { cause: failed.reason });
    }
    return { written, left: this.pending() };
  }
}

function apply(kv: KVNamespace, { key, op, value }: OutboxRow): Promise<unknown> {
  if (op === "delete") return kv.delete(key);
  return kv.put(key, value ?? "", op === "expire" ? { expirationTtl: GARBAGE_TTL } : undefined);
}
