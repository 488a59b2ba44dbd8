/**
 * @module
 * What every route uses: the Hono context type, configuration read once per isolate, errors,
 * redirects, and `serve`, which runs a resource through the cache layers.
 */

import type { Context } from "hono";
import type { Article } from "../content/schema.ts";
import { ANY_DEP, SEARCH_DEP } from "../cache/purge.ts";
import { recordKeys } from "../content/kv.ts";
import type { PageReads } from "../content/memo.ts";
import { answer, cacheKey, type Entry, type Layer, type Layers, lookup } from "../delivery.ts";
import { negotiateCached } from "../http/accept.ts";
import { CONTENT_REDIRECT_CACHE, MISS_CACHE, NO_STORE, REDIRECT_CACHE } from "../http/cache-control.ts";
import { type HostMatch, type HostTable, parseHostTable } from "../http/hosts.ts";
import { PROBLEM_TYPE, problemBody } from "../http/problem.ts";
import { CORS_HEADERS } from "../http/cors.ts";
import { contentSignal } from "../http/content-signal.ts";
import { COMMON_HEADERS, htmlHeaders } from "../http/security.ts";
import { ErrorPage } from "../render/error.tsx";
import { navSections } from "../render/chrome.tsx";
import { renderPage } from "../render/layout.tsx";
import { stylesheet, UNSTYLED } from "../render/stylesheet.ts";
import { type EntryData, type EntrySpec, type Kind, OFFERS } from "../represent.ts";
import type { Site } from "../views.ts";
import { appLinks } from "../http/applinks.ts";

export interface Services {
  layers: Layers;
  /** The article record, from the isolate's memory or KV. */
  loadArticle(kv: KVNamespace, id: string): Promise<Article | null>;
  /** The sections document and listing heads the pages' menus and blocks show, from memory or KV. */
  reads: PageReads;
  /**
   * After a write: forgets every copy in this isolate, and purges this location's Cache API copies
   * built from the KV keys it changed (every variant, on every host: cache/purge.ts). Other isolates'
   * copies expire within their TTL.
   */
  forget(keys: readonly string[]): Promise<void>;
  /** Forgets every copy in this isolate (the Cache API's are purged by `forget`, once KV has the change). */
  forgetHere(): void;
}

export type AppEnv = {
  Bindings: Env;
  /** `url` is the request URL, parsed once. */
  Variables: { url: URL; host: HostMatch; policy: HostMatch["policy"]; site: Site; kind: Kind; layer: Layer; services: Services };
};
export type Ctx = Context<AppEnv>;

let hostTable: { source: unknown; table: HostTable } | undefined;
/** The host table, parsed once per isolate (again only if the configuration object changes). */
export function hosts(env: Env): HostTable {
  if (hostTable?.source !== env.HOSTS) hostTable = { source: env.HOSTS, table: parseHostTable(env.CANONICAL_ORIGIN, env.HOSTS) };
  return hostTable.table;
}

/** `SITE_APPS` entries: a name, or `{ name, url }` with an https URL (anything else is shown as its name only). */
export function appsOf(config: readonly unknown[]): Site["apps"] {
  return config.flatMap((a) => {
    if (typeof a === "string") return [{ name: a }];
    const { name, url } = (a ?? {}) as { name?: unknown; url?: unknown };
    if (typeof name !== "string" || !name) return [];
    return [{ name, ...(typeof url === "string" && /^https:\/\/[^\s"<>]+$/.test(url) && { url }) }];
  });
}

const sites = new Map<string, { source: Env; site: Site }>();
/** The site as seen from one origin; built once per origin per isolate. */
export function siteFor(env: Env, origin: string, canonicalOrigin: string): Site {
  const known = sites.get(origin);
  if (known?.source === env && known.site.canonicalOrigin === canonicalOrigin) return known.site;
  const appStoreId = appLinks(env).iosStoreId;
  const site: Site = {
    name: env.SITE_NAME,
    addresses: [...env.SITE_ADDRESSES],
    apps: appsOf(env.SITE_APPS),
    origin,
    canonicalOrigin,
    language: env.SITE_LANGUAGE || "en",
    ...(/^https:\/\/\S+$/.test(env.SITE_LOGO ?? "") && { logo: env.SITE_LOGO }),
    ...(appStoreId && { appStoreId }),
  };
  if (sites.size > 100) sites.clear();
  sites.set(origin, { source: env, site });
  return site;
}

// [status phrase: the problem `title` (RFC 9457 §4.2.1, with type "about:blank"), the HTML page's heading, detail]
const ERRORS = {
  400: ["Bad Request", "Bad request", "The request could not be understood."],
  401: ["Unauthorized", "Unauthorized", "A valid bearer token is required."],
  404: ["Not Found", "Page not found", "There is no page at this address. It may have been moved or never existed."],
  405: ["Method Not Allowed", "Method not allowed", "This method is not supported at this address."],
  410: ["Gone", "Gone", "This resource is no longer available."],
  429: ["Too Many Requests", "Too many requests", "Too many requests from this client; try again after Retry-After seconds."],
  412: ["Precondition Failed", "Precondition failed", "The article has changed since the version the request names (If-Match), or already exists (If-None-Match: *); nothing was changed."],
  406: ["Not Acceptable", "Not acceptable", "This resource is not available in any media type the request accepts; see available."],
  413: ["Content Too Large", "Content too large", "The request body is larger than this endpoint accepts."],
  415: ["Unsupported Media Type", "Unsupported media type", "The request body must be application/json."],
  421: ["Misdirected Request", "Misdirected request", "This server does not serve the host name the request was sent to."],
  422: ["Unprocessable Content", "Invalid article", "The article does not match the schema; see errors."],
  500: ["Internal Server Error", "Internal error", "Something went wrong on our side."],
  503: ["Service Unavailable", "Temporarily unavailable", "The news store did not answer. Please try again shortly."],
} as const;
export type ErrorStatus = keyof typeof ERRORS;
const ERROR_OFFERS = [{ type: "text/html" }, { type: "application/problem+json" }, { type: "application/json" }];

/**
 * An error as `application/problem+json` (RFC 9457) for API callers, else as an HTML page.
 * Titles and details are fixed per status; `extra` carries structured members such as `errors`.
 */
export async function error(
  c: Ctx,
  status: ErrorStatus,
  headers: Record<string, string> = {},
  extra: Record<string, unknown> = {},
  detail: string = ERRORS[status][2],
): Promise<Response> {
  const [title, heading] = ERRORS[status];
  const api = c.req.path.startsWith("/api/");
  if (status === 406) extra = { available: api ? ["application/json"] : OFFERS.map((o) => o.type), ...extra };
  const all = { ...COMMON_HEADERS, "Cache-Control": status === 404 ? MISS_CACHE : NO_STORE, Vary: "Accept", ...headers };
  if (api || negotiateCached(c.req.header("accept"), ERROR_OFFERS)?.type !== "text/html") {
    return c.body(problemBody({ status, title, detail, ...extra }), status, { ...all, ...CORS_HEADERS, "Content-Type": PROBLEM_TYPE });
  }
  // Before the host is known (421, bad configuration) the page links only to "/".
  const site = c.get("site") ?? siteFor(c.env, "", "");
  // The menu as this isolate knows it: an error page never waits for KV (which may be why it is one).
  const nav = { sections: navSections(c.get("services")?.reads.knownSections() ?? null) };
  // Nor on the stylesheet: without it the page is plain, but it still says what went wrong.
  const style = await stylesheet(c.env.ASSETS).catch(() => UNSTYLED);
  const html = await renderPage(ErrorPage({ status, title: heading, detail, site, nav }), style.css);
  return c.body(html, status, { ...htmlHeaders(style.hash, false), ...all, "Content-Type": "text/html; charset=utf-8" });
}

/** A redirect; `Access-Control-Allow-Origin` so cross-origin apps may follow it (the Fetch standard checks redirects too). */
export function redirect(location: string, status: 301 | 308, cacheControl: string = REDIRECT_CACHE): Response {
  return new Response(null, {
    status,
    headers: { Location: location, "Cache-Control": cacheControl, ...COMMON_HEADERS, "Access-Control-Allow-Origin": "*" },
  });
}

/**
 * A same-resource redirect: absolute on the canonical host, root-relative (so it stays on the host)
 * on a mirror. The query string is kept unless `path` carries its own (`keepQuery` false).
 */
export function toCanonicalPath(c: Ctx, path: string, keepQuery = true): Response {
  const base = c.var.host.policy === "canonical" ? c.var.host.origin : "";
  return redirect(base + path + (keepQuery ? c.var.url.search : ""), 301, CONTENT_REDIRECT_CACHE);
}

function waitUntil(c: Ctx): (p: Promise<unknown>) => void {
  return (p) => {
    try {
      c.executionCtx.waitUntil(p);
    } catch {
      // no execution context (a direct app.fetch call): the promise runs on its own
    }
  };
}

export interface Resource {
  /** Identifies the resource within this host's origin, e.g. `article 100001` or `list all 2`. */
  key: string;
  /** A variant beyond the origin, e.g. the negotiated kind or `rss`. */
  variant: string;
  build: () => Promise<EntryData | null>;
  /**
   * False when `build` uses data from elsewhere than KV and the deploy itself (static assets and
   * code change only with a deploy, which `RENEW_MAX_MS` bounds): the Newsroom's search results.
   * No key then records what the entry rests on, and it is rebuilt once its TTL ends.
   */
  renewable?: false;
  /** Built from the Newsroom's search index, not KV: purged by any article's change (cache/purge.ts `SEARCH_DEP`). */
  searched?: true;
}

/**
 * Runs a resource through the cache layers and answers: 404 when it does not exist, a redirect when
 * the request used another path than the resource's canonical one, else 200 or 304.
 */
export async function serve(c: Ctx, resource: Resource): Promise<Response> {
  const key = cacheKey(resource.variant, c.var.host.origin, resource.key);
  const renewable = resource.renewable !== false;
  const found = await lookup(
    c.var.services.layers,
    key,
    async () => {
      const builtAt = Date.now();
      const { value: built, keys, failed } = await recordKeys(resource.build);
      // Built on a fallback after a failed read: not what KV holds, so never renewed, and purged by any write.
      const deps = failed ? [ANY_DEP] : resource.searched ? [SEARCH_DEP, ...keys] : keys;
      return built && ({ ...built, freshUntil: 0, builtAt, deps, ...(renewable && !failed && { keys }) } satisfies Entry);
    },
    waitUntil(c),
    async (entry) => renewable && entry.keys !== undefined && entry.builtAt !== undefined && c.var.services.reads.renewable(c.env.NEWS, entry.keys, entry.builtAt),
  );
  if (!found) return error(c, 404);
  c.set("layer", found.layer);
  // Compared with the path exactly as sent, so an encoded or otherwise different spelling is redirected.
  if (c.var.url.pathname !== found.entry.path) return toCanonicalPath(c, found.entry.path);
  return answer(c.req.raw, found.entry);
}

/** The negotiated kind, or null when the client accepts neither HTML nor JSON. */
export function negotiated(c: Ctx): Kind | null {
  const offer = negotiateCached(c.req.header("accept"), OFFERS);
  if (offer) c.set("kind", offer.kind);
  return offer?.kind ?? null;
}

/** Headers of a document for machines (JSON, feeds, sitemaps): readable from any origin. */
export function dataHeaders(cacheControl: string): Record<string, string> {
  return { ...COMMON_HEADERS, ...CORS_HEADERS, "Cache-Control": cacheControl };
}

/** Headers of a document for agents (Markdown, llms.txt): a machine document with the publisher's Content-Signal. */
export function agentHeaders(env: Env, cacheControl: string): Record<string, string> {
  const signal = contentSignal(env.CONTENT_SIGNAL);
  return { ...dataHeaders(cacheControl), ...(signal && { "Content-Signal": signal }) };
}

/**
 * Headers of an HTML page, a JSON or a Markdown document, before the bytes are known; for a page,
 * also the stylesheet it inlines, which its Content-Security-Policy allows.
 */
export async function kindSpec(c: Ctx, kind: Kind, cacheControl: string): Promise<Pick<EntrySpec, "headers" | "css">> {
  if (kind === "json") return { headers: dataHeaders(cacheControl) };
  if (kind === "markdown") return { headers: agentHeaders(c.env, cacheControl) };
  const { css, hash } = await stylesheet(c.env.ASSETS);
  return { headers: { ...htmlHeaders(hash, c.var.host.policy === "canonical"), "Cache-Control": cacheControl }, css };
}

const JSON_ONLY = [{ type: "application/json" }];

/** Whether the client accepts JSON (the API's one type); records the representation for the log. */
export function acceptsJson(c: Ctx): boolean {
  const ok = negotiateCached(c.req.header("accept"), JSON_ONLY) !== null;
  if (ok) c.set("kind", "json");
  return ok;
}
