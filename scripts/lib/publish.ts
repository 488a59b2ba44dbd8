/**
 * @module
 * What a publish costs, measured over HTTP against a running service: 100 new articles and 100
 * corrections PUT one at a time. Used by `npm run bench:publish` and `npm run bench:scale`.
 */

import type { Article } from "../../src/content/schema.ts";
import { generateArticles } from "./generate.ts";

export interface PublishRow {
  articles: number;
  operation: string;
  p50: number;
  p99: number;
  /** KV writes per PUT (the `Newsroom-Read-Model` header). */
  kvWrites: number;
  /** Medians of the `Server-Timing` parts: the Newsroom's commit and KV update, then the cache invalidation here. */
  newsroomMs: number;
  invalidateMs: number;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * PUTs `count` new articles (dated just now, so each is the newest in its scopes) and `count`
 * corrections of `loaded`, each when the last has answered (so each waits out the write log's second).
 */
export async function measurePublishes(url: URL, token: string, loaded: Article[], count = 100): Promise<PublishRow[]> {
  const rows: PublishRow[] = [];
  const size = loaded.length;
  const extra = generateArticles(200, 99, 900_000_000);
  for (const [operation, inputs] of [
    ["publish a new article", extra.slice(0, count).map((a, i) => ({ ...a, published: new Date(Date.now() - 3_600_000 + i * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"), modified: undefined }))],
    ["correct an article", loaded.filter((_, i) => i % Math.max(1, Math.floor(size / count)) === 0).slice(0, count).map((a) => ({ ...a, headline: `${a.headline} (corrected)` }))],
  ] as const) {
    const times: number[] = [];
    const inNewsroom: number[] = [];
    const inInvalidate: number[] = [];
    let writes = 0;
    for (const input of inputs) {
      const t = performance.now();
      const res = await fetch(new URL(`/api/v1/articles/${input.id}`, url), {
        method: "PUT",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
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
    rows.push({ articles: size, operation, p50: pct(times, 50), p99: pct(times, 99), kvWrites: writes / inputs.length, newsroomMs: median(inNewsroom), invalidateMs: median(inInvalidate) });
  }
  return rows;
}

/** Generated articles in date order, as an archive import would load them (and as fast as the index allows). */
export function archive(n: number, seed = 7): Article[] {
  return generateArticles(n, seed).sort((a, b) => (a.published < b.published ? -1 : a.published > b.published ? 1 : 0));
}
