/**
 * @module
 * Reading KV safely: a failure, a slow answer or a value that is not JSON all become a
 * `StorageError`, which the Worker answers with a cached copy or a 503.
 */

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
