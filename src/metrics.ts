/**
 * @module
 * Per-request metrics as Workers Analytics Engine data points, off the hot path: one
 * `writeDataPoint` call, which the runtime sends after the response without waiting (no I/O here,
 * no string building beyond four short blobs). Invocation logs (`[observability]` in wrangler.toml)
 * already record each request's method, URL, status and timing, so nothing is written to the log.
 *
 * Data point layout (README, "Metrics", has the SQL that charts it):
 *   index1  the cache layer, or "none" (also Analytics Engine's sampling key)
 *   blob1   representation: html, json, rss, atom, sitemap, … or "" when none was chosen
 *   blob2   cache layer: isolate, edge, origin, stale, or "" (redirects, errors, API writes)
 *   blob3   host policy: canonical, mirror, redirect, or "" for an unknown host (421)
 *   blob4   method
 *   double1 HTTP status
 *   double2 KV reads the request made (0 on the hot path and on every cache hit)
 */

import type { Layer } from "./delivery.ts";

export interface RequestFacts {
  method: string;
  status: number;
  representation: string | null;
  layer: Layer | null;
  policy: string | null;
  kvReads: number;
}

export function dataPoint({ method, status, representation, layer, policy, kvReads }: RequestFacts): AnalyticsEngineDataPoint {
  return { indexes: [layer ?? "none"], blobs: [representation ?? "", layer ?? "", policy ?? "", method], doubles: [status, kvReads] };
}

/** Writes the request's data point when the `METRICS` binding is configured; never throws into a response. */
export function record(env: Env, facts: RequestFacts): void {
  // Optional at run time: the benchmark runs the service without it to show what it costs.
  const metrics: AnalyticsEngineDataset | undefined = env.METRICS;
  if (!metrics) return;
  try {
    metrics.writeDataPoint(dataPoint(facts));
  } catch (err) {
    console.error(JSON.stringify({ level: "error", error: "MetricsError", message: String(err) }));
  }
}
