/**
 * @module
 * Reading KV safely: a failure, a slow answer or a value that is not JSON all become a
 * `StorageError`, which the Worker answers with a cached copy or a 503. Each request's reads are
 * counted (AsyncLocalStorage, `nodejs_als`): what KV reads cost is the publisher's largest bill.
 * What a cache entry is built from is recorded the same way (`recordKeys`): the keys it read, so it
 * can later be checked against the Newsroom's log of recent writes (cache/renewal.ts).
 */

import { AsyncLocalStorage } from "node:async_hooks";
import { READ_TIMEOUT_MS } from "../../shared/freshness/policy.ts";
import type { Learned } from "./learned.ts";

interface Reads {
  /** KV reads made (for the metrics data point). */
  n: number;
  /** Keys whose values were used, read now or earlier through a memo (`used`); only while recording. */
  keys?: Set<string>;
  /** A read failed, so what was built may rest on a fallback rather than on the keys. */
  failed?: boolean;
  /** What the change channel taught this isolate: values read instead of KV's while it may lag (read/learned.ts). */
  learned?: Learned;
  /** Epoch ms after which what is being built must not be served (`expiresAt`); only while recording. */
  until?: number;
}

/** KV reads of the request in progress (`countReads`), for its metrics data point. */
const reads = new AsyncLocalStorage<Reads>();

/** Runs `fn` counting the KV reads it makes; the count is read from `counter` when it is done. */
export function countReads<R>(counter: { n: number; learned?: Learned }, fn: () => R): R {
  return reads.run(counter, fn);
}

/**
 * Runs `fn` recording the KV keys it uses (read here, or earlier through a memo that says so with
 * `used`); `failed` when a read failed. The request's own count and record include them too.
 */
export async function recordKeys<R>(fn: () => Promise<R>): Promise<{ value: R; keys: string[]; failed: boolean; until?: number }> {
  const outer = reads.getStore();
  const inner: Reads = { n: 0, keys: new Set(), failed: false, learned: outer?.learned };
  try {
    const value = await reads.run(inner, fn);
    return { value, keys: [...inner.keys!], failed: inner.failed!, ...(inner.until !== undefined && { until: inner.until }) };
  } finally {
    if (outer) {
      outer.n += inner.n;
      used(...inner.keys!);
      if (inner.until !== undefined) expiresAt(inner.until);
      if (inner.failed) markFailed();
    }
  }
}

/** Says that what is being built uses these keys' values, which a memo read earlier. */
export function used(...keys: string[]): void {
  const store = reads.getStore();
  if (store?.keys) for (const key of keys) store.keys.add(key);
}

/** Says that what is being built shows something that expires at `at` (epoch ms, a breaking-news banner): its copies are not served after it. */
export function expiresAt(at: number): void {
  const store = reads.getStore();
  if (store?.keys) store.until = Math.min(store.until ?? Infinity, at);
}

function markFailed(): void {
  const store = reads.getStore();
  if (store) store.failed = true;
}

/**
 * KV failed, timed out, or returned something that is not what we wrote. Made while a cache entry
 * is being built, it marks that build as resting on a fallback (`recordKeys`'s `failed`), whether or
 * not a caller then catches it.
 */
export class StorageError extends Error {
  override name = "StorageError";
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    markFailed();
  }
}

/**
 * `kv.get` as text, bounded by `timeoutMs`; `cacheTtl` is KV's own edge cache (seconds, ≥ 60). A value the
 * change channel gave this isolate stands in for KV's while KV may still lag behind it (no read).
 * `record` false: not something a build's value rests on (the write log that checks them).
 */
export async function readText(kv: KVNamespace, key: string, cacheTtl: number, record = true, timeoutMs = READ_TIMEOUT_MS): Promise<string | null> {
  const counter = reads.getStore();
  if (record) used(key);
  const learned = record ? counter?.learned?.value(key) : undefined;
  if (learned !== undefined) return learned;
  if (counter) counter.n++;
  let cancel = () => {};
  const timeout = new Promise<never>((_, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    cancel = () => clearTimeout(timer);
  });
  try {
    return await Promise.race([kv.get(key, { type: "text", cacheTtl }), timeout]);
  } catch (cause) {
    throw new StorageError(`KV read of ${key} failed`, { cause });
  } finally {
    cancel();
  }
}

export function parseJson(key: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new StorageError(`KV value of ${key} is not JSON`, { cause });
  }
}
