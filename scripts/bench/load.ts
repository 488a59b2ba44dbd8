/**
 * @module
 * The load generator, run by bench.ts as its own process so it never shares an event loop with
 * Miniflare. `node scripts/bench/load.ts '<job JSON>'` prints one JSON result line.
 * Latency is taken from each response's own timing (float ms): autocannon's histogram keeps whole
 * milliseconds and only 2xx by default, too coarse for sub-millisecond answers and blind to 304s.
 */

import { readFileSync } from "node:fs";
import autocannon from "autocannon";

export interface LoadJob {
  url: string;
  headers: Record<string, string>;
  connections: number;
  /** Seconds. */
  warmup: number;
  duration: number;
}

export interface LoadResult {
  requests: number;
  /** Seconds actually measured. */
  seconds: number;
  rps: number;
  /** Milliseconds. */
  p50: number;
  p99: number;
  mean: number;
  statuses: Record<string, number>;
  errors: number;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

async function run(job: LoadJob): Promise<LoadResult> {
  const common = { url: job.url, headers: job.headers, connections: job.connections, pipelining: 1 };
  if (job.warmup > 0) await autocannon({ ...common, duration: job.warmup });
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  const instance = autocannon({ ...common, duration: job.duration });
  instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
    times.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  const r = await instance;
  const sorted = Float64Array.from(times).sort();
  const seconds = r.duration;
  return {
    requests: times.length,
    seconds,
    rps: times.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: times.reduce((a, b) => a + b, 0) / (times.length || 1),
    statuses,
    errors: r.errors + r.timeouts,
  };
}

console.log(JSON.stringify(await run(JSON.parse(jobArgument()) as LoadJob)));

/** The job: JSON on the command line, or `@file` holding it (a job with 100,000 paths is too long for argv). */
function jobArgument(): string {
  const arg = process.argv[2] ?? "";
  return arg.startsWith("@") ? readFileSync(arg.slice(1), "utf8") : arg;
}
