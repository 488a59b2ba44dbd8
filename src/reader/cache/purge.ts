/**
 * @module
 * Purging this location's Cache API copies by what they were built from. The Cache API deletes only
 * by exact key, and a change affects copies under keys nobody can list (an API list with any
 * `per_page`, `fields` or `after`), so copies are not deleted: each records the KV keys it was built
 * from (`deps`) and when its build began, and this module keeps, per dependency, the time it was last
 * purged here (a small Cache API record of its own). A copy is good while every dependency was purged
 * before its build began; a purge is one record per changed key, whatever depends on it.
 *
 * A record that is missing (never made, or evicted) counts as purged the moment that is noticed, so
 * losing one can only cost a rebuild. Each isolate remembers records it has read for `ISOLATE_TTL`, the
 * time it also trusts its own copies, so a purge reaches other isolates' view of this location as
 * soon as their own copies would expire; the isolate that purges knows at once.
 *
 * Writers (the Newsroom after each drain, the Worker after a write) purge; readers check.
 */

import { ISOLATE_TTL } from "../../shared/freshness/policy.ts";
import { readRecord, writeRecord as putRecord } from "../../shared/freshness/purge-records.ts";
import { ANY_DEP } from "../../shared/freshness/resources.ts";

/** Per Cache (the tests give each layer set its own), the records this isolate has read. */
let memos = new WeakMap<Cache, Map<string, { at: number; until: number }>>();
function memoOf(store: Cache): Map<string, { at: number; until: number }> {
  let memo = memos.get(store);
  if (!memo) memos.set(store, (memo = new Map()));
  return memo;
}

function cache(): Cache | undefined {
  return typeof caches === "undefined" ? undefined : caches.default;
}

async function writeRecord(store: Cache, dep: string, at: number): Promise<void> {
  memoOf(store).set(dep, { at, until: Date.now() + ISOLATE_TTL });
  await putRecord(store, dep, at);
}

/** When `dep` was last purged at this location; a missing record is made now (`missingAt`: the time it then says). */
async function purgedAt(store: Cache, dep: string, missingAt: number): Promise<number> {
  const now = Date.now();
  const memo = memoOf(store);
  const known = memo.get(dep);
  if (known && known.until > now) return known.at;
  const at = await readRecord(store, dep);
  if (Number.isFinite(at)) {
    memo.set(dep, { at, until: now + ISOLATE_TTL });
    return at;
  }
  await writeRecord(store, dep, missingAt);
  return missingAt;
}

/** Whether a copy built from `deps`, begun at `builtAt`, was built after every purge of them here. */
export async function unpurged(deps: readonly string[] | undefined, builtAt: number | undefined, store = cache()): Promise<boolean> {
  if (!store) return true;
  if (!deps || builtAt === undefined) return false;
  const now = Date.now();
  try {
    const times = await Promise.all(deps.map((d) => purgedAt(store, d, now)));
    return times.every((t) => t < builtAt);
  } catch {
    return false;
  }
}

/** Before a copy built from `deps` at `builtAt` is stored: makes the records it will be checked against, if missing (as purged just before). */
export async function prepare(deps: readonly string[], builtAt: number, store = cache()): Promise<void> {
  if (!store) return;
  await Promise.all(deps.map((d) => purgedAt(store, d, builtAt - 1))).catch(() => {});
}

/** Purges every copy at this location built from any of `deps` (and every copy built on a fallback). */
export async function purge(deps: readonly string[], store = cache()): Promise<void> {
  if (!store || deps.length === 0) return;
  const at = Date.now();
  await Promise.all([...new Set([...deps, ANY_DEP])].map((d) => writeRecord(store, d, at))).catch(() => {});
}

/** How long the first of a burst of background purges waits for the rest (each record is then written once). */
export const PURGE_GATHER_MS = 20;

/** Per Cache, what background purges have asked for and the next gathering will write: dependencies, and what to run after. */
let gathering = new WeakMap<Cache, { deps: Set<string>; then: Set<() => void> }>();

/**
 * `purge` for a caller that does not wait for it (the Worker after each write's drain): purges asked
 * for within `PURGE_GATHER_MS` of the first are written together, one record per dependency, by the
 * first caller, which then runs each caller's `then` (clearing what an isolate took from the Cache
 * API before the records landed). A burst of writes that one drain put into KV resolves all at
 * once; purging each write's dependencies on its own rewrote the shared ones (the roots, the feed,
 * search) once per write. Every record is still written after the caller's KV write.
 */
export async function purgeSoon(deps: readonly string[], then: () => void, store = cache()): Promise<void> {
  if (!store || deps.length === 0) return then();
  const asked = gathering.get(store);
  if (asked) {
    deps.forEach((d) => asked.deps.add(d));
    asked.then.add(then);
    return;
  }
  const mine = { deps: new Set(deps), then: new Set([then]) };
  gathering.set(store, mine);
  await new Promise((resolve) => setTimeout(resolve, PURGE_GATHER_MS));
  gathering.delete(store);
  await purge([...mine.deps], store);
  for (const after of mine.then) after();
}

/**
 * Purges at this location every copy built from `deps` before `at` (a time in the past: when a
 * write completed), leaving a record that already says later as it is, so every isolate that
 * learns of the same write may apply it without purging one another's rebuilds.
 */
export async function purgeBefore(deps: readonly string[], at: number, store = cache()): Promise<void> {
  if (!store || deps.length === 0) return;
  await Promise.all(
    [...new Set(deps)].map(async (dep) => {
      const known = await readRecord(store, dep);
      if (known >= at) memoOf(store).set(dep, { at: known, until: Date.now() + ISOLATE_TTL });
      else await writeRecord(store, dep, at);
    }),
  ).catch(() => {});
}

/** Forgets the records this isolate has read (tests that start from a fresh location). */
export function forgetPurges(): void {
  memos = new WeakMap();
  gathering = new WeakMap();
}
