/**
 * @module
 * The read mix, run by bench-scale.ts as its own process (`node scripts/bench/mix.ts '<job JSON>'`),
 * so the load never shares an event loop with Miniflare. Each request is drawn from a seeded PRNG:
 * an article by Zipf popularity (rank r with probability ∝ r^-s), then the kind of request:
 *   60 % article HTML, 20 % article JSON, 10 % front/section pages and feeds,
 *   5 % conditional revalidations (If-None-Match with the ETag this process last saw for that URL;
 *       before it has seen one, a plain GET), 5 % other hosts (3 % a redirect host, 2 % a mirror).
 * Prints one JSON result line: requests, rps, p50/p99 (each response's own float ms), statuses, and
 * first touches: requests for a path (article or listing) that no earlier request of this contender
 * asked for (`seen`, a file kept across its phases), not counting redirect hosts, which read nothing.
 * A first touch costs a KV read in any cache design; only the reads beyond them are the caches' to save.
 */

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import autocannon from "autocannon";
import { random } from "./generate.ts";

export interface MixJob {
  origin: string;
  /** Canonical article paths, most popular first. */
  articles: string[];
  /** Front page, section pages and feeds, chosen uniformly. */
  listings: string[];
  /** Host headers: a `redirect` host and a `mirror` host of the service's host table. */
  redirectHost: string;
  mirrorHost: string;
  zipfS: number;
  seed: number;
  connections: number;
  /** Seconds. */
  duration: number;
  /** A file of the paths this contender's earlier phases asked for (JSON array); updated at the end. */
  seen?: string;
}

export interface MixResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
  /** Requests sent by kind. */
  kinds: Record<string, number>;
  /** Requests for a path no earlier request of this contender asked for (redirect hosts aside). */
  firstTouches: number;
  errors: number;
}

/** Zipf sampler over ranks 0..n-1 by inverting the cumulative distribution (binary search). */
export function zipf(n: number, s: number, rnd: () => number): () => number {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let k = 1; k <= n; k++) cdf[k - 1] = total += k ** -s;
  return () => {
    const u = rnd() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const percentile = (sorted: Float64Array, p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

async function run(job: MixJob): Promise<MixResult> {
  const rnd = random(job.seed);
  const rank = zipf(job.articles.length, job.zipfS, rnd);
  const etags = new Map<string, string>();
  const kinds: Record<string, number> = {};
  const seen = new Set<string>(job.seen && existsSync(job.seen) ? (JSON.parse(readFileSync(job.seen, "utf8")) as string[]) : []);
  let firstTouches = 0;
  const HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
  const JSON_ = "application/json";

  function next(): { path: string; headers: Record<string, string>; kind: string } {
    const r = rnd();
    const article = job.articles[rank()];
    if (r < 0.6) return { kind: "article html", path: article, headers: { accept: HTML } };
    if (r < 0.8) return { kind: "article json", path: article, headers: { accept: JSON_ } };
    if (r < 0.9) return { kind: "listing/feed", path: job.listings[Math.floor(rnd() * job.listings.length)], headers: { accept: HTML } };
    if (r < 0.95) {
      const accept = rnd() < 0.75 ? HTML : JSON_;
      const etag = etags.get(accept + article);
      return { kind: "revalidation", path: article, headers: { accept, ...(etag && { "if-none-match": etag }) } };
    }
    if (r < 0.98) return { kind: "redirect host", path: article, headers: { accept: HTML, host: job.redirectHost } };
    return { kind: "mirror host", path: article, headers: { accept: HTML, host: job.mirrorHost } };
  }

  const times: number[] = [];
  const statuses: Record<string, number> = {};
  const instance = autocannon({
    url: job.origin,
    connections: job.connections,
    pipelining: 1,
    duration: job.duration,
    requests: [
      {
        setupRequest: (req: { path: string }, context: Record<string, unknown>) => {
          const n = next();
          kinds[n.kind] = (kinds[n.kind] ?? 0) + 1;
          if (n.kind !== "redirect host" && !seen.has(n.path)) {
            seen.add(n.path);
            firstTouches++;
          }
          context.key = n.headers.host ? "" : n.headers.accept + n.path;
          return { ...req, method: "GET", path: n.path, headers: n.headers };
        },
        onResponse: (status: number, _body: string, context: Record<string, unknown>, headers: Record<string, string>) => {
          const etag = headers.etag ?? headers.ETag;
          if (status === 200 && typeof etag === "string" && context.key) etags.set(context.key as string, etag);
        },
      },
    ],
  });
  instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
    times.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  const r = await instance;
  const sorted = Float64Array.from(times).sort();
  if (job.seen) writeFileSync(job.seen, JSON.stringify([...seen]));
  return {
    requests: times.length,
    seconds: r.duration,
    rps: times.length / r.duration,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    statuses,
    kinds,
    firstTouches,
    errors: r.errors + r.timeouts,
  };
}

if (import.meta.main) console.log(JSON.stringify(await run(JSON.parse(jobArgument()) as MixJob)));

/** The job: JSON on the command line, or `@file` holding it (a job with 100,000 paths is too long for argv). */
function jobArgument(): string {
  const arg = process.argv[2] ?? "";
  return arg.startsWith("@") ? readFileSync(arg.slice(1), "utf8") : arg;
}
