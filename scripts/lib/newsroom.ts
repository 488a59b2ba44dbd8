/**
 * @module
 * The content loaders' client: the Worker's admin API (`/api/v1/admin/…`, bearer token), which hands
 * everything to the Newsroom Durable Object. Used against a local Miniflare and a deployed Worker alike.
 */

import type { Article } from "../../src/content/schema.ts";

/** Articles per request: well under the endpoint's 16 MiB limit even for long articles. */
const BATCH = 200;

async function call(origin: string | URL, token: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const send = () =>
    fetch(new URL(path, origin), {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body !== undefined && { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  // Once more on a connection closed under the request (seen now and then on long loads against local
  // workerd: the socket reset while the body is written); every admin call is idempotent (unchanged articles are left alone).
  const res = await send().catch((e: Error) => {
    if (e.name !== "TypeError") throw e; // fetch's network error; anything else is ours
    return send();
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 2000)}`);
  return JSON.parse(text);
}

export interface LoadCounts {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
}

/**
 * Loads articles into the Newsroom: new or changed ones stored, unchanged ones left alone. With
 * `prune`, articles that came from content/ and are not among `articles` are removed (the last
 * batch carries every id to keep); articles published through the API are never touched. Larger
 * batches load faster (index nodes replaced within one batch never reach KV): the benchmarks load
 * 2,000 short generated articles a request, in date order, as an archive import would.
 */
export async function loadArticles(origin: string | URL, token: string, articles: Article[], prune: boolean, batch = BATCH): Promise<LoadCounts> {
  const total: LoadCounts = { created: 0, updated: 0, unchanged: 0, removed: 0 };
  const keep = articles.map((a) => a.id);
  for (let i = 0; i < articles.length || (i === 0 && prune); i += batch) {
    const last = i + batch >= articles.length;
    const counts = (await call(origin, token, "POST", "/api/v1/admin/content", {
      articles: articles.slice(i, i + batch),
      ...(last && prune && { keep }),
    })) as LoadCounts;
    for (const k of Object.keys(total) as (keyof LoadCounts)[]) total[k] += counts[k];
  }
  return total;
}

/** Re-derives every KV key from the Newsroom. */
export function rebuildReadModel(origin: string | URL, token: string): Promise<unknown> {
  return call(origin, token, "POST", "/api/v1/admin/rebuild");
}

export interface ReadModelReport {
  checked: number;
  missing: string[];
  different: string[];
  pending: number;
}

/** Compares every key of the Newsroom's read model with KV. */
export async function checkReadModel(origin: string | URL, token: string): Promise<ReadModelReport> {
  const report: ReadModelReport = { checked: 0, missing: [], different: [], pending: 0 };
  let after = "";
  for (;;) {
    const page = (await call(origin, token, "GET", `/api/v1/admin/read-model?after=${encodeURIComponent(after)}&limit=500`)) as ReadModelReport & { next: string | null };
    report.checked += page.checked;
    report.missing.push(...page.missing);
    report.different.push(...page.different);
    report.pending = page.pending;
    if (!page.next) return report;
    after = page.next;
  }
}

/** Resolves once KV holds everything the Newsroom committed (the alarm drains a long outbox in batches). */
export async function waitForReadModel(origin: string | URL, token: string, timeoutMs = 30 * 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (((await call(origin, token, "GET", "/api/v1/admin/read-model?limit=1")) as { pending: number }).pending > 0) {
    if (Date.now() > until) throw new Error(`KV still behind the Newsroom after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
