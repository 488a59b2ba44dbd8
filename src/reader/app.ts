/**
 * @module
 * The Worker: request metrics, host policy, methods and CORS preflight, then the routes. `createApp()`
 * builds one with its own isolate caches and memory of desk sessions (the tests make fresh ones).
 */

// hono/tiny: the same Hono with PatternRouter alone (one RegExp per route) instead of SmartRouter's
// RegExpRouter + TrieRouter pair: 2.4 KiB less gzipped, for the few dozen routes here.
import { Hono } from "hono/tiny";
import { CONTENT_REDIRECT_CACHE, REDIRECT_CACHE } from "../shared/freshness/policy.ts";
import { resourceKey } from "../shared/freshness/resources.ts";
import { oldPathOf } from "../shared/model/old-paths.ts";
import { articleIdFromPath, articlePath } from "../shared/model/paths.ts";
import type { SessionMemo } from "./auth/session-check.ts";
import { answer, cacheKey, createLayers, type Layers } from "./cache/layers.ts";
import { createServices } from "./cache/services.ts";
import { negotiateCached } from "./http/accept.ts";
import { isPreflight, preflight } from "./http/cors.ts";
import { secured } from "./http/security.ts";
import { record } from "./metrics.ts";
import { countReads, StorageError } from "./read/kv.ts";
import { readOldPath, sectionSpelling } from "./read/store.ts";
import { error, redirect } from "./routes/answers.ts";
import type { AppEnv } from "./routes/context.ts";
import { sectionScope } from "./routes/pages.ts";
import { allowedMethods, ROUTES } from "./routes/table.ts";
import { hosts, siteFor } from "./site/config.ts";
import { type HostMatch, type HostTable, matchHost, normalizePath, redirectStatus, safePath } from "./site/hosts.ts";
import { OFFERS } from "./views/represent.ts";

/** The front page's key, made once (the hot path asks for it on every request to `/`). */
const FRONT_PAGE = resourceKey({ type: "listing", scope: "all", page: 1 });

export interface Worker {
  fetch(request: Request, env: Env, ctx?: ExecutionContext): Response | Promise<Response>;
}

export function createApp(layers: Layers = createLayers({ channel: true }), sessions?: SessionMemo): Worker {
  const services = createServices(layers, sessions);
  const reads = services.reads;

  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    const reads = { n: 0, learned: layers.learned };
    await countReads(reads, next);
    record(c.env, {
      kvReads: reads.n,
      method: c.req.method,
      status: c.res.status,
      representation: c.get("kind") ?? null,
      layer: c.get("layer") ?? null,
      policy: c.get("policy") ?? null,
      channel: services.channel?.state,
    });
  });

  // Strict-Transport-Security on whatever the canonical host answers, set as it leaves (security.ts).
  app.use(async (c, next) => {
    await next();
    secured(c.res, c.get("policy"));
  });

  app.use(async (c, next) => {
    const url = new URL(c.req.url);
    c.set("url", url);
    const host = hostOf(url, hosts(c.env));
    if (!host) return error(c, 421);
    c.set("policy", host.policy);
    if (host.policy === "redirect") {
      // No canonical path but "/" ends in "/" (the canonical host redirects `/rss.xml/` to `/rss.xml`):
      // dropped here, so the reader gets there in one hop.
      let path = safePath(normalizePath(url.pathname)).replace(/(.)\/+$/, "$1");
      const id = articleIdFromPath(path);
      // Straight to the canonical path when the article is known; with KV down, to the path as sent.
      const article = id ? await services.reads.article(c.env.NEWS, id).catch(() => null) : null;
      if (article) path = articlePath(article);
      // Likewise a section path in another case (`/news/iran` → `/News/Iran`), so one hop suffices.
      const scope = article ? undefined : sectionScope(path);
      const section = scope
        ? await reads.nav(c.env.NEWS).then(
            (doc) => sectionSpelling(doc, scope),
            () => undefined,
          )
        : undefined;
      if (section) path = `/${section}`;
      // And an imported archive's old path (`/?p=123`) straight to where it moved, without its old query.
      const old = article || section ? undefined : oldPathOf(path, url.search);
      const to = old ? await readOldPath(c.env.NEWS, old).catch(() => null) : null;
      if (to) return redirect(host.origin + to, redirectStatus(c.req.method), CONTENT_REDIRECT_CACHE);
      // Only a redirect that content decides (an article's path, a section's spelling) is kept briefly.
      const moved = article || (section && section !== scope);
      return redirect(host.origin + path + url.search, redirectStatus(c.req.method), moved ? CONTENT_REDIRECT_CACHE : REDIRECT_CACHE);
    }
    c.set("host", host);
    c.set("site", siteFor(c.env, host.origin, hosts(c.env).canonicalOrigin));
    c.set("services", services);
    const allow = allowedMethods(c.req.path);
    if (c.req.method === "OPTIONS") {
      const cors = isPreflight(c.req.raw.headers) ? preflight(c.req.raw.headers) : null;
      return c.body(null, 204, { Allow: allow, ...cors });
    }
    if (!allow.split(", ").includes(c.req.method)) return error(c, 405, { Allow: allow });
    await next();
  });

  for (const route of ROUTES) app.on(route.method, route.path, route.handler);

  app.onError((err, c) => {
    console.error(JSON.stringify({ level: "error", error: err.name, message: err.message, path: c.req.path.slice(0, 200) }));
    return err instanceof StorageError ? error(c, 503, { "Retry-After": "30" }) : error(c, 500);
  });

  const matched = new WeakMap<HostTable, Map<string, HostMatch | undefined>>();
  function hostOf(url: URL, table: HostTable): HostMatch | undefined {
    let known = matched.get(table);
    if (!known) matched.set(table, (known = new Map()));
    const key = url.protocol + url.host;
    if (known.has(key)) return known.get(key);
    const host = matchHost(url, table);
    if (known.size >= 100) known.clear();
    known.set(key, host);
    return host;
  }

  /**
   * The hot path: a GET or HEAD for an article or the front page whose finished entry is fresh in
   * this isolate is answered here, without the router. It computes the same key as `serve()` and
   * answers only what `serve()` would answer the same way; anything else goes through the app.
   */
  function hot(request: Request, env: Env): Response | undefined {
    if (request.method !== "GET" && request.method !== "HEAD") return undefined;
    const url = new URL(request.url);
    let table: HostTable;
    try {
      table = hosts(env);
    } catch {
      return undefined; // a bad configuration: the app answers it with a problem response
    }
    const host = hostOf(url, table);
    if (!host || host.policy === "redirect") return undefined;
    const id = articleIdFromPath(url.pathname);
    const resource = id ? resourceKey({ type: "article", id }) : url.pathname === "/" && url.search === "" ? FRONT_PAGE : undefined;
    const kind = resource && negotiateCached(request.headers.get("accept"), OFFERS)?.kind;
    if (!kind) return undefined;
    const entry = layers.isolate.get(cacheKey(kind, host.origin, resource));
    if (!entry || entry.freshUntil <= Date.now() || entry.path !== url.pathname) return undefined;
    const response = secured(answer(request, entry), host.policy);
    const facts = { method: request.method, status: response.status, representation: kind, layer: "isolate", policy: host.policy, kvReads: 0 } as const;
    record(env, { ...facts, channel: services.channel?.state });
    return response;
  }

  return {
    fetch: (request, env, ctx) => {
      const first = services.listen(env, ctx);
      // Only a read waits for its isolate to catch up: a write's truth is the Newsroom's, which checks it as it commits.
      if (first && (request.method === "GET" || request.method === "HEAD")) return first.then(() => hot(request, env) ?? app.fetch(request, env, ctx));
      return hot(request, env) ?? app.fetch(request, env, ctx);
    },
  };
}

/**
 * The deployed Worker. Its app (routes, caches) is built on the first request, not at start-up:
 * module evaluation is part of a cold start's CPU (start-up budget 5 ms, docs/benchmarks.md).
 */
let app: Worker | undefined;
export const worker: Worker = {
  fetch: (request, env, ctx) => (app ??= createApp()).fetch(request, env, ctx),
};
