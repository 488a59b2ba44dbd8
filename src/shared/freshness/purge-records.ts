/**
 * @module
 * The purge record, the one format both Workers use to make this location's Cache API copies
 * stale (the reader's src/reader/cache/purge.ts explains the scheme). A record is a Cache API
 * entry per dependency (a KV key, or one of the names below) whose body is the epoch ms of the
 * dependency's last purge at this location; a copy is good only while each of its dependencies
 * was purged before the copy's build began.
 *
 * The Newsroom writes records after each drain (`purge`); the reader writes them after its own
 * writes and when the write log names a change, and reads them before it trusts a copy.
 */

import { PURGE_RECORD_CACHE } from "./policy.ts";
import { ANY_DEP, CACHE_ORIGIN } from "./resources.ts";

/** The Cache API key of `dep`'s record. */
export const recordUrl = (dep: string): string => `${CACHE_ORIGIN}purged/${encodeURIComponent(dep)}`;

/** Writes `dep`'s record: purged at `at` (epoch ms). */
export function writeRecord(store: Cache, dep: string, at: number): Promise<void> {
  return store.put(recordUrl(dep), new Response(String(at), { headers: { "Cache-Control": PURGE_RECORD_CACHE } }));
}

/** `dep`'s record: when it was last purged here, or NaN when there is none (or it is not a number). */
export async function readRecord(store: Cache, dep: string): Promise<number> {
  const res = await store.match(recordUrl(dep));
  return res ? Number(await res.text()) : NaN;
}

/**
 * Purges every copy at this location built from any of `deps` (and every copy built on a
 * fallback): the Newsroom's call after a drain. (The reader's own, src/reader/cache/purge.ts,
 * also tells its isolate at once.)
 */
export async function purgeHere(deps: readonly string[], store: Cache | undefined = typeof caches === "undefined" ? undefined : caches.default): Promise<void> {
  if (!store || deps.length === 0) return;
  const at = Date.now();
  await Promise.all([...new Set([...deps, ANY_DEP])].map((d) => writeRecord(store, d, at))).catch(() => {});
}
