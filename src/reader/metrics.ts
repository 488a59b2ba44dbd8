/**
 * @module
 * Per-request metrics as Workers Analytics Engine data points, off the hot path: one
 * `writeDataPoint` call, which the runtime sends after the response without waiting (no I/O here,
 * no string building beyond four short blobs). Invocation logs (`[observability]` in wrangler.toml)
 * already record each request's method, URL, status and timing, so nothing is written to the log.
 *
 * Cache hits (isolate or edge: most requests, no KV read) are sampled: one in `HIT_SAMPLE_INTERVAL`,
 * chosen at random, is written, carrying the interval so a query weights it (`double3`, as Analytics
 * Engine's own `_sample_interval` weights what it samples). Every other answer (a KV read, a stale
 * copy, a redirect, an error, a write) is written every time. A data point costs as much as a
 * request's KV read ($0.25 per million), so this cuts the metrics bill by most of the hit share.
 *
 * Data point layout (docs/metrics.md has the SQL that charts it):
 *   index1  the cache layer, or "none" (also Analytics Engine's sampling key)
 *   blob1   representation: html, json, rss, atom, sitemap, … or "" when none was chosen
 *   blob2   cache layer: isolate, edge, origin, stale, or "" (redirects, errors, API writes)
 *   blob3   host policy: canonical, mirror, redirect, or "" for an unknown host (421)
 *   blob4   method
 *   blob5   the change channel at this isolate: live, down (its last poll failed: today's KV-lag bound), idle (none yet)
 *   double1 HTTP status
 *   double2 KV reads the request made (0 on the hot path and on every cache hit)
 *   double3 how many requests this point stands for: HIT_SAMPLE_INTERVAL for a cache hit, else 1
 */

import type { Layer } from "./cache/layers.ts";

export interface RequestFacts {
  method: string;
  status: number;
  representation: string | null;
  layer: Layer | null;
  policy: string | null;
  kvReads: number;
  /** The change channel's state at this isolate (cache/channel.ts); absent counts as "". */
  channel?: string;
}

/** One cache hit in this many gets a data point. */
export const HIT_SAMPLE_INTERVAL = 10;

/**
 * How many requests this request's data point stands for, or 0 for none: a cache hit is written when
 * `random` (uniform in [0, 1)) falls in the first 1/HIT_SAMPLE_INTERVAL; anything else always.
 */
export function sampleInterval(layer: Layer | null, random: number): number {
  if (layer !== "isolate" && layer !== "edge") return 1;
  return random * HIT_SAMPLE_INTERVAL < 1 ? HIT_SAMPLE_INTERVAL : 0;
}

export function dataPoint({ method, status, representation, layer, policy, kvReads, channel }: RequestFacts, interval = 1): AnalyticsEngineDataPoint {
  return {
    indexes: [layer ?? "none"],
    blobs: [representation ?? "", layer ?? "", policy ?? "", method, channel ?? ""],
    doubles: [status, kvReads, interval],
  };
}

/** Writes the request's data point (if sampled) when the `METRICS` binding is configured; never throws into a response. */
export function record(env: Env, facts: RequestFacts): void {
  // Optional at run time: the benchmark runs the service without it to show what it costs.
  const metrics: AnalyticsEngineDataset | undefined = env.METRICS;
  if (!metrics) return;
  const interval = sampleInterval(facts.layer, Math.random());
  if (!interval) return;
  try {
    metrics.writeDataPoint(dataPoint(facts, interval));
  } catch (err) {
    console.error(JSON.stringify({ level: "error", error: "MetricsError", message: String(err) }));
  }
}
