/**
 * @module
 * The readers of `npm run bench:live`, on a thread of their own so the hub's Node thread (which answers the
 * location's KV reads and channel calls) is not starved by them. Each reader polls a live story's updates
 * (`GET /api/v1/articles/<id>/updates?since=<cursor>`, JSON) every `pollMs` (± 10 %, first poll spread over one
 * period) as the page's script and an app do, and records when it first saw each update number. On the `stop`
 * message it answers what it saw: per update number the times readers first saw it, and the requests and errors.
 */

import { parentPort, workerData } from "node:worker_threads";

export interface ReadersJob {
  origin: string;
  id: string;
  readers: number;
  pollMs: number;
}

export interface ReadersResult {
  /** Update number → the epoch ms each reader that saw it first saw it. */
  seen: Record<number, number[]>;
  requests: number;
  /** Answers other than 200, and requests that failed. */
  errors: number;
  errorSamples: string[];
}

const job = workerData as ReadersJob;
const result: ReadersResult = { seen: {}, requests: 0, errors: 0, errorSamples: [] };
let stopped = false;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function reader(): Promise<void> {
  let cursor = 0;
  const known = new Set<number>();
  await sleep(Math.random() * job.pollMs);
  while (!stopped) {
    const started = Date.now();
    try {
      result.requests++;
      const res = await fetch(`${job.origin}/api/v1/articles/${job.id}/updates?since=${cursor}`, { headers: { Accept: "application/json" } });
      if (res.status !== 200) {
        result.errors++;
        if (result.errorSamples.length < 5) result.errorSamples.push(`${res.status} ${(await res.text()).slice(0, 200)}`);
        else await res.body?.cancel();
      } else {
        const page = (await res.json()) as { cursor: number; updates: { n: number }[] };
        const now = Date.now();
        for (const u of page.updates)
          if (!known.has(u.n)) {
            known.add(u.n);
            (result.seen[u.n] ??= []).push(now);
          }
        cursor = Math.max(cursor, page.cursor);
      }
    } catch (e) {
      result.errors++;
      if (result.errorSamples.length < 5) result.errorSamples.push(String(e));
    }
    await sleep(Math.max(0, job.pollMs * (0.9 + Math.random() * 0.2) - (Date.now() - started)));
  }
}

const all = Promise.all(Array.from({ length: job.readers }, reader));
parentPort!.on("message", async (message: string) => {
  if (message !== "stop") return;
  stopped = true;
  await all;
  parentPort!.postMessage(result);
});
