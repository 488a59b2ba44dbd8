/**
 * @module
 * Request handling: host policy, methods, negotiation, then the article and front-page handlers.
 */

import type { Context } from "hono";
import { Hono } from "hono";
import { articleIdFromPath, articlePath } from "./content/paths.ts";
import type { Article } from "./content/schema.ts";
import { readArticle, readIndex, StorageError } from "./content/store.ts";
import { negotiate } from "./http/accept.ts";
import { ARTICLE_CACHE, LISTING_CACHE, MISS_CACHE, NO_STORE, REDIRECT_CACHE } from "./http/cache-control.ts";
import { type HostMatch, type HostTable, matchHost, parseHostTable, redirectStatus, safePath } from "./http/hosts.ts";
import { PROBLEM_TYPE, problemBody } from "./http/problem.ts";
import { COMMON_HEADERS, htmlHeaders, sha256Base64 } from "./http/security.ts";
import { ArticlePage } from "./render/article.tsx";
import { ErrorPage } from "./render/error.tsx";
import { FrontPage } from "./render/front.tsx";
import { renderPage } from "./render/layout.tsx";
import { CSS } from "./render/style.ts";
import { type Kind, OFFERS, type Representation, represent, respond } from "./represent.ts";
import { articleList, articleView, type Site } from "./views.ts";

type AppEnv = { Bindings: Env; Variables: { host: HostMatch; site: Site } };
type Ctx = Context<AppEnv>;

const ALLOW = "GET, HEAD, OPTIONS";

let hostTable: { source: unknown; table: HostTable } | undefined;
function hosts(env: Env): HostTable {
  if (hostTable?.source !== env.HOSTS) hostTable = { source: env.HOSTS, table: parseHostTable(env.CANONICAL_ORIGIN, env.HOSTS) };
  return hostTable.table;
}

let styleHash: Promise<string> | undefined;
async function pageHeaders(c: Ctx, kind: Kind): Promise<Record<string, string>> {
  if (kind === "json") return { ...COMMON_HEADERS };
  styleHash ??= sha256Base64(CSS);
  return htmlHeaders(await styleHash, c.var.host.policy === "canonical");
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

/** An error as `application/problem+json` for API callers, else as an HTML page. */
async function error(c: Ctx, status: ErrorStatus, headers: Record<string, string> = {}): Promise<Response> {
  const [title, detail] = ERRORS[status];
  const wantsJson = negotiate(c.req.header("accept"), [{ type: "text/html" }, { type: "application/problem+json" }, { type: "application/json" }])?.type !== "text/html";
  const cache = status === 404 ? MISS_CACHE : NO_STORE;
  const all = { "Cache-Control": cache, Vary: "Accept", ...headers };
  if (wantsJson) {
    const extra = status === 406 ? { available: OFFERS.map((o) => o.type) } : {};
    return c.body(problemBody({ status, title, detail, ...extra }), status, { ...COMMON_HEADERS, ...all, "Content-Type": PROBLEM_TYPE });
  }
  // Before the host is known (421, bad configuration) the page links only to "/".
  const site = c.get("site") ?? siteFor(c.env, "", "");
  const html = await renderPage(ErrorPage({ status, title, detail, site }));
  return c.body(html, status, { ...htmlHeaders(await (styleHash ??= sha256Base64(CSS)), false), ...all, "Content-Type": "text/html; charset=utf-8" });
}

function siteFor(env: Env, origin: string, canonicalOrigin: string): Site {
  return { name: env.SITE_NAME, addresses: [...env.SITE_ADDRESSES], apps: [...env.SITE_APPS], origin, canonicalOrigin };
}

function redirect(location: string, status: 301 | 308): Response {
  return new Response(null, { status, headers: { Location: location, "Cache-Control": REDIRECT_CACHE, ...COMMON_HEADERS } });
}

/** Negotiates, then builds the representation and answers with the shared headers. */
async function deliver(c: Ctx, cacheControl: string, build: (kind: Kind) => Promise<Representation>): Promise<Response> {
  const offer = negotiate(c.req.header("accept"), OFFERS);
  if (!offer) return error(c, 406);
  const rep = await build(offer.kind);
  const headers: Record<string, string> = { ...(await pageHeaders(c, offer.kind)), "Cache-Control": cacheControl };
  return respond(c.req.raw, rep, headers);
}

export const app = new Hono<AppEnv>();

app.use(async (c, next) => {
  const url = new URL(c.req.url);
  const host = matchHost(url, hosts(c.env));
  if (!host) return error(c, 421);
  if (host.policy === "redirect") {
    let path = safePath(url.pathname);
    const id = articleIdFromPath(path);
    const article = id ? await readArticle(c.env.NEWS, id) : null;
    if (article) path = articlePath(article);
    return redirect(host.origin + path + url.search, redirectStatus(c.req.method));
  }
  c.set("host", host);
  c.set("site", siteFor(c.env, host.origin, hosts(c.env).canonicalOrigin));
  if (c.req.method === "OPTIONS") return c.body(null, 204, { Allow: ALLOW });
  if (c.req.method !== "GET" && c.req.method !== "HEAD") return error(c, 405, { Allow: ALLOW });
  await next();
});

app.get("/", (c) =>
  deliver(c, LISTING_CACHE, async (kind) => {
    const entries = await readIndex(c.env.NEWS);
    const list = articleList(entries, c.var.site);
    const newest = Math.max(0, ...entries.map((e) => Date.parse(e.modified)));
    return represent(kind, list, (l) => FrontPage({ list: l, site: c.var.site }), newest);
  }),
);

app.get("*", async (c) => {
  const id = articleIdFromPath(c.req.path);
  const article: Article | null = id ? await readArticle(c.env.NEWS, id) : null;
  if (!article) return error(c, 404);
  const path = articlePath(article);
  if (c.req.path !== path) {
    const location = (c.var.host.policy === "canonical" ? c.var.host.origin : "") + path + new URL(c.req.url).search;
    return redirect(location, 301);
  }
  const view = articleView(article, c.var.site);
  const response = await deliver(c, ARTICLE_CACHE, (kind) =>
    represent(kind, view, (v) => ArticlePage({ article: v, site: c.var.site }), Date.parse(article.modified)),
  );
  if (c.var.host.policy === "mirror") response.headers.set("Link", `<${view.canonicalUrl}>; rel="canonical"`);
  return response;
});

app.onError((err, c) => {
  const storage = err instanceof StorageError;
  console.error(JSON.stringify({ level: "error", error: err.name, message: err.message, path: c.req.path }));
  return storage ? error(c, 503, { "Retry-After": "30" }) : error(c, 500);
});
