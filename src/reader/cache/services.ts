/**
 * @module
 * What the routes get from the cache: the layers a resource is looked up in, this isolate's memos
 * of the reads pages share (and of desk sessions), and forgetting after a write. One set per app (the
 * tests make fresh ones).
 */

import { SessionMemo } from "../auth/session-check.ts";
import type { Layers } from "./layers.ts";
import { logPurger, outdated } from "./log-purge.ts";
import { type PageReads, pageReads } from "./memo.ts";
import { purge, purgeSoon } from "./purge.ts";
import { affected } from "../../shared/freshness/resources.ts";
import { Channel } from "./channel.ts";
import { newsroom } from "../newsroom-client.ts";

export interface Services {
  layers: Layers;
  /** Article records, the sections document and listing heads, from this isolate's memory or KV. */
  reads: PageReads;
  /** The Newsroom's answers about desk sessions, remembered briefly (auth/session-check.ts). */
  sessions: SessionMemo;
  /**
   * After a write: forgets every copy in this isolate, and purges this location's Cache API copies
   * built from the KV keys it changed (every variant, on every host: purge.ts). Other isolates'
   * copies expire within their TTL. `background`: nobody waits for it, so purges of a burst of
   * writes are written together (`purgeSoon`).
   */
  forget(keys: readonly string[], background?: boolean): Promise<void>;
  /** Forgets every copy in this isolate (the Cache API's are purged by `forget`, once KV has the change). */
  forgetHere(): void;
  /**
   * Before a Cache API copy is trusted: applies the Newsroom's write log at this location (at most
   * once per copy of the log, cache/log-purge.ts), and forgets this isolate's memory if it purged.
   */
  sync(kv: KVNamespace): Promise<void>;
  /** The change channel at this location (cache/channel.ts), when the layers learn it: its state is in every request's metrics. */
  channel?: Channel;
  /**
   * On every request, cheaply: when a poll of the channel is due, runs one after the answer
   * (`ctx.waitUntil`) and forgets what it outdates in this isolate (the Cache API's copies are judged
   * as read). A request to an isolate whose channel news is not recent (new, or idle for a while) gets
   * a promise to wait for: it catches up first (`Channel.listen`), so it never serves what its location
   * already knows is outdated, nor a learned value older than what this location's KV holds by now.
   */
  listen(env: Env, ctx?: ExecutionContext): Promise<unknown> | undefined;
}

export function createServices(layers: Layers, sessions = new SessionMemo()): Services {
  const reads = pageReads();
  const applyLog = logPurger();
  const learned = layers.learned;
  const channel = learned && new Channel(learned);
  const forgetHere = () => {
    reads.clear();
    layers.isolate.clear();
  };
  return {
    layers,
    reads,
    sessions,
    forgetHere,
    async forget(keys, background = false) {
      learned?.inKVNow(keys);
      forgetHere();
      // Cleared again once the records are written: a read meanwhile may have taken a Cache API copy
      // the purge was about to make stale into this isolate, where no record reaches it.
      if (background) return purgeSoon(affected(keys), forgetHere, layers.edge);
      await purge(affected(keys), layers.edge);
      forgetHere();
    },
    channel,
    listen(env, ctx) {
      // On unless the var CHANGE_CHANNEL is "off" (docs/caching.md).
      if (!channel || !learned || !env.NEWSROOM || env.CHANGE_CHANNEL === "off") return undefined;
      const outdate = (keys: string[]) => {
        if (keys.length === 0) return;
        const at = Date.now();
        reads.forget({ keys: new Map(keys.map((k) => [k, at])), deps: new Map(), since: -Infinity });
        layers.isolate.deleteWhere((e) => learned.outdated(e.deps, e.seen, at));
      };
      const after = (work: Promise<void>) => {
        try {
          ctx?.waitUntil(work.catch(() => {}));
        } catch {
          // no execution context: the poll runs on its own
        }
      };
      return channel.listen((recentMs) => newsroom(env).recentChanges(recentMs), layers.edge, outdate, after);
    },
    async sync(kv) {
      const purged = await applyLog(await reads.writeLog(kv), layers.edge);
      if (!purged) return;
      reads.forget(purged);
      layers.isolate.deleteWhere((e) => outdated(purged, purged.deps, e.deps, e.builtAt));
    },
  };
}
