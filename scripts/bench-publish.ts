/**
 * @module
 * `npm run bench:publish -- [sizes…]` (default 1000 100000): what a publish costs as the store grows.
 * For each size, the service (built as `wrangler deploy` uploads it) runs on workerd through Miniflare
 * with an empty store; N generated articles are loaded through the Newsroom (the content loaders'
 * path, 2,000 a request in date order); then 100 new articles and 100 corrections are PUT one at a time over HTTP. Prints PUT latency
 * p50/p99 and the KV writes each made (the `Newsroom-Read-Model` header), and writes
 * bench/results/publish.json. Loopback only; stops by itself.
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { buildWorker } from "./lib/build.ts";
import { loadArticles, waitForReadModel } from "./lib/newsroom.ts";
import { archive, measurePublishes, type PublishRow } from "./lib/publish.ts";
import { readWorkerConfig, startWorker } from "./lib/runtime.ts";

const LIMIT_MS = 20 * 60_000;
setTimeout(() => {
  console.error(`bench-publish: not done after ${LIMIT_MS / 60_000} minutes; stopping`);
  process.exit(1);
}, LIMIT_MS).unref();

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const config = readWorkerConfig();
const bundle = await buildWorker({ outdir: "dist/bench/publish" }, config.main);

const rows: (PublishRow & { loadSeconds: number })[] = [];

for (const size of sizes.length ? sizes : [1_000, 100_000]) {
  const running = await startWorker(bundle.main, config, [], { port: 0, logs: false });
  try {
    const articles = archive(size);
    const t0 = performance.now();
    await loadArticles(running.url, running.token, articles, false, 2000);
    await waitForReadModel(running.url, running.token);
    const loadSeconds = (performance.now() - t0) / 1000;
    console.log(`${size} articles loaded through the Newsroom in ${loadSeconds.toFixed(1)} s`);
    for (const row of await measurePublishes(running.url, running.token, articles)) rows.push({ ...row, loadSeconds });
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
