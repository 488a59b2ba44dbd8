/**
 * @module
 * The hot path. A finished representation (bytes, ETag, headers) is looked up in three layers —
 * this isolate's memory, then the Workers Cache API, then KV (read with `cacheTtl`) and a render —
 * and every layer answers 304s and HEAD the same way. When KV fails, a stale copy from either cache
 * is served instead of an error.
 *
 * Freshness: an isolate copy is trusted for `ISOLATE_TTL`, a Cache API copy for `EDGE_TTL` unless a
 * write purged what it was built from (cache/purge.ts); KV itself may take up to 60 s to propagate a
 * write and caches reads (hits and misses) for 60 s.
 * So a publication or correction is served everywhere within 60 + 60 + 30 + 10 s ≈ 3 minutes.
 * Past its TTL, a copy built from KV alone is renewed without a KV read while the Newsroom's write
 * log shows none of its keys written since (renewal.ts), for at most `RENEW_MAX_MS`; the
 * log is read at most once per `ISOLATE_TTL`, which keeps the same bound.
 */

import { EDGE_COPY_CACHE, EDGE_TTL, ISOLATE_TTL } from "../../shared/freshness/policy.ts";
import { prepare, unpurged } from "./purge.ts";
import { LruCache, OBJECT_BYTES, stringBytes, type Timed } from "./lru.ts";
import { notModified } from "../http/conditional.ts";
import { CACHE_ORIGIN } from "../../shared/freshness/resources.ts";
import { Learned } from "../read/learned.ts";

export type Layer = "isolate" | "edge" | "origin" | "stale";

/** The key of a resource's entry in every layer: the variant (representation), the origin it is served on, the resource. */
export function cacheKey(variant: string, origin: string, resource: string): string {
  return `${variant} ${origin} ${resource}`;
}

export interface Entry extends Timed {
  body: Uint8Array;
  etag: string;
  /** Epoch ms, or NaN for a resource without `Last-Modified`. */
  lastModified: number;
  /** Every header of a 200 response, precomputed. */
  headers: [string, string][];
  /** The canonical path of what this entry represents, for redirects without a KV read ("" for a 410: any spelling answers it). */
  path: string;
  /**
   * An error kept like any copy, answered with its status and without validators (RFC 9110 §13.2.1): a
   * removed article's 410, the search page's 400 for a query with no word.
   */
  status?: 400 | 410;
  /** The KV keys it was built from, if it was built from KV alone: it can be renewed. */
  keys?: string[];
  /** When its build began (epoch ms). */
  builtAt?: number;
  /** What a purge of it names (cache/purge.ts): its keys, or what else it rests on. */
  deps?: string[];
  /** The change channel's cursor its build had applied (read/learned.ts): a later entry on its deps outdates it. */
  seen?: number;
  /** Epoch ms after which it is never fresh nor renewed: it shows a breaking-news banner that expires then (read/kv.ts `expiresAt`). */
  until?: number;
}

/** `at`, or the copy's `until` if that is sooner. */
const capped = (entry: Entry, at: number) => Math.min(at, entry.until ?? Infinity);

export interface Found {
  entry: Entry;
  layer: Layer;
}

const HEADERS_304_DROP = new Set(["content-type", "content-length"]);

// Built once per entry: a Response copies the Headers it is given, so one object serves every request.
const prepared = new WeakMap<Entry, { ok: Headers; notModified: Headers }>();

/** The response for an entry: its error status if it has one, else 304 when the request's validators match, else 200 (no body for HEAD). */
export function answer(request: Request, entry: Entry): Response {
  let headers = prepared.get(entry);
  if (!headers) {
    headers = { ok: new Headers(entry.headers), notModified: new Headers(entry.headers.filter(([name]) => !HEADERS_304_DROP.has(name))) };
    prepared.set(entry, headers);
  }
  if (!entry.status && notModified(request.headers, entry.etag, entry.lastModified)) return new Response(null, { status: 304, headers: headers.notModified });
  return new Response(request.method === "HEAD" ? null : entry.body, { status: entry.status ?? 200, headers: headers.ok });
}

export function edgeKeyOf(key: string): string {
  return CACHE_ORIGIN + encodeURIComponent(key);
}

async function readEdge(cache: Cache, key: string): Promise<Entry | undefined> {
  const res = await cache.match(edgeKeyOf(key));
  if (!res) return undefined;
  const meta = JSON.parse(res.headers.get("x-entry") ?? "null") as Omit<Entry, "body"> | null;
  if (!meta) return undefined;
  return { ...meta, body: new Uint8Array(await res.arrayBuffer()) };
}

function writeEdge(cache: Cache, key: string, entry: Entry): Promise<void> {
  const { body, ...meta } = entry;
  return cache.put(edgeKeyOf(key), new Response(body, { headers: { "Cache-Control": EDGE_COPY_CACHE, "x-entry": JSON.stringify(meta) } }));
}

/**
 * The isolate's budget for finished entries. An isolate may use 128 MB; measured with this budget
 * full (npm run bench:scale, 100,000 articles, Zipf mix), the isolate's V8 heap was 38 MiB in use
 * (garbage included) of 80 MiB reserved, the article cache's 8 MiB included: room for requests in flight.
 */
export const ISOLATE_BYTES = 32 * 2 ** 20;

/**
 * What an entry holds: the body, its header strings, and the two `Headers` objects `answer` builds
 * for it once (about as large again as the header strings).
 */
export function entryBytes(entry: Entry): number {
  let headers = 0;
  for (const [name, value] of entry.headers) headers += stringBytes(name.length + value.length) + OBJECT_BYTES;
  let keys = 0;
  for (const key of entry.keys ?? []) keys += stringBytes(key.length) + 16;
  return entry.body.byteLength + 2 * headers + keys + stringBytes(entry.etag.length + entry.path.length) + 4 * OBJECT_BYTES;
}

/** The isolate layer: finished entries, least recently used evicted first past `maxBytes`. */
export function isolateCache(maxBytes = ISOLATE_BYTES): LruCache<Entry> {
  return new LruCache<Entry>(maxBytes, entryBytes);
}

export interface Layers {
  isolate: LruCache<Entry>;
  /** `caches.default` in production; absent where the Cache API is not available. */
  edge?: Cache;
  /** What the change channel taught this isolate (cache/channel.ts); absent, copies are judged as before it. */
  learned?: Learned;
}

/** `channel`: this isolate learns the change channel (the deployed Worker does; a layer set without it behaves as when the channel is down). */
export function createLayers({ channel = false } = {}): Layers {
  return {
    isolate: isolateCache(),
    edge: typeof caches === "undefined" ? undefined : caches.default,
    ...(channel && { learned: new Learned() }),
  };
}

/**
 * Finds the entry for `key`, building it with `load` (KV read and render) only when no fresh copy
 * is at hand, or none that `renew` (the write log's check) says is still what KV holds. `sync`
 * runs before a Cache API copy is trusted (the write log's purges, cache/log-purge.ts). `load`
 * returns null for something that does not exist. Storage errors from `load` fall back to a stale
 * copy; with none they propagate (the caller answers 503).
 */
export async function lookup(
  layers: Layers,
  key: string,
  load: () => Promise<Entry | null>,
  waitUntil: (p: Promise<unknown>) => void,
  renew: (entry: Entry) => Promise<boolean> = async () => false,
  sync: () => Promise<void> = async () => {},
): Promise<Found | null> {
  const now = Date.now();
  const local = layers.isolate.get(key);
  if (local && local.freshUntil > now) return { entry: local, layer: "isolate" };
  if (local && capped(local, Infinity) > now && (await renew(local))) {
    layers.isolate.set(key, { ...local, freshUntil: capped(local, now + ISOLATE_TTL) });
    return { entry: local, layer: "isolate" };
  }

  let stale = local;
  if (layers.edge) {
    const [read] = await Promise.all([readEdge(layers.edge, key).catch(() => undefined), sync().catch(() => {})]);
    // A copy a write has purged since its build is only a fallback for when KV fails; one the channel
    // says is older than a change (a takedown, a correction) is not even that.
    const outdated = read !== undefined && layers.learned?.outdated(read.deps, read.seen, now) === true;
    const edge = read && !outdated && (await unpurged(read.deps, read.builtAt, layers.edge)) ? read : undefined;
    if (edge && (edge.freshUntil > now || (capped(edge, Infinity) > now && (await renew(edge))))) {
      layers.isolate.set(key, { ...edge, freshUntil: capped(edge, edge.freshUntil > now ? Math.min(edge.freshUntil, now + ISOLATE_TTL) : now + ISOLATE_TTL) });
      return { entry: edge, layer: "edge" };
    }
    if (!outdated) stale ??= read;
  }

  const seen = layers.learned?.cursor;
  let built: Entry | null;
  try {
    built = await load();
    if (built && seen !== undefined) built.seen = seen;
  } catch (err) {
    if (stale) return { entry: stale, layer: "stale" };
    throw err;
  }
  if (!built) {
    // Gone (deleted, or never was): no stale copy of it may come back when KV later fails.
    layers.isolate.delete(key);
    if (layers.edge) waitUntil(layers.edge.delete(edgeKeyOf(key)).catch(() => {}));
    return null;
  }
  layers.isolate.set(key, { ...built, freshUntil: capped(built, now + ISOLATE_TTL) });
  if (layers.edge) {
    const edge = layers.edge;
    waitUntil(
      prepare(built.deps ?? [], built.builtAt ?? now, edge)
        .then(() => writeEdge(edge, key, { ...built, freshUntil: capped(built, now + EDGE_TTL) }))
        .catch(() => {}),
    );
  }
  return { entry: built, layer: "origin" };
}
