/**
 * @module
 * Reading KV safely: a failure, a slow answer or a value that is not JSON all become a
 * `StorageError`, which the Worker answers with a cached copy or a 503. Each request's reads are
 * counted (AsyncLocalStorage, `nodejs_als`): what KV reads cost is the publisher's largest bill.
 */

import { AsyncLocalStorage } from "node:async_hooks";

/** KV reads of the request in progress (`countReads`), for its metrics data point. */
const reads = new AsyncLocalStorage<{ n: number }>();

/** Runs `fn` counting the KV reads it makes; the count is read from `counter` when it is done. */
export function countReads<R>(counter: { n: number }, fn: () => R): R {
  return reads.run(counter, fn);
}

/** KV failed, timed out, or returned something that is not what we wrote. */
export class StorageError extends Error {
  override name = "StorageError";
}

/** A read slower than this is treated as a failure, so a reader gets a cached copy or a 503 instead of waiting. */
export const READ_TIMEOUT_MS = 3000;

/** `kv.get` as text, bounded by `READ_TIMEOUT_MS`; `cacheTtl` is KV's own edge cache (seconds, ≥ 60). */
export async function readText(kv: KVNamespace, key: string, cacheTtl: number): Promise<string | null> {
  let cancel = () => {};
  const timeout = new Promise<never>((_, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${READ_TIMEOUT_MS} ms`)), READ_TIMEOUT_MS);
    cancel = () => clearTimeout(timer);
  });
  const counter = reads.getStore();
  if (counter) counter.n++;
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
