/**
 * @module
 * `npm run bench:publish -- [sizes…]` (default 10000 100000): what a publish costs as the store grows.
 * For each size, the service (built as `wrangler deploy` uploads it) runs on workerd through Miniflare
 * with an empty store; N generated articles are loaded through the Newsroom (the content loaders'
 * path, 2,000 a request in date order); then 100 new articles and 100 corrections are PUT one at a
 * time over HTTP (latency p50/p99 against the goals: 20 ms and 50 ms), and a burst of 100 PUTs at once
 * (every answer within 2 s, every article everywhere within 5 s of the last answer). Prints the table
 * and writes test-results/bench/publish.json (`--save`: bench/results/publish.json, the tracked copy
 * the docs quote). Loopback only; stops by itself.
 */

import { cpus } from "node:os";
import { buildService } from "./lib/bundle.ts";
import { loadArticles, waitForReadModel } from "./lib/admin-api.ts";
import { archive, type BurstRow, measureBurst, measurePublishes, type PublishRow } from "./lib/publish.ts";
import { writeResults } from "./lib/results.ts";
import { readWorkerConfig, startWorker } from "./lib/runtime.ts";

/** The goals (issue 20): per write back to back, and a burst of 100 at once. */
export const GOALS = { p50: 20, p99: 50, burstAnswerMax: 2_000, burstVisible: 5_000 };

const LIMIT_MS = 40 * 60_000;
setTimeout(() => {
  console.error(`bench-publish: not done after ${LIMIT_MS / 60_000} minutes; stopping`);
  process.exit(1);
}, LIMIT_MS).unref();

const save = process.argv.includes("--save");
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const config = readWorkerConfig();
const bundle = await buildService("dist/bench/publish", config.main, readWorkerConfig("newsroom.wrangler.toml").main);

const rows: (PublishRow & { loadSeconds: number })[] = [];
const bursts: BurstRow[] = [];

for (const size of sizes.length ? sizes : [10_000, 100_000]) {
  const running = await startWorker(bundle.main, config, [], { port: 0, logs: false, newsroomScript: bundle.newsroom });
  try {
    const articles = archive(size);
    const t0 = performance.now();
    await loadArticles(running.url, running.token, articles, false, 2000);
    await waitForReadModel(running.url, running.token);
    const loadSeconds = (performance.now() - t0) / 1000;
    console.log(`${size} articles loaded through the Newsroom into KV in ${loadSeconds.toFixed(1)} s`);
    for (const row of await measurePublishes(running.url, running.token, articles)) rows.push({ ...row, loadSeconds });
    await waitForReadModel(running.url, running.token);
    bursts.push(await measureBurst(running.url, running.token, size));
  } finally {
    await running.mf.dispose();
  }
}

const ok = (v: number, goal: number) => (v <= goal ? "ok" : "MISSED");
console.log(
  `\n${"articles".padStart(8)}  ${"operation, one at a time".padEnd(24)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"KV keys".padStart(8)} ${"commit".padStart(7)} ${"slowest (Worker)".padStart(17)}  goals p50 ≤ ${GOALS.p50}, p99 ≤ ${GOALS.p99}`,
);
for (const r of rows)
  console.log(
    `${String(r.articles).padStart(8)}  ${r.operation.padEnd(24)} ${r.p50.toFixed(1).padStart(7)} ${r.p99.toFixed(1).padStart(7)} ${r.kvKeys.toFixed(1).padStart(8)} ${String(r.commitMs).padStart(7)} ${`${r.slowest.ms.toFixed(0)} (${r.slowest.workerMs})`.padStart(17)}  ${ok(r.p50, GOALS.p50)}, ${ok(r.p99, GOALS.p99)}`,
  );
console.log(
  `\n${"articles".padStart(8)}  100 PUTs at once: ${"answer p50".padStart(10)} ${"max".padStart(7)}  visible after the last answer   goals max ≤ ${GOALS.burstAnswerMax}, visible ≤ ${GOALS.burstVisible}`,
);
for (const b of bursts)
  console.log(
    `${String(b.articles).padStart(8)}  ${" ".repeat(17)} ${b.answerP50.toFixed(0).padStart(7)} ms ${b.answerMax.toFixed(0).padStart(4)} ms  ${b.visibleAfterLastAnswer.toFixed(0).padStart(6)} ms   ${ok(b.answerMax, GOALS.burstAnswerMax)}, ${ok(b.visibleAfterLastAnswer, GOALS.burstVisible)}`,
  );
const written = writeResults(
  "publish.json",
  {
    date: new Date().toISOString(),
    command: `npm run bench:publish -- ${(sizes.length ? sizes : [10_000, 100_000]).join(" ")}${save ? " --save" : ""}`,
    cpu: cpus()[0]?.model,
    cores: cpus().length,
    node: process.version,
    goals: GOALS,
    rows,
    bursts,
  },
  save,
);
console.log(`\nresults: ${written}`);
