/**
 * @module
 * Purging this location's Cache API copies by the Newsroom's log of KV writes (`v1:writes`,
 * cache/renewal.ts), from the reader's side. The Newsroom purges after each drain, but in the cache
 * of the Worker it runs in: deployed, a Durable Object runs where it lives, not where readers are,
 * and `wrangler dev` gives each Worker a cache of its own. So a scheduled publication, an
 * unpublish, the drain after a restart or a content load would reach readers' copies only as they
 * expire. Instead, before an isolate trusts a Cache API copy it looks at the log (a copy at most
 * `ISOLATE_TTL` old, the one renewal uses) and purges, as of the time each write completed, what
 * every key written since it last looked affects; a log that started over (after a load) purges
 * every copy built before. Purges never move a record back (`purgeBefore`), so the isolates of a
 * location that apply the same log do not purge one another's rebuilds.
 */

import type { WriteLog } from "../../shared/model/documents.ts";
import { EDGE_TTL, ISOLATE_TTL } from "../../shared/freshness/policy.ts";
import { ALL_DEP, ANY_DEP } from "../../shared/freshness/resources.ts";
import { purgeBefore } from "./purge.ts";
import { affected } from "../../shared/freshness/resources.ts";

/** What one log purged: KV keys and purge dependencies with the time their write completed; `since`: everything built before. */
export interface Purged {
  keys: Map<string, number>;
  deps: Map<string, number>;
  since: number;
}

/** Whether something read or built at `at` from `names` is older than a write `purged` names (`names` in `by`). */
export function outdated(purged: Purged, by: Map<string, number>, names: readonly string[] | undefined, at: number | undefined): boolean {
  if (names === undefined || at === undefined) return true;
  return purged.since > at || names.some((n) => (by.get(n) ?? -Infinity) > at);
}

/** Applies each log it is given once (null: nothing new). */
export type LogPurger = (log: WriteLog | null, store: Cache | undefined) => Promise<Purged | null>;

export function logPurger(): LogPurger {
  let last: WriteLog | null = null;
  /** Key → the completion time already applied (`""`: the log's `since`). */
  const applied = new Map<string, number>();
  return async (log, store) => {
    if (!log || log === last || !store) return null;
    last = log;
    // A copy older than both layers' trust is rebuilt anyway (or renewed by this same log's check).
    const now = Date.now();
    const floor = now - EDGE_TTL - ISOLATE_TTL;
    for (const [key, at] of applied) if (at < floor) applied.delete(key);
    const purged: Purged = { keys: new Map(), deps: new Map(), since: -Infinity };
    for (const [key, at] of Object.entries(log.keys)) {
      if (typeof at !== "number" || at < floor || applied.get(key) === at) continue;
      applied.set(key, at);
      purged.keys.set(key, at);
      for (const dep of [...affected([key]), ANY_DEP]) purged.deps.set(dep, Math.max(at, purged.deps.get(dep) ?? -Infinity));
    }
    // `since` is in the future while a load is busy; once it is over, the log starts over at its end.
    if (log.since >= floor && log.since <= now && applied.get("") !== log.since) {
      applied.set("", log.since);
      purged.since = log.since;
    }
    if (purged.deps.size === 0 && purged.since === -Infinity) return null;
    const byTime = new Map<number, string[]>();
    for (const [dep, at] of purged.deps) byTime.set(at, [...(byTime.get(at) ?? []), dep]);
    if (purged.since > -Infinity) byTime.set(purged.since, [...(byTime.get(purged.since) ?? []), ALL_DEP, ANY_DEP]);
    await Promise.all([...byTime].map(([at, deps]) => purgeBefore(deps, at, store)));
    return purged;
  };
}
