/**
 * @module
 * `npm run bench:freshness` (issue 37): how soon a publication, a correction and a takedown are
 * served everywhere, on N reader locations whose KV lags the Newsroom's writes (default 4 locations,
 * 60 s ± 5 s), today's design (the channel unreachable: KV, the write log and TTLs alone) beside the
 * change channel, side by side in the same run. Each location is a workerd of its own (freshness-location.ts)
 * under a Zipf read mix; one hub holds the Newsroom and the real KV (freshness-hub.ts). Each round
 * publishes a story, corrects it once every location serves it, then takes it down; a watcher per
 * location reads its page, its JSON, the front page and the feed every 500 ms (freshness-watch.ts).
 * Then, with the channel, the Newsroom's requests at 4 and 8 locations and two read rates.
 * `--quick`: 3 locations, 20 s lag, one round, no load runs (under 3 minutes). `--save` writes
 * bench/results/freshness.json (`--quick --save`: freshness-quick.json; `--out NAME.json`: that name); else
 * test-results/bench/. Everything listens on 127.0.0.1: on free ports, or from `--port-base N` (or the env var
 * FRESHNESS_PORT_BASE) on N, N+1, … N+99 (Miniflare's own loopback socket still takes a free one).
 * `--loads-only`: only the Newsroom's load runs. It stops by itself after `--max-minutes` (default 30; quick 8)
 * whatever hangs (a watchdog thread ends the workerds it started and itself), keeping what it had saved.
 */

import os from "node:os";
import { Worker } from "node:worker_threads";
import { parseArgs } from "node:util";
import { buildService } from "../lib/bundle.ts";
import { articlePaths, contentArticles, readWorkerConfig } from "../lib/runtime.ts";
import { generateArticles } from "./generate.ts";
import { call } from "../lib/admin-api.ts";
import { writeResults } from "../lib/results.ts";
import { startHub } from "./freshness-hub.ts";
import { startLocation } from "./freshness-location.ts";
import { type Change, type Counters, type Kind, mix, VIEWS, watch } from "./freshness-watch.ts";
import { articlePath } from "../../src/shared/model/paths.ts";
import type { Article } from "../../src/shared/model/schema.ts";

const { values: options } = parseArgs({
  options: {
    save: { type: "boolean", default: false },
    quick: { type: "boolean", default: false },
    out: { type: "string" },
    "loads-only": { type: "boolean", default: false },
    "max-minutes": { type: "string" },
    "port-base": { type: "string", default: process.env.FRESHNESS_PORT_BASE ?? "0" },
  },
});
const portBase = Number(options["port-base"]);
if (!Number.isInteger(portBase) || portBase < 0 || portBase > 65_436) throw new Error(`--port-base ${options["port-base"]}: a port number, or 0 for free ones`);
let ports = 0;
/** The next port to listen on: any free one (0), or the next of the hundred from --port-base, round. */
const port = () => (portBase === 0 ? 0 : portBase + (ports++ % 100));
const P = options.quick
  ? { locations: 3, lagS: 20, jitterS: 2, rounds: 1, rate: 3, loads: [] as [number, number][], loadS: 0 }
  : {
      locations: 4,
      lagS: 60,
      jitterS: 5,
      rounds: 3,
      rate: 5,
      loads: [
        [4, 3],
        [4, 12],
        [8, 3],
        [8, 12],
      ] as [number, number][],
      loadS: 20,
    };
const KINDS: Kind[] = ["publication", "correction", "takedown"];
const SETTLE_MS = 5_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const elapsed = () => `${Math.round(process.uptime())} s`;

// A watchdog on a thread of its own: Miniflare may block this one (Atomics.wait) where no timer here can fire.
const maxMs = Number(options["max-minutes"] ?? (options.quick ? 8 : 30)) * 60_000;
const WATCHDOG = `const { workerData: { pid, ms } } = require("node:worker_threads");
const fs = require("node:fs");
setTimeout(() => {
  console.error("bench:freshness: stopped after " + ms / 60000 + " min (--max-minutes)");
  try {
    for (const task of fs.readdirSync("/proc/" + pid + "/task"))
      for (const child of fs.readFileSync("/proc/" + pid + "/task/" + task + "/children", "utf8").split(" ").filter(Boolean))
        try { process.kill(Number(child), "SIGKILL"); } catch {}
  } catch {} // not Linux: the workerds end with their control pipe, or are left
  process.kill(pid, "SIGKILL");
}, ms);`;
new Worker(WATCHDOG, { eval: true, workerData: { pid: process.pid, ms: maxMs } }).unref();

const config = readWorkerConfig();
console.log(`building… (${elapsed()})`);
const bundle = await buildService("dist/bench/freshness", config.main, readWorkerConfig("newsroom.wrangler.toml").main);
const articles = [...(await contentArticles()), ...generateArticles(60, 37, 2_000_000)];
const paths = [...articlePaths(articles).values()];

/** Per location `i` of `n`: the lag spread evenly over `lag ± jitter` (ms). */
const lagsOf = (n: number) => Array.from({ length: n }, (_, i) => (P.lagS + P.jitterS * (n > 1 ? (2 * i) / (n - 1) - 1 : 0)) * 1000);

async function withSite<T>(
  n: number,
  channel: boolean,
  rate: number,
  use: (site: { write: (c: Omit<Change, "at">, a: Article) => Promise<Change>; origins: string[]; counters: Counters[] }) => Promise<T>,
) {
  const lags = lagsOf(n);
  const hub = await startHub(bundle.main, bundle.newsroom, config, articles, lags, channel, port);
  const locations = [];
  for (const [i] of lags.entries()) locations.push(await startLocation(bundle.main, config, hub.url, i, channel, port()));
  const counters = locations.map(() => ({ requests: 0 }));
  let stopped = false;
  const mixes = locations.map((l, i) => mix(l.origin, paths, rate, i + 1, () => stopped, counters[i]!));
  await sleep(3_000);
  const [kv0, calls0, req0, t0] = [
    hub.kvReads.reduce((a, b) => a + b, 0),
    hub.channelCalls.reduce((a, b) => a + b, 0),
    counters.reduce((a, c) => a + c.requests, 0),
    Date.now(),
  ];
  const write = async (c: Omit<Change, "at">, article: Article, retry = true): Promise<Change> => {
    const api = `/api/v1/articles/${c.id}`;
    // A PUT and a DELETE are idempotent: once more if the connection dropped under the load.
    if (retry) return write(c, article, false).catch(() => sleep(500).then(() => write(c, article, false)));
    if (c.kind === "takedown") {
      const res = await fetch(hub.origin + api, { method: "DELETE", headers: { Authorization: `Bearer ${hub.token}` } });
      if (res.status !== 204) throw new Error(`DELETE ${api}: ${res.status}`);
    } else
      await call(hub.origin, hub.token, "PUT", api, {
        ...article,
        section: article.section,
        headline: c.kind === "correction" ? `${c.mark} ${article.headline}` : article.headline,
      });
    return { ...c, at: Date.now() };
  };
  try {
    const value = await use({ write, origins: locations.map((l) => l.origin), counters });
    const seconds = (Date.now() - t0) / 1000;
    const per = (total: number) => Math.round((total / seconds / n) * 100) / 100;
    return {
      value,
      readerRequestsPerSecondPerLocation: per(counters.reduce((a, c) => a + c.requests, 0) - req0),
      kvReadsPerSecondPerLocation: per(hub.kvReads.reduce((a, b) => a + b, 0) - kv0),
      newsroomRequestsPerSecondPerLocation: per(hub.channelCalls.reduce((a, b) => a + b, 0) - calls0),
    };
  } finally {
    stopped = true;
    await Promise.all(mixes);
    await Promise.all(locations.map((l) => l.close()));
    await hub.close();
  }
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]! : NaN;
};
const round1 = (x: number) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : null);

/** One design: every round's chain of changes, watched at every location. */
async function freshness(channel: boolean) {
  const name = channel ? "channel" : "today";
  const deadlineMs = (P.lagS + P.jitterS + (channel ? 60 : 240)) * 1000;
  return withSite(P.locations, channel, P.rate, async ({ write, origins, counters }) => {
    const samples: Record<Kind, { everywhere: number; perLocation: number[]; stale: number }[]> = { publication: [], correction: [], takedown: [] };
    await Promise.all(
      Array.from({ length: P.rounds }, async (_, r) => {
        await sleep(r * 2_000);
        const id = String(3_000_000 + r);
        const base = generateArticles(1, 100 + r, Number(id))[0]!;
        const published = new Date(Date.now() - 1000).toISOString().replace(/\.\d+Z$/, "Z");
        const article: Article = { ...base, id, section: ["News"], headline: `Breaking ${id}`, slug: `breaking-${id}`, published, modified: published };
        for (const kind of KINDS) {
          const change = await write({ kind, id, path: articlePath(article), mark: `Corrected-${id}` }, article);
          const watched = await Promise.all(origins.map((o, i) => watch(o, change, change.at + deadlineMs, SETTLE_MS, counters[i]!)));
          const perLocation = watched.map((w) => Math.max(...VIEWS.map((v) => (Number.isNaN(w.first[v]) ? Infinity : w.first[v]))));
          const stale = watched.reduce((a, w) => a + w.staleAfterNewer, 0);
          samples[kind].push({ everywhere: Math.max(...perLocation), perLocation, stale });
          const views = watched.map((w) => VIEWS.map((v) => `${v} ${round1(w.first[v]) ?? "–"}`).join(" ")).join("; ");
          console.log(`  ${name} ${kind} ${id}: everywhere in ${round1(Math.max(...perLocation))} s [${views}], stale after newer ${stale} (${elapsed()})`);
        }
      }),
    );
    return Object.fromEntries(
      KINDS.map((k) => {
        const everywhere = samples[k].map((s) => s.everywhere);
        const perLocation = samples[k].flatMap((s) => s.perLocation);
        return [
          k,
          {
            p50: round1(quantile(everywhere, 0.5)),
            p99: round1(quantile(everywhere, 0.99)),
            max: round1(Math.max(...everywhere)),
            staleAfterNewer: samples[k].reduce((a, s) => a + s.stale, 0),
            changes: everywhere.length,
            perLocation: { p50: round1(quantile(perLocation, 0.5)), p99: round1(quantile(perLocation, 0.99)), max: round1(Math.max(...perLocation)) },
          },
        ];
      }),
    ) as Record<Kind, unknown>;
  });
}

console.log(`${P.locations} locations, KV lag ${P.lagS} ± ${P.jitterS} s, ${P.rate} reads/s each, today's design and the channel side by side (${elapsed()})`);
// Side by side, both sites started at once (a site started after another was closed did not come up here).
const none = { value: undefined, readerRequestsPerSecondPerLocation: null, kvReadsPerSecondPerLocation: null, newsroomRequestsPerSecondPerLocation: null };
const [channel, today] = options["loads-only"] ? [none, none] : await Promise.all([freshness(true), freshness(false)]);
const loads: unknown[] = [];
const result = {
  command: `npm run bench:freshness -- ${process.argv.slice(2).join(" ")}`.trimEnd().replace(/ --$/, ""),
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`,
  date: new Date().toISOString(),
  locations: P.locations,
  kvLagSeconds: P.lagS,
  kvLagJitterSeconds: P.jitterS,
  readsPerSecondPerLocation: P.rate,
  ...channel.value,
  readerRequestsPerSecondPerLocation: channel.readerRequestsPerSecondPerLocation,
  kvReadsPerSecondPerLocation: channel.kvReadsPerSecondPerLocation,
  newsroomRequestsPerSecondPerLocation: channel.newsroomRequestsPerSecondPerLocation,
  today: { ...today.value, ...today, value: undefined },
  newsroomLoad: loads,
};
const save = () => writeResults(options.out ?? (options.quick ? "freshness-quick.json" : "freshness.json"), result, options.save);
save(); // the freshness figures first, then again after each load run
for (const [n, rate] of P.loads) {
  console.log(`load: ${n} locations at ${rate} reads/s each (${elapsed()})`);
  // Bounded: a site that does not come up on this shared machine is recorded as such, not waited for.
  const run = withSite(n, true, rate, () => sleep(P.loadS * 1000)).then((r) => ({ ...r, value: undefined }));
  const limit = sleep(240_000).then(() => ({ error: "did not finish within 240 s" }));
  loads.push({ locations: n, readsPerSecondPerLocation: rate, ...(await Promise.race([run, limit]).catch((e: unknown) => ({ error: String(e) }))) });
  save();
}
console.log(JSON.stringify(result, null, 2));
console.log(`written to ${save()} (${elapsed()})`);
process.exit(0); // a load run cut off by its limit may leave its site starting
