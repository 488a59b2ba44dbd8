/**
 * @module
 * `npm run bench:scale -- [--articles N] [--duration SECONDS] [--connections C]`: the service at a
 * newsroom's scale, beside the naive KV-per-request Worker and a constant Worker that returns the
 * service's own bytes and headers, all built by wrangler, each on its own workerd (Miniflare) so
 * each one's memory and CPU can be read from /proc. N generated articles (default 10,000) are loaded
 * through the service's Newsroom (the real write path); the naive Worker reads the same KV files.
 * A separate process drives the read mix (scripts/bench/mix.ts): a cold phase on the fresh service,
 * then a steady phase, interleaved rounds of all three; then the hot path alone against the constant
 * Worker, start-up CPU of fresh isolates, and publish latency at this size. Per cache layer hit
 * ratios and KV reads come from the service's own metrics data points (scripts/bench/workers/metrics-sink.js).
 * Prints a table and writes latest.json and scale-N.json to test-results/bench/ (`--save`: to
 * bench/results/, the tracked copies the docs quote).
 */

import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import type { WorkerOptions } from "miniflare";
import { KV_LAG_MS } from "../../src/shared/freshness/policy.ts";
import { type Bundle, buildService, buildWorker, kib } from "../lib/bundle.ts";
import type { LoadJob, LoadResult } from "./load.ts";
import type { MixResult } from "./mix.ts";
import { loadArticles, waitForReadModel } from "../lib/admin-api.ts";
import { archive, measurePublishes, type PublishRow } from "./publish.ts";
import { writeResults } from "../lib/results.ts";
import { newsroomWorker, readWorkerConfig } from "../lib/runtime.ts";
import { PRICES, PRICES_SOURCE } from "./prices.ts";
import { diffTotals as diff, machine, MIX, mixJob, readingPaths, totalsOf as totals } from "./scale-phases.ts";
import { type Phase, printSummary, summarize } from "./scale-summary.ts";
import { cpuMs, Fleet, get, HTML, type Instance, isolateHeap, JSON_, rssMiB } from "./workerd.ts";

const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "10000" },
    duration: { type: "string", default: "20" },
    connections: { type: "string", default: "32" },
    save: { type: "boolean" },
  },
});
const N = Number(values.articles);
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
if (!(N >= 100 && N <= 1_000_000) || !(DURATION >= 2 && DURATION <= 600) || !(CONNECTIONS >= 1 && CONNECTIONS <= 256)) {
  console.error("usage: npm run bench:scale -- [--articles 100..1000000] [--duration 2..600 seconds a phase] [--connections 1..256]");
  process.exit(2);
}
const ZIPF_S = 1.1;
const STEADY_ROUNDS = 2;
const HOT_ROUNDS = 3;
const HOT_SECONDS = 4;
/** Articles whose responses the constant Worker holds (the rest get the stored answer of their kind). */
const TABLE_TOP = 300;
const REDIRECT_HOST = "presstv.ir";
const LIMIT_MS = 40 * 60_000;
setTimeout(() => {
  console.error(`bench-scale: not done after ${LIMIT_MS / 60_000} minutes; stopping`);
  process.exit(1);
}, LIMIT_MS).unref();

/** Fresh processes per contender for the start-up CPU (median). */
const STARTS = 7;
const started = performance.now();
const elapsed = () => `${Math.round((performance.now() - started) / 1000)} s`;
const config = readWorkerConfig();
const fleet = new Fleet(config);
const persist = fleet.persist;
const start = fleet.start.bind(fleet);
const stop = fleet.stop.bind(fleet);
const child = fleet.child.bind(fleet);

// -------------------------------------------------------------------------------------------------

console.log(`bench:scale: ${N} articles, ${DURATION} s a phase, ${CONNECTIONS} connections, Zipf s = ${ZIPF_S}`);
console.log("building with wrangler (service, naive, constant)…");
const [service, naive, constant] = await Promise.all([
  buildService("dist/bench/scale-service", config.main, readWorkerConfig("newsroom.wrangler.toml").main),
  buildWorker({ outdir: "dist/bench/scale-naive", entry: "scripts/bench/workers/naive-worker.ts", compatibilityDate: config.compatibilityDate }, config.main),
  buildWorker(
    { outdir: "dist/bench/scale-constant", entry: "scripts/bench/workers/constant-worker.js", compatibilityDate: config.compatibilityDate },
    config.main,
  ),
]);

const token = crypto.randomUUID();
const vars = config.vars as Record<string, never>;
const code = (b: Bundle) => ({ scriptPath: b.main, modulesRoot: dirname(b.main) });
// The Newsroom Worker runs beside the service (its NEWSROOM binds it), as deployed.
const room = newsroomWorker(service.newsroom!);
const serviceWorker = (metrics: boolean): WorkerOptions => ({
  ...code(service),
  bindings: { ...vars, PUBLISH_TOKEN: token },
  kvNamespaces: config.kvNamespaces,
  durableObjects: room.binding,
  ...(metrics && { wrappedBindings: { METRICS: { scriptName: "metrics-sink" } } }),
});

const result: Record<string, unknown> = {};
try {
  // ---- load through the Newsroom ----------------------------------------------------------------
  let svc = await start("service", serviceWorker(true), {}, true, false, [room.worker]);
  const articles = archive(N);
  const t0 = performance.now();
  await loadArticles(svc.origin, token, articles, false, 2000);
  await waitForReadModel(svc.origin, token);
  const loadSeconds = (performance.now() - t0) / 1000;
  console.log(`${N} articles loaded through the Newsroom in ${loadSeconds.toFixed(1)} s (${elapsed()})`);
  // A load this size makes the Newsroom's write log start over, and a cached copy can be renewed only
  // once the log reaches back KV_LAG_MS before the copy was built (src/reader/cache/renewal.ts): wait that
  // long, as an archive is loaded long before its readers come, so the phases see readers' steady state.
  const settle = KV_LAG_MS + 5_000;
  console.log(`waiting ${settle / 1000} s for the write log to reach back far enough to renew copies (${elapsed()})`);
  await new Promise((r) => setTimeout(r, settle));
  // A fresh isolate and empty caches for the cold phase: restart on the same storage.
  await stop(svc);
  rmSync(join(persist, "cache-service"), { recursive: true, force: true });
  svc = await start("service", serviceWorker(true), {}, true, true, [room.worker]);
  // The same service without Miniflare's Cache API (caches.default answers nothing): locally that
  // simulator stores every entry on disk through one object and caps the service at a few hundred
  // requests/s, which Cloudflare's cache does not; this instance shows the Worker without it.
  // Readers never call the Newsroom: no Durable Object binding (two processes must not open its storage).
  const { durableObjects: _, ...reader } = serviceWorker(true);
  const svcNoCache = await start("service-no-cache-api", { ...reader, cache: false } as WorkerOptions, {}, true, true);
  const naiveI = await start("naive", { ...code(naive), bindings: vars, kvNamespaces: config.kvNamespaces });
  const constI = await start("constant", code(constant));

  const { paths, listings } = readingPaths(articles);
  const mix = (instance: Instance, seconds: number, seed: number): Promise<MixResult> =>
    child<MixResult>(
      "./mix.ts",
      mixJob(instance, { paths, listings, redirectHost: REDIRECT_HOST, zipfS: ZIPF_S, connections: CONNECTIONS, persist }, seconds, seed),
      seconds,
    );

  const phases: Phase[] = [];
  async function phase(instance: Instance, name: string, seconds: number, seed: number): Promise<Phase> {
    const before = instance.metrics ? await totals(instance) : undefined;
    const cpu0 = cpuMs(instance.pid);
    const m = await mix(instance, seconds, seed);
    const cpu = cpuMs(instance.pid) - cpu0;
    const metrics = before ? diff(await totals(instance), before) : undefined;
    const p: Phase = { contender: instance.name, phase: name, mix: m, cpuMsPerRequest: cpu / m.requests, metrics };
    phases.push(p);
    const layers = metrics
      ? "  layers " +
        Object.entries(metrics.layers)
          .map(([k, v]) => `${k} ${((100 * v) / metrics.requests).toFixed(1)}%`)
          .join(", ") +
        `, KV reads/1000 ${((1000 * metrics.kvReads) / metrics.requests).toFixed(1)} (first touches/1000 ${((1000 * m.firstTouches) / m.requests).toFixed(1)})`
      : "";
    console.log(
      `  ${instance.name} ${name}: ${Math.round(m.rps)} req/s, p50 ${m.p50.toFixed(2)} ms, p99 ${m.p99.toFixed(2)} ms, statuses ${JSON.stringify(m.statuses)}${m.errors ? `, ${m.errors} errors` : ""}${layers}`,
    );
    return p;
  }

  // ---- cold, then steady ------------------------------------------------------------------------
  console.log(`cold phase: each service on a fresh isolate with empty caches (${elapsed()})`);
  await phase(svc, "cold", DURATION, 1);
  await phase(svcNoCache, "cold", DURATION, 1);

  // The constant Worker's table: what the service answers for the most read URLs, on every host.
  const table: unknown[] = [];
  const capture = async (host: string | null, path: string, accept: string, fallback: string) => {
    const got = await get(svc.origin, path, { accept, ...(host && { host }) });
    const keep = got.headers.filter(([n]) => !["content-length", "date", "connection", "keep-alive", "transfer-encoding"].includes(n));
    table.push({
      host: host ?? new URL(svc.origin).host,
      path,
      accept,
      fallback,
      status: got.status,
      headers: keep,
      body: got.status === 301 ? null : got.body.toString("base64"),
    });
  };
  for (const path of paths.slice(0, TABLE_TOP)) {
    await capture(null, path, HTML, "article html");
    await capture(null, path, JSON_, "article json");
  }
  for (const path of listings) await capture(null, path, HTML, "listing");
  for (const path of paths.slice(0, 50)) {
    await capture(REDIRECT_HOST, path, HTML, "redirect");
    await capture(svc.origin.replace("http://127.0.0.1", "localhost").replace(/^http:\/\//, ""), path, HTML, "mirror");
  }
  const loaded = await fetch(constI.origin + "/__table", { method: "POST", body: JSON.stringify(table) });
  console.log(`constant Worker holds ${await loaded.text()} answers taken from the service`);

  console.log(`steady phase: ${STEADY_ROUNDS} interleaved rounds of ${DURATION / STEADY_ROUNDS} s each (${elapsed()})`);
  for (let round = 1; round <= STEADY_ROUNDS; round++)
    for (const i of [svc, svcNoCache, naiveI, constI]) await phase(i, `steady ${round}`, DURATION / STEADY_ROUNDS, 100 + round);
  const memory = {
    serviceMiB: rssMiB(svc.pid),
    serviceNoCacheApiMiB: rssMiB(svcNoCache.pid),
    naiveMiB: rssMiB(naiveI.pid),
    constantMiB: rssMiB(constI.pid),
    serviceHeap: await isolateHeap(svc.inspectorPort!, svc.name),
    serviceNoCacheApiHeap: await isolateHeap(svcNoCache.inspectorPort!, svcNoCache.name),
  };
  const heap = (h: { usedMiB: number; totalMiB: number }) => `${h.usedMiB.toFixed(1)} MiB used of ${h.totalMiB.toFixed(1)}`;
  console.log(
    `isolate heap at steady state (V8, through the inspector): service ${heap(memory.serviceHeap)}; without the Cache API ${heap(memory.serviceNoCacheApiHeap)}`,
  );
  console.log(
    `workerd RSS at steady state: service ${memory.serviceMiB.toFixed(1)} MiB (without the Cache API ${memory.serviceNoCacheApiMiB.toFixed(1)}), naive ${memory.naiveMiB.toFixed(1)}, constant ${memory.constantMiB.toFixed(1)}`,
  );

  // ---- hot path against the constant Worker, same bytes and headers ------------------------------
  const hotPath = paths[0];
  console.log(`hot path: ${hotPath}, ${HOT_ROUNDS} interleaved rounds of ${HOT_SECONDS} s (${elapsed()})`);
  const hot: Record<string, number[]> = {};
  for (let round = 1; round <= HOT_ROUNDS; round++)
    for (const [name, origin, accept] of [
      ["service HTML", svcNoCache.origin, HTML],
      ["constant HTML", constI.origin, HTML],
      ["service JSON", svcNoCache.origin, JSON_],
      ["constant JSON", constI.origin, JSON_],
    ] as const) {
      const r = await child<LoadResult>(
        "./load.ts",
        { url: origin + hotPath, headers: { accept }, connections: CONNECTIONS, warmup: 1, duration: HOT_SECONDS } satisfies LoadJob,
        HOT_SECONDS + 1,
      );
      if (r.errors || Object.keys(r.statuses).some((s) => s !== "200")) throw new Error(`${name}: ${JSON.stringify(r.statuses)}, ${r.errors} errors`);
      (hot[name] ??= []).push(r.rps);
    }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const hotRatio = { html: median(hot["service HTML"]) / median(hot["constant HTML"]), json: median(hot["service JSON"]) / median(hot["constant JSON"]) };
  console.log(`  service / constant (median of ${HOT_ROUNDS}): HTML ${hotRatio.html.toFixed(2)}×, JSON ${hotRatio.json.toFixed(2)}×`);

  // ---- publish latency at this size -------------------------------------------------------------
  console.log(`publishing at ${N} articles (${elapsed()})`);
  // 50 of each (about a second apart: the write log's pacing), so the default run stays within 10 minutes.
  const publish: PublishRow[] = await measurePublishes(new URL(svc.origin), token, articles, 50);
  for (const r of publish) console.log(`  ${r.operation}: p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.kvKeys.toFixed(1)} KV keys`);
  for (const i of [...fleet.instances]) await stop(i);

  // ---- start-up CPU of a fresh isolate ----------------------------------------------------------
  // workerd's CPU from exec to ready, service minus constant: the bundle's compile and top-level
  // evaluation and its bindings (the runtime's own start is in both); then the first request's.
  // Seven each, interleaved: one start varies by ±2 ms on a shared machine, about half the figure.
  console.log(`start-up CPU, ${STARTS} fresh processes each (${elapsed()})`);
  const startup: Record<string, { ready: number; firstRequest: number }[]> = { service: [], constant: [] };
  for (let k = 0; k < STARTS; k++)
    // The same vars and KV binding for both; no Durable Object binding (readers never use it).
    for (const [name, worker] of [
      ["service", { ...code(service), bindings: vars, kvNamespaces: config.kvNamespaces }],
      ["constant", { ...code(constant), bindings: vars, kvNamespaces: config.kvNamespaces }],
    ] as const) {
      const i = await start(name === "service" ? "service-startup" : "constant-startup", worker);
      const ready = cpuMs(i.pid);
      await get(i.origin, name === "service" ? hotPath : "/", { accept: HTML });
      startup[name].push({ ready, firstRequest: cpuMs(i.pid) - ready });
      await stop(i);
    }
  const med = (name: string, k: "ready" | "firstRequest") => median(startup[name].map((s) => s[k]));
  const startupMs = {
    bundle: med("service", "ready") - med("constant", "ready"),
    firstRequest: med("service", "firstRequest") - med("constant", "firstRequest"),
    raw: startup,
  };
  console.log(
    `  the bundle's start-up: ${startupMs.bundle.toFixed(1)} ms CPU; its first request (KV read, render): ${startupMs.firstRequest.toFixed(1)} ms more than the constant's`,
  );

  // ---- summary ----------------------------------------------------------------------------------
  const { contenders, costs, publishCost, cacheLayers, goals } = summarize({
    phases,
    publish,
    hotRatio,
    startupMs,
    bundleGzipKiB: kib(service.gzipBytes),
    memory,
  });
  printSummary({ N, DURATION, STEADY_ROUNDS, CONNECTIONS }, contenders, costs, cacheLayers, goals);

  Object.assign(result, {
    date: new Date().toISOString(),
    machine: machine(),
    settings: { articles: N, phaseSeconds: DURATION, connections: CONNECTIONS, zipfS: ZIPF_S, steadyRounds: STEADY_ROUNDS, tableTop: TABLE_TOP, mix: MIX },
    loadSeconds,
    bundle: { bytes: service.bytes, gzipBytes: service.gzipBytes, gzipKiB: kib(service.gzipBytes) },
    phases,
    contenders,
    cacheLayers: { service: cacheLayers.service, serviceNoCacheApi: cacheLayers.noCache },
    memory,
    hot: { path: hotPath, rps: hot, ratio: hotRatio },
    startupCpuMs: startupMs,
    publish,
    prices: { ...PRICES, source: PRICES_SOURCE },
    costPerMillionReaderRequests: costs,
    costPerMillionPublishes: publishCost,
    goals,
  });
  const written = ["latest.json", `scale-${N}.json`].map((name) => writeResults(name, result, values.save === true));
  console.log(`\nwritten to ${written.join(" and ")} (${elapsed()})`);
} finally {
  await fleet.dispose();
}
