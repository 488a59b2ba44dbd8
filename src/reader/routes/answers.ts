/**
 * @module
 * The answers any route may give besides its own: errors, as `application/problem+json` (RFC 9457)
 * for API callers and an HTML page for readers, and redirects.
 */

import { CONTENT_REDIRECT_CACHE, GONE_CACHE, MISS_CACHE, NO_STORE, REDIRECT_CACHE } from "../../shared/freshness/policy.ts";
import { negotiateCached } from "../http/accept.ts";
import { CORS_HEADERS } from "../http/cors.ts";
import { PROBLEM_TYPE, problemBody } from "../http/problem.ts";
import { COMMON_HEADERS, htmlHeaders } from "../http/security.ts";
import { navSections } from "../render/chrome.tsx";
import { liveBanner } from "../../shared/model/banner.ts";
import { ErrorPage } from "../render/error.tsx";
import { renderPage } from "../render/layout.tsx";
import { stylesheet, UNSTYLED } from "../render/stylesheet.ts";
import { siteFor } from "../site/config.ts";
import { namedTree } from "../site/section-names.ts";
import { type EntryData, type Kind, OFFERS } from "../views/represent.ts";
import type { Ctx } from "./context.ts";

// [status phrase: the problem `title` (RFC 9457 §4.2.1, with type "about:blank"), the HTML page's heading, detail]
const ERRORS = {
  400: ["Bad Request", "Bad request", "The request could not be understood."],
  401: ["Unauthorized", "Unauthorized", "A valid bearer token is required."],
  403: ["Forbidden", "Forbidden", "This editor's role does not allow this."],
  404: ["Not Found", "Page not found", "There is no page at this address. It may have been moved or never existed."],
  405: ["Method Not Allowed", "Method not allowed", "This method is not supported at this address."],
  409: ["Conflict", "Conflict", "The request conflicts with what is stored; see detail."],
  // A removed article (the one HTML 410; the change feed's 410 for an old cursor has a detail of its own).
  410: ["Gone", "Article removed", "This article was removed by its publisher and is no longer available."],
  429: ["Too Many Requests", "Too many requests", "Too many requests from this client; try again after Retry-After seconds."],
  412: [
    "Precondition Failed",
    "Precondition failed",
    "The article has changed since the version the request names (If-Match), or already exists (If-None-Match: *); nothing was changed.",
  ],
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
  // The HTML page or a problem, when the caller has decided (a cached 410's representation); else by `Accept`.
  html = !c.req.path.startsWith("/api/") && negotiateCached(c.req.header("accept"), ERROR_OFFERS)?.type === "text/html",
): Promise<Response> {
  const [title, heading] = ERRORS[status];
  const api = c.req.path.startsWith("/api/");
  if (status === 406) extra = { available: api ? ["application/json"] : OFFERS.map((o) => o.type), ...extra };
  const all = { ...COMMON_HEADERS, "Cache-Control": status === 404 ? MISS_CACHE : NO_STORE, Vary: "Accept", ...headers };
  if (!html) return c.body(problemBody({ status, title, detail, ...extra }), status, { ...all, ...CORS_HEADERS, "Content-Type": PROBLEM_TYPE });
  // Before the host is known (421, bad configuration) the page links only to "/".
  const site = c.get("site") ?? siteFor(c.env, "", "");
  // The menu as this isolate knows it: an error page never waits for KV for it (which may be why it is one). The
  // breaking-news banner is read on a page asked for in vain (a 404, say), never when the store may be why it is an error.
  const reads = c.get("services")?.reads;
  if (reads && status < 420) await reads.banner(c.env.NEWS).catch(() => null);
  const nav = {
    sections: namedTree(navSections(reads?.knownNav() ?? null, site.order), site.sectionNames),
    banner: liveBanner(reads?.knownBanner(), Date.now()),
  };
  // Nor on the stylesheet: without it the page is plain, but it still says what went wrong.
  const style = await stylesheet(c.env.ASSETS).catch(() => UNSTYLED);
  const page = await renderPage(ErrorPage({ status, title: heading, detail, site, nav }), style.css);
  return c.body(page, status, { ...htmlHeaders(style.hash), ...all, "Content-Type": "text/html; charset=utf-8" });
}

/**
 * What a missing article answers, as a cache entry: for one its editors removed (its tombstone says
 * so), 410 Gone — the page for `html`, else a problem — kept and purged like the article's copies (the
 * tombstone is among the keys it was built from); null otherwise (a 404: an id that never was public,
 * or an article back to a draft, which may come back).
 */
export async function goneEntry(c: Ctx, id: string, kind: Kind): Promise<EntryData | null> {
  if ((await c.var.services.reads.gone(c.env.NEWS, id))?.reason !== "removed") return null;
  // The page's menu as KV has it (an error page alone takes what the isolate knows): this one is kept.
  if (kind === "html") await Promise.all([c.var.services.reads.nav(c.env.NEWS).catch(() => null), c.var.services.reads.banner(c.env.NEWS).catch(() => null)]);
  const res = await error(c, 410, { "Cache-Control": GONE_CACHE }, {}, undefined, kind === "html");
  return { body: new Uint8Array(await res.arrayBuffer()), etag: "", lastModified: NaN, headers: [...res.headers], path: "", status: 410 };
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
