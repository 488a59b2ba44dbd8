/**
 * @module
 * `npm run bench:live` (issue 38): readers polling one live story at one location while an editor posts an
 * update every 2 s for a minute. The location is a workerd of its own whose KV lags the Newsroom's writes by
 * 60 s (freshness-location.ts, as in `npm run bench:freshness`: another city than the editor's), so what the
 * readers see reaches them through the change channel, not KV. Two runs side by side in one process: 200 and
 * then 2,000 readers (each polls `…/updates?since=<cursor>` every 2 s, as the page's script does), each on a
 * live story of its own. For each update and reader: the time from the update's `201` to the reader's first
 * answer holding it (p50, p99, max); updates a reader never saw; errors; and the Newsroom's requests from the
 * location (the channel's calls, counted by the hub), which must not grow with readers. `--readers N` sets the
 * larger run; `--seconds S` its length (default 60); `--save` writes bench/results/live.json (else
 * test-results/bench/). Everything on 127.0.0.1; `--port-base N` as bench:freshness has it.
 */

import os from "node:os";
import { Worker } from "node:worker_threads";
import { parseArgs } from "node:util";
import { buildService } from "../lib/bundle.ts";
import { contentArticles, readWorkerConfig } from "../lib/runtime.ts";
import { writeResults } from "../lib/results.ts";
import { startHub } from "./freshness-hub.ts";
import { startLocation } from "./freshness-location.ts";
import { generateArticles } from "./generate.ts";
import type { ReadersJob, ReadersResult } from "./live-readers.ts";
import type { Article } from "../../src/shared/model/schema.ts";

const { values: options } = parseArgs({
  options: {
    save: { type: "boolean", default: false },
    readers: { type: "string", default: "2000" },
    seconds: { type: "string", default: "60" },
    "port-base": { type: "string", default: "0" },
  },
});
const READERS = [200, Number(options.readers)];
const SECONDS = Number(options.seconds);
const POST_EVERY_MS = 2_000;
const POLL_MS = 2_000;
const LAG_MS = 60_000;
/** After the last update: time for the slowest reader's next polls. */
const DRAIN_MS = 10_000;
const portBase = Number(options["port-base"]);
let ports = 0;
const port = () => (portBase === 0 ? 0 : portBase + (ports++ % 100));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const elapsed = () => `${Math.round(process.uptime())} s`;
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]! : NaN;
};
const seconds = (ms: number) => (Number.isFinite(ms) ? Math.round(ms / 10) / 100 : null);

// Stops by itself whatever hangs: a watchdog timer on its own thread (Miniflare may block this one).
const WATCHDOG = `const { workerData: { pid, ms } } = require("node:worker_threads");
setTimeout(() => { console.error("bench:live: stopped after " + ms / 60000 + " min"); process.kill(pid, "SIGKILL"); }, ms);`;
new Worker(WATCHDOG, { eval: true, workerData: { pid: process.pid, ms: 15 * 60_000 } }).unref();

const config = readWorkerConfig();
console.log(`building… (${elapsed()})`);
const bundle = await buildService("dist/bench/live", config.main, readWorkerConfig("newsroom.wrangler.toml").main);
const start = new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, "Z");
const stories: Article[] = READERS.map((_, i) => {
  const id = String(3_880_001 + i);
  const base = generateArticles(1, 38 + i, Number(id))[0]!;
  return { ...base, id, section: ["News"], headline: `Live: story ${id}`, slug: `live-${id}`, published: start, modified: start, live: { start, end: null } };
});
const articles = [...(await contentArticles()), ...stories];
const hub = await startHub(bundle.main, bundle.newsroom, config, articles, [LAG_MS], true, port);
const location = await startLocation(bundle.main, config, hub.url, 0, true, port());
console.log(`site up: the editor's location ${hub.origin}, the readers' ${location.origin} (KV ${LAG_MS / 1000} s behind) (${elapsed()})`);

async function run(readers: number, story: Article, runSeconds: number) {
  const job: ReadersJob = { origin: location.origin, id: story.id, readers, pollMs: POLL_MS };
  const thread = new Worker(new URL("./live-readers.ts", import.meta.url), { workerData: job });
  const done = new Promise<ReadersResult>((resolve, reject) => (thread.once("message", resolve), thread.once("error", reject)));
  await sleep(POLL_MS + 1_000); // every reader has polled once
  const calls0 = hub.channelCalls[0]!;
  const t0 = Date.now();
  const posted = new Map<number, number>();
  const postErrors: string[] = [];
  for (let i = 1; Date.now() - t0 < runSeconds * 1000; i++) {
    const due = t0 + (i - 1) * POST_EVERY_MS;
    await sleep(Math.max(0, due - Date.now()));
    const res = await fetch(`${hub.origin}/api/v1/articles/${story.id}/updates`, {
      method: "POST",
      headers: { Authorization: `Bearer ${hub.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ title: `Update ${i}`, body: [{ type: "paragraph", text: `What we know at update ${i} of the live story.` }] }),
    }).catch((e: unknown) => e as Error);
    if (res instanceof Error || res.status !== 201) {
      postErrors.push(res instanceof Error ? String(res) : `${res.status} ${(await res.text()).slice(0, 300)}`);
      continue;
    }
    const { n } = (await res.json()) as { n: number };
    posted.set(n, Date.now());
  }
  const newsroomMs = Date.now() - t0;
  const newsroomCalls = hub.channelCalls[0]! - calls0;
  await sleep(DRAIN_MS);
  thread.postMessage("stop");
  const seen = await done;
  await thread.terminate();
  const lags: number[] = [];
  let missed = 0;
  for (const [n, at] of posted) {
    const times = seen.seen[n] ?? [];
    missed += readers - times.length;
    for (const t of times) lags.push(t - at);
  }
  const figures = {
    readers,
    pollSeconds: POLL_MS / 1000,
    updatesPosted: posted.size,
    postErrors: postErrors.length,
    postErrorSamples: postErrors.slice(0, 3),
    seenSeconds: { p50: seconds(quantile(lags, 0.5)), p99: seconds(quantile(lags, 0.99)), max: seconds(Math.max(...lags)) },
    missed,
    readerRequests: seen.requests,
    readerRequestsPerSecond: Math.round(seen.requests / ((newsroomMs + DRAIN_MS + POLL_MS + 1_000) / 1000)),
    errors: seen.errors,
    errorSamples: seen.errorSamples,
    newsroomRequests: newsroomCalls,
    newsroomRequestsPerSecond: Math.round((newsroomCalls / (newsroomMs / 1000)) * 100) / 100,
  };
  console.log(`  ${readers} readers: ${JSON.stringify(figures)} (${elapsed()})`);
  return figures;
}

const runs = [];
try {
  for (const [i, readers] of READERS.entries()) {
    console.log(`${readers} readers, an update every ${POST_EVERY_MS / 1000} s for ${i === 0 ? 30 : SECONDS} s (${elapsed()})`);
    runs.push(await run(readers, stories[i]!, i === 0 ? 30 : SECONDS));
  }
} finally {
  await location.close();
  await hub.close();
}
const main = runs.at(-1)!;
const result = {
  command: `npm run bench:live -- ${process.argv.slice(2).join(" ")}`.trimEnd().replace(/ --$/, ""),
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, load average ${os.loadavg()[0]!.toFixed(1)}`,
  date: new Date().toISOString(),
  kvLagSeconds: LAG_MS / 1000,
  postEverySeconds: POST_EVERY_MS / 1000,
  seconds: SECONDS,
  goals: { seenP99Seconds: 5, errors: 0, missed: 0 },
  met: main.seenSeconds.p99 !== null && main.seenSeconds.p99 <= 5 && main.errors === 0 && main.missed === 0 && main.postErrors === 0,
  runs,
};
console.log(JSON.stringify(result, null, 2));
console.log(`written to ${writeResults("live.json", result, options.save)} (${elapsed()})`);
process.exit(result.met ? 0 : 1);
