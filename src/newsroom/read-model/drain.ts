/**
 * @module
 * Draining the outbox into KV, in the background of the commits that filled it. A pass takes the
 * oldest rows at once (so a burst of publishes is written by a handful of passes, newest value of
 * each key winning), marks them in progress in the log of recent writes, writes them in phase order
 * (outbox.ts) at most once a second per key, and wakes whoever waits for a commit to reach KV
 * (`Prefer: wait`, the Worker clearing its caches). Passes run one at a time: two at once could write
 * an older root after a newer one. The Newsroom runs them from its alarm, which every commit sets
 * inside its own transaction, so a crash at any moment leaves a drain scheduled.
 */

import { staggered } from "./stagger.ts";
import { collected, due, nextCollection } from "./garbage.ts";
import { DRAIN_BATCH, PACE_MS, ReadModel, type Pass } from "./outbox.ts";
import type { RecentWrites } from "./write-log.ts";

/** Retries of a failed KV update: 1 s, doubling, at most a minute apart. */
export const RETRY_MS = [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000];

interface Waiter {
  commit: number;
  keys: readonly string[];
  resolve: (lacking: number) => void;
}

export class Drainer {
  private readonly sql: SqlStorage;
  private readonly kv: () => KVNamespace;
  private readonly log: RecentWrites;
  private running: Promise<Pass> = Promise.resolve({ written: 0, left: false, keys: [], known: [] });
  private readonly lastWrite = new Map<string, number>();
  private readonly waiters = new Set<Waiter>();
  private readonly idle = new Set<() => void>();
  private failures = 0;
  /** Called after a pass with the keys it wrote that KV had before (the Newsroom purges this location's copies built from them). */
  onWritten: (keys: string[]) => Promise<void> = async () => {};

  /** `kv`: the binding at the time of each pass (the fault-injection tests swap it). */
  constructor(sql: SqlStorage, kv: () => KVNamespace, log: RecentWrites) {
    this.sql = sql;
    this.kv = kv;
    this.log = log;
  }

  private get model(): ReadModel {
    return new ReadModel(this.sql);
  }

  /** One pass, after any pass already running. Never throws: a failure is in the result, and the rows stay. */
  pass(): Promise<Pass> {
    const run = this.running.then(() => this.once());
    this.running = run;
    return run;
  }

  private async once(): Promise<Pass> {
    const model = this.model;
    const rows = model.batch();
    let pass: Pass;
    if (rows.length === 0) pass = { written: 0, left: false, keys: [], known: [] };
    else {
      try {
        pass = await model.write(this.kv(), rows, this.lastWrite, (keys) => this.log.begin(keys));
      } catch (failure) {
        // The log could not be put first: nothing was written.
        pass = { written: 0, left: true, keys: [], known: [], failure };
      }
      this.log.complete();
    }
    // Only once KV has every change: a replaced node goes after the roots that no longer name it.
    if (pass.failure === undefined && model.changing() === 0) await this.collect(pass, DRAIN_BATCH - rows.length);
    // Keys whose second is over need no pacing: forgotten, however the pass went.
    for (const [key, at] of this.lastWrite) if (at + PACE_MS <= performance.now()) this.lastWrite.delete(key);
    if (pass.failure !== undefined) {
      this.failures++;
      const cause = (pass.failure as Error)?.cause;
      console.error(
        JSON.stringify({
          level: "error",
          event: "read model update failed",
          error: String(pass.failure),
          cause: String(cause ?? ""),
          pending: model.pending(),
        }),
      );
    } else this.failures = 0;
    if (pass.known.length) await this.onWritten(pass.known).catch(() => {});
    this.wake();
    return pass;
  }

  /** Deletes from KV the replaced nodes now due (garbage.ts), with what is left of the pass's budget. */
  private async collect(pass: Pass, budget: number): Promise<void> {
    const now = Date.now();
    const keys = due(this.sql, now, budget);
    const kv = this.kv();
    const results = await staggered(keys, (key) => kv.delete(key));
    results.forEach((result, i) => {
      this.lastWrite.set(keys[i], performance.now());
      if (result.status !== "fulfilled") return void (pass.failure ??= result.reason);
      collected(this.sql, keys[i], now);
      pass.written++;
    });
  }

  /**
   * The drain's offer for the Newsroom's alarm (src/newsroom/alarm.ts). After a pass: a failure's
   * back-off, when a waiting key may be written, or when the next replaced node is due; a pass that
   * left nothing is not taken at its word: the outbox is asked again, since a commit made after the
   * pass (during the purge after it) found the running alarm set and set none (docs/publishing.md).
   * After a commit (`pass` undefined): now while KV lacks anything, else the next replaced node's
   * due time, unless an alarm is set already (`alarmSet`: a back-off after a failed pass, say, comes
   * before it, and its pass offers the next).
   */
  nextAlarm(pass: Pass | undefined, alarmSet: boolean, now = Date.now()): number | null {
    if (!pass) return this.model.behind() ? now : alarmSet ? null : nextCollection(this.sql);
    if (pass.failure !== undefined) return now + RETRY_MS[Math.min(this.failures - 1, RETRY_MS.length - 1)];
    if (!pass.left) return this.model.behind() ? now : nextCollection(this.sql);
    return now + Math.max(0, (pass.blockedUntil ?? 0) - performance.now());
  }

  private wake(): void {
    const model = this.model;
    for (const w of this.waiters) {
      if (model.lacking(w.commit, w.keys) > 0) continue;
      this.waiters.delete(w);
      w.resolve(0);
    }
    if (!model.behind()) for (const resolve of this.idle) resolve();
    if (!model.behind()) this.idle.clear();
  }

  /**
   * Resolves once KV has commit `commit`'s effect on `keys` (0), or after `timeoutMs` with how many
   * of them it still lacks.
   */
  until(commit: number, keys: readonly string[], timeoutMs: number): Promise<number> {
    const lacking = this.model.lacking(commit, keys);
    if (lacking === 0 || timeoutMs <= 0) return Promise.resolve(lacking);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        commit,
        keys,
        resolve: (n) => {
          clearTimeout(timer);
          resolve(n);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        resolve(this.model.lacking(commit, keys));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Resolves once the outbox is empty and the log of recent writes is in KV as the tables hold it. */
  async settled(): Promise<void> {
    if (this.model.behind()) await new Promise<void>((resolve) => this.idle.add(resolve));
    await this.running;
    await this.log.settled();
  }
}
