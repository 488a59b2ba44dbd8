/**
 * @module
 * The Worker: request log, host policy, methods and CORS preflight, then the routes. `createApp()`
 * builds one with its own isolate caches (the tests make fresh ones).
 */

import { Hono } from "hono";
import { scopesOf } from "./content/listing.ts";
import { articleIdFromPath, articlePath } from "./content/paths.ts";
import type { Article } from "./content/schema.ts";
import { StorageError } from "./content/kv.ts";
import { readArticle } from "./content/store.ts";
import { createLayers, edgeKeyOf, ISOLATE_TTL, type Layers, MISS_TTL } from "./delivery.ts";
import { isPreflight, preflight } from "./http/cors.ts";
import { matchHost, normalizePath, redirectStatus, safePath } from "./http/hosts.ts";
import { LruCache, type Timed } from "./http/lru.ts";
import { apiRoutes } from "./routes/api.ts";
import { feedRoutes } from "./routes/feeds.ts";
import { pageRoutes } from "./routes/pages.ts";
import { type AppEnv, error, hosts, redirect, type Services, siteFor } from "./routes/shared.ts";

const PUBLISH_PATH = /^\/api\/v1\/articles\/[^/]+$/;

/** The methods a path supports (RFC 9110 §10.2.1 `Allow`). */
export function allowed(path: string): string {
  return PUBLISH_PATH.test(path) ? "GET, HEAD, OPTIONS, PUT, DELETE" : "GET, HEAD, OPTIONS";
}

export function createApp(layers: Layers = createLayers()): Hono<AppEnv> {
  const articles = new LruCache<Timed & { article: Article | null }>(1000);

  const services: Services = {
    layers,
    /** KV is read at most once per article per isolate per `ISOLATE_TTL` (`MISS_TTL` for a miss). */
    async loadArticle(kv, id) {
      const now = Date.now();
      const hit = articles.get(id);
      if (hit && hit.freshUntil > now) return hit.article;
      try {
        const article = await readArticle(kv, id);
        articles.set(id, { article, freshUntil: now + (article ? ISOLATE_TTL : MISS_TTL) });
        return article;
      } catch (err) {
        if (hit?.article) return hit.article;
        throw err;
      }
    },
    async invalidate(c, id) {
      const previous = articles.get(id)?.article;
      articles.clear();
      layers.isolate.clear();
      if (!layers.edge) return;
      // Other locations keep their copies until EDGE_TTL; here, drop what a reader is likely to ask for.
      const origin = hosts(c.env).canonicalOrigin;
      const keys = ["html", "json"].map((kind) => `${kind} ${origin} article ${id}`);
      for (const scope of previous ? scopesOf(previous.section) : ["all"]) for (const kind of ["html", "json"]) keys.push(`${kind} ${origin} list ${scope} 1`);
      await Promise.all(keys.map((k) => layers.edge!.delete(edgeKeyOf(k))));
    },
  };

  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    const started = Date.now();
    await next();
    if (c.env.REQUEST_LOG !== "on") return;
    console.log(
      JSON.stringify({
        method: c.req.method,
        path: c.req.path.slice(0, 200),
        status: c.res.status,
        representation: c.get("kind") ?? null,
        cache: c.get("layer") ?? null,
        ms: Date.now() - started,
      }),
    );
  });

  app.use(async (c, next) => {
    const url = new URL(c.req.url);
    const host = matchHost(url, hosts(c.env));
    if (!host) return error(c, 421);
    if (host.policy === "redirect") {
      let path = safePath(normalizePath(url.pathname));
      const id = articleIdFromPath(path);
      const article = id ? await services.loadArticle(c.env.NEWS, id) : null;
      if (article) path = articlePath(article);
      return redirect(host.origin + path + url.search, redirectStatus(c.req.method));
    }
    c.set("url", url);
    c.set("host", host);
    c.set("site", siteFor(c.env, host.origin, hosts(c.env).canonicalOrigin));
    c.set("services", services);
    const allow = allowed(c.req.path);
    if (c.req.method === "OPTIONS") {
      const cors = isPreflight(c.req.raw.headers) ? preflight(c.req.raw.headers) : null;
      return c.body(null, 204, { Allow: allow, ...cors });
    }
    if (!allow.split(", ").includes(c.req.method)) return error(c, 405, { Allow: allow });
    await next();
  });

  apiRoutes(app);
  feedRoutes(app);
  pageRoutes(app);

  app.onError((err, c) => {
    console.error(JSON.stringify({ level: "error", error: err.name, message: err.message, path: c.req.path.slice(0, 200) }));
    return err instanceof StorageError ? error(c, 503, { "Retry-After": "30" }) : error(c, 500);
  });

  return app;
}

export const app = createApp();
