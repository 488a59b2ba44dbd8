/**
 * @module
 * Request handling: host policy, methods, negotiation, then the front page and article handlers.
 * `createApp()` builds a Worker with its own isolate caches (tests make fresh ones).
 */

import type { Context } from "hono";
import { Hono } from "hono";
import { articleIdFromPath, articlePath } from "./content/paths.ts";
import type { Article } from "./content/schema.ts";
import { readArticle, readIndex, StorageError } from "./content/store.ts";
import { createLayers, type Entry, ISOLATE_TTL, type Layer, type Layers, lookup, MISS_TTL, answer } from "./delivery.ts";
import { negotiate } from "./http/accept.ts";
import { ARTICLE_CACHE, LISTING_CACHE, MISS_CACHE, NO_STORE, REDIRECT_CACHE } from "./http/cache-control.ts";
import { type HostMatch, type HostTable, matchHost, parseHostTable, redirectStatus, safePath } from "./http/hosts.ts";
import { LruCache, type Timed } from "./http/lru.ts";
import { PROBLEM_TYPE, problemBody } from "./http/problem.ts";
import { COMMON_HEADERS, htmlHeaders, sha256Base64 } from "./http/security.ts";
import { ArticlePage } from "./render/article.tsx";
import { ErrorPage } from "./render/error.tsx";
import { FrontPage } from "./render/front.tsx";
import { renderPage } from "./render/layout.tsx";
import { CSS } from "./render/style.ts";
import { buildEntry, type Kind, OFFERS } from "./represent.ts";
import { articleList, articleView, type Site } from "./views.ts";

type AppEnv = { Bindings: Env; Variables: { host: HostMatch; site: Site; kind: Kind; layer: Layer } };
type Ctx = Context<AppEnv>;

const ALLOW = "GET, HEAD, OPTIONS";

let hostTable: { source: unknown; table: HostTable } | undefined;
function hosts(env: Env): HostTable {
  if (hostTable?.source !== env.HOSTS) hostTable = { source: env.HOSTS, table: parseHostTable(env.CANONICAL_ORIGIN, env.HOSTS) };
  return hostTable.table;
}

let styleHashMemo: Promise<string> | undefined;
/** The CSP hash of the inline stylesheet, computed once per isolate (not at start-up: no crypto in global scope). */
function styleHash(): Promise<string> {
  return (styleHashMemo ??= sha256Base64(CSS));
}

const ERRORS = {
  404: ["Page not found", "There is no page at this address. It may have been moved or never existed."],
  405: ["Method not allowed", "This address can only be read, with GET or HEAD."],
  406: ["Not acceptable", "This resource is available only as text/html or application/json."],
  421: ["Misdirected request", "This server does not serve the host name the request was sent to."],
  500: ["Internal error", "Something went wrong on our side."],
  503: ["Temporarily unavailable", "The news store did not answer. Please try again shortly."],
} as const;
type ErrorStatus = keyof typeof ERRORS;
const ERROR_OFFERS = [{ type: "text/html" }, { type: "application/problem+json" }, { type: "application/json" }];

/** An error as `application/problem+json` for API callers, else as an HTML page. Nothing from the request is echoed. */
async function error(c: Ctx, status: ErrorStatus, headers: Record<string, string> = {}): Promise<Response> {
  const [title, detail] = ERRORS[status];
  const all = { ...COMMON_HEADERS, "Cache-Control": status === 404 ? MISS_CACHE : NO_STORE, Vary: "Accept", ...headers };
  if (negotiate(c.req.header("accept"), ERROR_OFFERS)?.type !== "text/html") {
    const extra = status === 406 ? { available: OFFERS.map((o) => o.type) } : {};
    return c.body(problemBody({ status, title, detail, ...extra }), status, { ...all, "Content-Type": PROBLEM_TYPE });
  }
  // Before the host is known (421, bad configuration) the page links only to "/".
  const site = c.get("site") ?? siteFor(c.env, "", "");
  const html = await renderPage(ErrorPage({ status, title, detail, site }));
  return c.body(html, status, { ...htmlHeaders(await styleHash(), false), ...all, "Content-Type": "text/html; charset=utf-8" });
}

function siteFor(env: Env, origin: string, canonicalOrigin: string): Site {
  return { name: env.SITE_NAME, addresses: [...env.SITE_ADDRESSES], apps: [...env.SITE_APPS], origin, canonicalOrigin };
}

function redirect(location: string, status: 301 | 308): Response {
  return new Response(null, { status, headers: { Location: location, "Cache-Control": REDIRECT_CACHE, ...COMMON_HEADERS } });
}

function waitUntil(c: Ctx): (p: Promise<unknown>) => void {
  return (p) => {
    try {
      c.executionCtx.waitUntil(p);
    } catch {
      // no execution context (a direct app.fetch call): let the promise run on its own
    }
  };
}

export function createApp(layers: Layers = createLayers()): Hono<AppEnv> {
  const articles = new LruCache<Timed & { article: Article | null }>(1000);

  /** The article record, read from KV at most once per isolate per `ISOLATE_TTL` (`MISS_TTL` for a miss). */
  async function loadArticle(kv: KVNamespace, id: string): Promise<Article | null> {
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
  }

  async function resourceHeaders(c: Ctx, kind: Kind, cacheControl: string): Promise<Record<string, string>> {
    const base = kind === "json" ? { ...COMMON_HEADERS } : htmlHeaders(await styleHash(), c.var.host.policy === "canonical");
    return { ...base, "Cache-Control": cacheControl };
  }

  /** Negotiates, finds the entry through the cache layers, and answers. */
  async function serve(c: Ctx, resource: string, load: (kind: Kind) => Promise<Omit<Entry, "freshUntil"> | null>): Promise<Response | null> {
    const offer = negotiate(c.req.header("accept"), OFFERS);
    if (!offer) return null;
    c.set("kind", offer.kind);
    const key = `${offer.kind} ${c.var.host.origin} ${resource}`;
    const found = await lookup(layers, key, async () => {
      const built = await load(offer.kind);
      return built && { ...built, freshUntil: 0 };
    }, waitUntil(c));
    if (!found) return error(c, 404);
    c.set("layer", found.layer);
    if (c.req.path !== found.entry.path) {
      const location = (c.var.host.policy === "canonical" ? c.var.host.origin : "") + found.entry.path + new URL(c.req.url).search;
      return redirect(location, 301);
    }
    return answer(c.req.raw, found.entry);
  }

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
      let path = safePath(url.pathname);
      const id = articleIdFromPath(path);
      const article = id ? await loadArticle(c.env.NEWS, id) : null;
      if (article) path = articlePath(article);
      return redirect(host.origin + path + url.search, redirectStatus(c.req.method));
    }
    c.set("host", host);
    c.set("site", siteFor(c.env, host.origin, hosts(c.env).canonicalOrigin));
    if (c.req.method === "OPTIONS") return c.body(null, 204, { Allow: ALLOW });
    if (c.req.method !== "GET" && c.req.method !== "HEAD") return error(c, 405, { Allow: ALLOW });
    await next();
  });

  app.get("/", async (c) => {
    const res = await serve(c, "/", async (kind) => {
      const entries = await readIndex(c.env.NEWS);
      const list = articleList(entries, c.var.site);
      const newest = Math.max(0, ...entries.map((e) => Date.parse(e.modified)));
      return buildEntry({
        kind,
        view: list,
        page: (l) => FrontPage({ list: l, site: c.var.site }),
        lastModified: newest,
        path: "/",
        headers: await resourceHeaders(c, kind, LISTING_CACHE),
      });
    });
    return res ?? error(c, 406);
  });

  app.get("*", async (c) => {
    const id = articleIdFromPath(c.req.path);
    if (!id) return error(c, 404);
    const res = await serve(c, id, async (kind) => {
      const article = await loadArticle(c.env.NEWS, id);
      if (!article) return null;
      const view = articleView(article, c.var.site);
      const headers = await resourceHeaders(c, kind, ARTICLE_CACHE);
      if (c.var.host.policy === "mirror") headers.Link = `<${view.canonicalUrl}>; rel="canonical"`;
      return buildEntry({
        kind,
        view,
        page: (v) => ArticlePage({ article: v, site: c.var.site }),
        lastModified: Date.parse(article.modified),
        path: articlePath(article),
        headers,
      });
    });
    if (res) return res;
    // Nothing acceptable: 406 for an article that exists, 404 otherwise.
    return error(c, (await loadArticle(c.env.NEWS, id)) ? 406 : 404);
  });

  app.onError((err, c) => {
    console.error(JSON.stringify({ level: "error", error: err.name, message: err.message, path: c.req.path.slice(0, 200) }));
    return err instanceof StorageError ? error(c, 503, { "Retry-After": "30" }) : error(c, 500);
  });

  return app;
}

export const app = createApp();
