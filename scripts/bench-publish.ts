/**
 * @module
 * `npm run bench:publish -- [sizes…]` (default 1000 100000): what a publish costs as the store grows.
 * For each size, the service (built as `wrangler deploy` uploads it) runs on workerd through Miniflare
 * with an empty store; N generated articles are loaded through the Newsroom (the content loaders'
 * path); then 100 new articles and 100 corrections are PUT one at a time over HTTP. Prints PUT latency
 * p50/p99 and the KV writes each made (the `Newsroom-Read-Model` header), and writes
 * bench/results/publish.json. Loopback only; stops by itself.
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { buildWorker } from "./lib/build.ts";
import { loadArticles } from "./lib/newsroom.ts";
import { readWorkerConfig, startWorker } from "./lib/runtime.ts";
import { generateArticles } from "./lib/generate.ts";

const LIMIT_MS = 20 * 60_000;
setTimeout(() => {
  console.error(`bench-publish: not done after ${LIMIT_MS / 60_000} minutes; stopping`);
  process.exit(1);
}, LIMIT_MS).unref();

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const config = readWorkerConfig();
const bundle = await buildWorker({ outdir: "dist/bench/publish" }, config.main);

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface Row {
  articles: number;
  operation: string;
  p50: number;
  p99: number;
  kvWrites: number;
  /** Medians of the `Server-Timing` parts: the Newsroom's commit and KV update, then the cache invalidation here. */
  newsroomMs: number;
  invalidateMs: number;
  loadSeconds: number;
}
const rows: Row[] = [];

for (const size of sizes.length ? sizes : [1_000, 100_000]) {
  const running = await startWorker(bundle.main, config, [], { port: 0, logs: false });
  try {
    const articles = generateArticles(size, 7);
    const t0 = performance.now();
    await loadArticles(running.url, running.token, articles, false);
    // Wait until KV has everything the load committed (the alarm drains a long outbox in batches).
    for (;;) {
      const res = await fetch(new URL("/api/v1/admin/read-model?limit=1", running.url), { headers: { Authorization: `Bearer ${running.token}` } });
      if (((await res.json()) as { pending: number }).pending === 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const loadSeconds = (performance.now() - t0) / 1000;
    console.log(`${size} articles loaded through the Newsroom in ${loadSeconds.toFixed(1)} s`);
    const extra = generateArticles(200, 99, 900_000_000);
    for (const [operation, inputs] of [
      // Dated just now, so each is the newest in its scopes (the common case) and public at once.
      ["publish a new article", extra.slice(0, 100).map((a, i) => ({ ...a, published: new Date(Date.now() - 3_600_000 + i * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"), modified: undefined }))],
      ["correct an article", articles.filter((_, i) => i % Math.max(1, Math.floor(size / 100)) === 0).slice(0, 100).map((a) => ({ ...a, headline: `${a.headline} (corrected)` }))],
    ] as const) {
      const times: number[] = [];
      const inNewsroom: number[] = [];
      const inInvalidate: number[] = [];
      let writes = 0;
      for (const input of inputs) {
        const t = performance.now();
        const res = await fetch(new URL(`/api/v1/articles/${input.id}`, running.url), {
          method: "PUT",
          headers: { Authorization: `Bearer ${running.token}`, "Content-Type": "application/json" },
          body: JSON.stringify(input),
        });
        await res.arrayBuffer();
        times.push(performance.now() - t);
        if (res.status !== 200 && res.status !== 201) throw new Error(`PUT ${input.id}: ${res.status}`);
        writes += Number(/written=(\d+)/.exec(res.headers.get("newsroom-read-model") ?? "")?.[1] ?? NaN);
        const timing = res.headers.get("server-timing") ?? "";
        inNewsroom.push(Number(/newsroom;dur=(\d+)/.exec(timing)?.[1] ?? NaN));
        inInvalidate.push(Number(/invalidate;dur=(\d+)/.exec(timing)?.[1] ?? NaN));
        if (process.env.BENCH_TIMING) console.log(timing);
      }
      times.sort((a, b) => a - b);
      const median = (xs: number[]) => pct([...xs].sort((a, b) => a - b), 50);
      rows.push({ articles: size, operation, p50: pct(times, 50), p99: pct(times, 99), kvWrites: writes / inputs.length, newsroomMs: median(inNewsroom), invalidateMs: median(inInvalidate), loadSeconds });
    }
  } finally {
    await running.mf.dispose();
  }
}

console.log(`\n${"articles".padStart(8)}  ${"operation".padEnd(24)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"KV writes".padStart(9)} ${"newsroom".padStart(9)} ${"invalidate".padStart(10)}`);
for (const r of rows)
  console.log(
    `${String(r.articles).padStart(8)}  ${r.operation.padEnd(24)} ${r.p50.toFixed(1).padStart(7)} ${r.p99.toFixed(1).padStart(7)} ${r.kvWrites.toFixed(1).padStart(9)} ${String(r.newsroomMs).padStart(9)} ${String(r.invalidateMs).padStart(10)}`,
  );
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/publish.json", JSON.stringify({ date: new Date().toISOString(), cpu: cpus()[0]?.model, cores: cpus().length, node: process.version, rows }, null, 2) + "\n");
