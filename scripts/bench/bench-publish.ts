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
 *
 * Each size runs twice, side by side: with Miniflare's storage (KV, the Newsroom's SQLite, the Cache
 * API) on this machine's disk, under the OS temp dir as Miniflare keeps it by default, and in memory
 * (tmpfs, /dev/shm). The simulators' SQLite syncs its files to disk hundreds of times a second under
 * this load, and on a shared virtual disk those syncs wait for whatever else is being written: the
 * disk's share of a write's time, which no Cloudflare write has (`--storage disk` or `memory`: one only).
 * `--channel off`: the reader without the change channel, to run beside a run with it.
 */

import { mkdtempSync, rmSync, statSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { buildService } from "../lib/bundle.ts";
import { loadArticles, waitForReadModel } from "../lib/admin-api.ts";
import { archive, type BurstRow, measureBurst, measurePublishes, type PublishRow } from "./publish.ts";
import { writeResults } from "../lib/results.ts";
import { readWorkerConfig, startWorker } from "../lib/runtime.ts";

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
const only = process.argv[process.argv.indexOf("--storage") + 1];
const memory = (() => {
  try {
    return statSync("/dev/shm").isDirectory() ? "/dev/shm" : undefined;
  } catch {
    return undefined;
  }
})();
type Storage = "disk" | "memory";
const storages = (
  [
    ["disk", tmpdir()],
    ["memory", memory],
  ] as [Storage, string | undefined][]
).filter(([name, dir]) => dir !== undefined && (!process.argv.includes("--storage") || only === name)) as [Storage, string][];
if (!storages.length) throw new Error("bench-publish: --storage takes disk or memory (memory needs /dev/shm)");
const config = readWorkerConfig();
// `--channel off`: the reader without the change channel (the var CHANGE_CHANNEL, docs/caching.md), to set its cost beside it.
const channelOff = process.argv[process.argv.indexOf("--channel") + 1] === "off" && process.argv.includes("--channel");
if (channelOff) config.vars = { ...config.vars, CHANGE_CHANNEL: "off" };
const bundle = await buildService(channelOff ? "dist/bench/publish-off" : "dist/bench/publish", config.main, readWorkerConfig("newsroom.wrangler.toml").main);

const rows: (PublishRow & { loadSeconds: number; storage: Storage })[] = [];
const bursts: (BurstRow & { storage: Storage })[] = [];

for (const size of sizes.length ? sizes : [10_000, 100_000]) for (const [storage, parent] of storages) await measure(size, storage, parent);

async function measure(size: number, storage: Storage, parent: string): Promise<void> {
  const dir = mkdtempSync(join(parent, "bench-publish-"));
  const running = await startWorker(bundle.main, config, [], { port: 0, logs: false, newsroomScript: bundle.newsroom, storage: dir });
  try {
    const articles = archive(size);
    const t0 = performance.now();
    await loadArticles(running.url, running.token, articles, false, 2000);
    await waitForReadModel(running.url, running.token);
    const loadSeconds = (performance.now() - t0) / 1000;
    console.log(`${size} articles loaded through the Newsroom into KV in ${loadSeconds.toFixed(1)} s (storage: ${storage})`);
    for (const row of await measurePublishes(running.url, running.token, articles)) rows.push({ ...row, loadSeconds, storage });
    await waitForReadModel(running.url, running.token);
    bursts.push({ ...(await measureBurst(running.url, running.token, size)), storage });
  } finally {
    await running.mf.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

const ok = (v: number, goal: number) => (v <= goal ? "ok" : "MISSED");
console.log(
  `\n${"articles".padStart(8)} ${"storage".padEnd(7)} ${"operation, one at a time".padEnd(24)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"KV keys".padStart(8)} ${"commit".padStart(7)} ${"slowest (Worker)".padStart(17)}  goals p50 ≤ ${GOALS.p50}, p99 ≤ ${GOALS.p99}`,
);
for (const r of rows)
  console.log(
    `${String(r.articles).padStart(8)} ${r.storage.padEnd(7)} ${r.operation.padEnd(24)} ${r.p50.toFixed(1).padStart(7)} ${r.p99.toFixed(1).padStart(7)} ${r.kvKeys.toFixed(1).padStart(8)} ${String(r.commitMs).padStart(7)} ${`${r.slowest.ms.toFixed(0)} (${r.slowest.workerMs})`.padStart(17)}  ${ok(r.p50, GOALS.p50)}, ${ok(r.p99, GOALS.p99)}`,
  );
console.log(
  `\n${"articles".padStart(8)} ${"storage".padEnd(7)} 100 PUTs at once: ${"answer p50".padStart(10)} ${"max".padStart(7)}  visible after the last answer   goals max ≤ ${GOALS.burstAnswerMax}, visible ≤ ${GOALS.burstVisible}`,
);
for (const b of bursts)
  console.log(
    `${String(b.articles).padStart(8)} ${b.storage.padEnd(7)} ${" ".repeat(17)} ${b.answerP50.toFixed(0).padStart(7)} ms ${b.answerMax.toFixed(0).padStart(4)} ms  ${b.visibleAfterLastAnswer.toFixed(0).padStart(6)} ms   ${ok(b.answerMax, GOALS.burstAnswerMax)}, ${ok(b.visibleAfterLastAnswer, GOALS.burstVisible)}`,
  );
const written = writeResults(
  channelOff ? "publish-channel-off.json" : "publish.json",
  {
    date: new Date().toISOString(),
    command: `npm run bench:publish -- ${(sizes.length ? sizes : [10_000, 100_000]).join(" ")}${storages.length === 1 ? ` --storage ${storages[0][0]}` : ""}${channelOff ? " --channel off" : ""}${save ? " --save" : ""}`,
    storage: { disk: `Miniflare's storage under ${tmpdir()} (this machine's disk)`, memory: `under ${memory ?? "(none)"} (tmpfs)` },
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
