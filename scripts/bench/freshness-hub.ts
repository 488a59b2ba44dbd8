/**
 * @module
 * The hub of `npm run bench:freshness`: one Newsroom (the built Newsroom Worker) with the real KV
 * namespace, a reader Worker beside it that takes the writes (the publishing location), and a Node
 * HTTP server that every location's lagging KV view and channel relay call. The Newsroom's KV
 * binding is a wrapper of the real one (`recording-kv`, Miniflare `wrappedBindings`) that tells the
 * hub each put or delete before making it, so the hub keeps every key's history; a location's read
 * of a key gets the newest value written at least that location's lag before (the real binding's
 * value for a key never written here). `/channel` calls the Newsroom's `recentChanges` and counts
 * the calls, per location, for the Newsroom's load; with `channel` off it answers 503, and the
 * locations' readers then behave as before the channel existed (today's design).
 */

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Miniflare } from "miniflare";
import { newsroomWorker, type WorkerConfig } from "../lib/runtime.ts";
import type { Article } from "../../src/shared/model/schema.ts";
import { loadArticles, waitForReadModel } from "../lib/admin-api.ts";
import { quietMiniflare, readerWorker } from "./freshness-location.ts";

type Version = { at: number; value: string | null };

/** The Newsroom's KV binding: every write is told to the hub, then made on the real namespace. */
const RECORDING_KV = `
export default function (env) {
  const tell = (key, value) => fetch(env.HUB + "/record", { method: "POST", body: JSON.stringify({ key, value }) });
  return {
    get: (...a) => env.REAL.get(...a),
    getWithMetadata: (...a) => env.REAL.getWithMetadata(...a),
    list: (...a) => env.REAL.list(...a),
    async put(key, value, options) { await tell(key, String(value)); return env.REAL.put(key, value, options); },
    async delete(key) { await tell(key, null); return env.REAL.delete(key); },
  };
}`;

export interface Hub {
  url: string;
  /** The publishing location's reader (writes go through its API). */
  origin: string;
  token: string;
  /** Relay calls per location index. */
  channelCalls: number[];
  /** KV reads per location index. */
  kvReads: number[];
  setChannel(on: boolean): void;
  close(): Promise<void>;
}

/** `port()`: the next port to listen on (0: any free one). */
export async function startHub(
  reader: string,
  newsroom: string,
  config: WorkerConfig,
  articles: Article[],
  lags: number[],
  channel: boolean,
  port: () => number = () => 0,
): Promise<Hub> {
  const history = new Map<string, Version[]>();
  const channelCalls = lags.map(() => 0);
  const kvReads = lags.map(() => 0);
  let on = channel;
  // The load's writes are not history: every location's KV has had them for long (reads of them go to the real binding).
  let recording = false;
  let mf: Miniflare | undefined;
  let kv: KVNamespace | undefined;
  let newsroomStub: { recentChanges(recentMs?: number): Promise<unknown> } | undefined;
  const realKV = async () => (kv ??= (await mf!.getKVNamespace("NEWS", config.name)) as unknown as KVNamespace);
  /** Keys never written since the load do not change: their real value, read once. */
  const unchanged = new Map<string, Promise<string | null>>();
  const body = async (req: import("node:http").IncomingMessage) => {
    let text = "";
    for await (const chunk of req) text += chunk;
    return text;
  };
  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://hub");
      if (url.pathname === "/record") {
        const { key, value } = JSON.parse(await body(req)) as { key: string; value: string | null };
        if (!recording) return res.end();
        if (!history.has(key))
          history.set(key, [{ at: -Infinity, value: await (unchanged.get(key) ?? realKV().then((real) => real.get(key, { type: "text" }))) }]);
        history.get(key)!.push({ at: Date.now(), value });
        return res.end();
      }
      const loc = Number(url.searchParams.get("loc"));
      if (url.pathname === "/kv") {
        kvReads[loc]++;
        const key = url.searchParams.get("key")!;
        const versions = history.get(key);
        const seen = Date.now() - lags[loc];
        const known = versions && [...versions].reverse().find((v) => v.at <= seen);
        let value = known?.value;
        if (!known) {
          if (!unchanged.has(key))
            unchanged.set(
              key,
              realKV().then((real) => real.get(key, { type: "text" })),
            );
          value = await unchanged.get(key)!;
        }
        res.setHeader("content-type", "application/json");
        return res.end(JSON.stringify({ value }));
      }
      if (url.pathname === "/channel") {
        if (!on) return ((res.statusCode = 503), res.end());
        channelCalls[loc]++;
        if (!newsroomStub) {
          const ns = (await mf!.getDurableObjectNamespace("NEWSROOM", config.name)) as unknown as DurableObjectNamespace;
          newsroomStub = ns.get(ns.idFromName("newsroom")) as unknown as { recentChanges(recentMs?: number): Promise<unknown> };
        }
        res.setHeader("content-type", "application/json");
        const recent = url.searchParams.get("recent");
        return res.end(JSON.stringify(await newsroomStub.recentChanges(recent === null ? undefined : Number(recent))));
      }
      res.statusCode = 404;
      res.end();
    } catch (e) {
      res.statusCode = 500;
      res.end(String(e));
    }
  });
  await new Promise<void>((resolve) => server.listen(port(), "127.0.0.1", resolve));
  const hubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const room = newsroomWorker(newsroom);
  const { NEWS: namespace } = room.worker.kvNamespaces as Record<string, string>;
  const token = crypto.randomUUID();
  mf = new Miniflare({
    ...quietMiniflare(port()),
    workers: [
      { ...readerWorker(reader, config, { PUBLISH_TOKEN: token }), kvNamespaces: config.kvNamespaces, durableObjects: room.binding },
      { ...room.worker, kvNamespaces: {}, wrappedBindings: { NEWS: { scriptName: "recording-kv", bindings: { HUB: hubUrl } } } },
      { name: "recording-kv", modules: true, script: RECORDING_KV, kvNamespaces: { REAL: namespace } },
    ],
  });
  const origin = (await mf.ready).origin;
  await loadArticles(origin, token, articles, false);
  await waitForReadModel(origin, token);
  // Miniflare makes the first call of each proxied function synchronously (Atomics.wait: this thread, which also
  // answers every location's KV and channel requests, blocks until workerd answers). Made lazily under the load, one
  // hung a load run for good; made here, before any location asks, every later call is asynchronous.
  await (await realKV()).get("v1:nav", { type: "text" });
  const ns = (await mf.getDurableObjectNamespace("NEWSROOM", config.name)) as unknown as DurableObjectNamespace;
  newsroomStub = ns.get(ns.idFromName("newsroom")) as unknown as { recentChanges(recentMs?: number): Promise<unknown> };
  recording = true;
  return {
    url: hubUrl,
    origin,
    token,
    channelCalls,
    kvReads,
    setChannel: (value) => (on = value),
    close: async () => {
      await mf!.dispose();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
