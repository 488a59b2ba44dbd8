/**
 * @module
 * A reader location of `npm run bench:freshness`: the built reader Worker on a workerd of its own
 * (its own Cache API and isolate memory), whose `NEWS` is a lagging view of the hub's real KV
 * (`lagged-kv`, a Miniflare wrapped binding asking the hub what this location's KV shows now) and
 * whose `NEWSROOM` is a relay Durable Object that asks the hub for the channel (the only Newsroom
 * method the read path calls). Requests reach it on 127.0.0.1, a mirror host of the site.
 */

import type { Readable } from "node:stream";
import { Miniflare } from "miniflare";
import { assetServer, type WorkerConfig } from "../lib/runtime.ts";

const LAGGED_KV = `
export default function (env) {
  return {
    async get(key, options) {
      const res = await fetch(env.HUB + "/kv?loc=" + env.LOC + "&key=" + encodeURIComponent(key));
      if (!res.ok) throw new Error("hub " + res.status);
      const { value } = await res.json();
      const type = typeof options === "string" ? options : (options && options.type) || "text";
      return value === null ? null : type === "json" ? JSON.parse(value) : value;
    },
  };
}`;

const RELAY = `
import { DurableObject } from "cloudflare:workers";
export class Relay extends DurableObject {
  async recentChanges(recentMs) {
    const res = await fetch(this.env.HUB + "/channel?loc=" + this.env.LOC + (recentMs === undefined ? "" : "&recent=" + recentMs));
    if (!res.ok) throw new Error("channel " + res.status);
    return res.json();
  }
}
export default { fetch: () => new Response(null, { status: 404 }) };`;

export interface Location {
  origin: string;
  close(): Promise<void>;
}

/** What every workerd of the harness shares: loopback only, no `cf` fetch, its output discarded. */
export function quietMiniflare(port: number) {
  return { host: "127.0.0.1", port, cf: false, handleRuntimeStdio: (out: Readable, err: Readable) => (out.resume(), err.resume()) };
}

/** The reader Worker as built (`reader`), with wrangler.toml's vars beside `bindings`; its KV and Newsroom are the caller's. */
export function readerWorker(reader: string, config: WorkerConfig, bindings: Record<string, string>) {
  return {
    name: config.name,
    modules: true,
    scriptPath: reader,
    compatibilityDate: config.compatibilityDate,
    compatibilityFlags: config.compatibilityFlags,
    bindings: { ...(config.vars as Record<string, never>), ...bindings },
    ratelimits: config.ratelimits,
  };
}

/** `channel` false: the var CHANGE_CHANNEL is "off" (today's design, before the channel); `port` 0: any free one. */
export async function startLocation(reader: string, config: WorkerConfig, hub: string, loc: number, channel = true, port = 0): Promise<Location> {
  const mf = new Miniflare({
    ...quietMiniflare(port),
    workers: [
      {
        // The channel is on unless CHANGE_CHANNEL is "off" (docs/caching.md), as today's design has it (its relay answers 503 too).
        ...readerWorker(reader, config, { PUBLISH_TOKEN: crypto.randomUUID(), ...(!channel && { CHANGE_CHANNEL: "off" }) }),
        wrappedBindings: { NEWS: { scriptName: "lagged-kv", bindings: { HUB: hub, LOC: loc } } },
        durableObjects: { NEWSROOM: { className: "Relay", scriptName: "relay", useSQLite: true } },
        // The stylesheet and furniture, from an assets-only worker as runtime.ts serves them.
        ...(config.assets && { serviceBindings: { [config.assets.binding]: `${config.name}-assets` } }),
      },
      ...(config.assets ? [assetServer(config, `${config.name}-assets`)] : []),
      { name: "lagged-kv", modules: true, script: LAGGED_KV },
      {
        name: "relay",
        modules: true,
        script: RELAY,
        compatibilityDate: config.compatibilityDate,
        bindings: { HUB: hub, LOC: loc },
        durableObjects: { RELAY: { className: "Relay", useSQLite: true } },
      },
    ],
  });
  const origin = (await mf.ready).origin;
  return { origin, close: () => mf.dispose() };
}
