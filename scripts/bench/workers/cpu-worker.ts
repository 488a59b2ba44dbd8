/**
 * @module
 * CPU probe, run on workerd by bench.ts. Each endpoint repeats one piece of work `n` times inside a
 * single request and reports milliseconds per iteration from `performance.now()`.
 *
 * Why this is valid here and not in production: deployed Workers stop the clock between I/O (Spectre
 * mitigation), but local workerd advances `performance.now()` (= `Date.now()`, 1 ms steps) while
 * JavaScript runs. `/clock` shows that on this runtime before bench.ts trusts it, and bench.ts
 * cross-checks the result against Node's clock from outside (sequential requests with and without
 * the work). With no I/O inside the loop, elapsed wall time is the isolate's CPU time plus whatever
 * the OS steals; the minimum over batches is the best estimate of CPU.
 *
 * The work endpoints take `n` (iterations per batch), `batches`, and `warmup` (iterations run first,
 * so the batches measure code the JIT has optimized, as in a busy isolate; the hot path needs about
 * 10 000 requests before its cost halves).
 *
 *   /clock                          does the clock move during synchronous work, and in what steps
 *   /cold?kind=html|json            what a cache miss costs after the KV read: JSON.parse, validate,
 *                                   view, serialize (render or stringify), encode, SHA-256 ETag —
 *                                   the steps of src/reader/views/represent.ts, written out here so this probe
 *                                   does not follow that module's internal API
 *   /hot?kind=html|json|304&path[&log=off]
 *                                   the whole service (src/reader/reader-worker.ts) answering a repeated request
 *                                   in this isolate, after one warm-up request; includes any I/O the
 *                                   path awaits (KV, Cache API) as wall time. `log=off` runs it with
 *                                   without the METRICS binding to show what the data point costs
 */

import { validateArticle } from "../../../src/shared/model/schema.ts";
import service from "../../../src/reader/reader-worker.ts";
import { ArticlePage } from "../../../src/reader/render/article.tsx";
import { renderPage } from "../../../src/reader/render/layout.tsx";
import { stylesheet } from "../../../src/reader/render/stylesheet.ts";
import { articleView } from "../../../src/reader/views/views.ts";
import { addressesOf, appsOf, type Site } from "../../../src/reader/site/config.ts";

const SEED_KEY = "v1:article:100001";
const ACCEPT: Record<string, string> = { html: "text/html", json: "application/json", "304": "text/html" };

interface Timing {
  n: number;
  /** Iterations run first and timed as one, so the batches see code the JIT has optimized. */
  warmup: number;
  warmupMs: number;
  /** Milliseconds per iteration, one per batch. */
  batches: number[];
  min: number;
  median: number;
}

async function timed(n: number, batches: number, warmup: number, work: () => Promise<unknown>): Promise<Timing> {
  const w0 = performance.now();
  for (let i = 0; i < warmup; i++) await work();
  const warmupMs = warmup ? (performance.now() - w0) / warmup : 0;
  const per: number[] = [];
  for (let b = 0; b < batches; b++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await work();
    per.push((performance.now() - t0) / n);
  }
  const sorted = [...per].sort((a, b) => a - b);
  return { n, warmup, warmupMs, batches: per, min: sorted[0], median: sorted[Math.floor(sorted.length / 2)] };
}

function clock(): { advances: boolean; stepMs: number; spinMs: number } {
  const t0 = performance.now();
  let x = 0;
  for (let i = 0; i < 2e7; i++) x += i & 1;
  const spinMs = performance.now() - t0 + (x & 0);
  let a = performance.now();
  let b = a;
  while (b === a && performance.now() - t0 < 1000) b = performance.now();
  return { advances: spinMs > 0, stepMs: b - a, spinMs };
}

function site(env: Env, origin: string): Site {
  return {
    name: env.SITE_NAME,
    addresses: addressesOf(env.SITE_ADDRESSES),
    apps: appsOf(env.SITE_APPS),
    origin,
    canonicalOrigin: env.CANONICAL_ORIGIN,
    language: env.SITE_LANGUAGE,
  };
}

let firstRender: number | undefined;

const encoder = new TextEncoder();

async function cold(env: Env, origin: string, kind: "html" | "json", n: number, batches: number, warmup: number) {
  const stored = await env.NEWS.get(SEED_KEY, "text");
  if (stored === null) throw new Error(`${SEED_KEY} is not in KV`);
  const s = site(env, origin);
  // Read once per isolate, as the service does.
  const { css } = await stylesheet(env.ASSETS);
  const once = async () => {
    const checked = validateArticle(JSON.parse(stored));
    if (!checked.ok) throw new Error("seed article does not validate");
    const view = articleView(checked.value, s);
    const text = kind === "json" ? JSON.stringify(view) : await renderPage(ArticlePage({ article: view, site: s }), css);
    return crypto.subtle.digest("SHA-256", encoder.encode(text));
  };
  let first: number | undefined;
  if (firstRender === undefined && kind === "html") {
    const t0 = performance.now();
    await once();
    first = firstRender = performance.now() - t0;
  }
  return { ...(await timed(n, batches, warmup, once)), firstInIsolateMs: first };
}

async function hot(env: Env, ctx: ExecutionContext, origin: string, kind: string, path: string, n: number, batches: number, warmup: number, log: boolean) {
  const url = origin + path;
  if (!log) env = { ...env, METRICS: undefined as unknown as AnalyticsEngineDataset };
  const headers: Record<string, string> = { accept: ACCEPT[kind] };
  const warm = await service.fetch(new Request(url, { headers }), env, ctx);
  const etag = warm.headers.get("etag");
  if (warm.status !== 200 || !etag) throw new Error(`warm-up request answered ${warm.status}`);
  await warm.arrayBuffer();
  if (kind === "304") headers["if-none-match"] = etag;
  const expected = kind === "304" ? 304 : 200;
  return timed(n, batches, warmup, async () => {
    const res = await service.fetch(new Request(url, { headers }), env, ctx);
    if (res.status !== expected) throw new Error(`hot ${kind} answered ${res.status}`);
    await res.arrayBuffer();
  });
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(request.url);
    const q = url.searchParams;
    const n = Math.max(0, Math.min(100_000, Number(q.get("n") ?? 100)));
    const batches = Math.max(1, Math.min(100, Number(q.get("batches") ?? 5)));
    const warmup = Math.max(0, Math.min(100_000, Number(q.get("warmup") ?? 0)));
    const kind = q.get("kind") ?? "html";
    try {
      if (url.pathname === "/clock") return Response.json(clock());
      if (url.pathname === "/cold" && (kind === "html" || kind === "json")) return Response.json(await cold(env, url.origin, kind, n, batches, warmup));
      if (url.pathname === "/hot" && kind in ACCEPT)
        return Response.json(await hot(env, ctx, url.origin, kind, q.get("path") ?? "/", n, batches, warmup, q.get("log") !== "off"));
      return new Response("not found\n", { status: 404 });
    } catch (e) {
      return Response.json({ error: String(e) }, { status: 500 });
    }
  },
};
