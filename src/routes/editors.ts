/**
 * @module
 * Who is writing (bearer tokens, RFC 6750), with failed attempts limited per client, and what editors
 * read back: an article whatever its status, its previews, revisions, and the lists of their work by
 * status. Every answer here is the editor's alone: `private, no-store`.
 */

import type { Context, Hono } from "hono";
import { PRIVATE } from "../cache/policy.ts";
import { type Article } from "../model/schema.ts";
import { challenge, deskConfig, editorFor, roleOf } from "../http/auth.ts";
import { CSRF_HEADER, csrfValid, deskSecret, requestSession, type Session } from "../desk/session.ts";
import { allowed, AUTH_POLICY, limitedHeaders, PUBLISH_POLICY } from "../http/ratelimit.ts";
import { COMMON_HEADERS, htmlHeaders } from "../http/security.ts";
import { MAX_PER_PAGE, pageCount, PER_PAGE, positiveInt } from "../http/pagination.ts";
import { previewValid, signPreview } from "../http/signing.ts";
import { ArticlePage } from "../render/article.tsx";
import { renderPage } from "../render/layout.tsx";
import { stylesheet } from "../render/stylesheet.ts";
import { articleJsonEtag } from "../represent.ts";
import { articleView, type Site } from "../views.ts";
import type { EditorialItem, EditorialStatus, PublicationState, StoredArticle } from "../write/newsroom.ts";
import { sectionScope } from "./pages.ts";
import { type AppEnv, type Ctx } from "./context.ts";
import { error } from "./answers.ts";

const JSON_TYPE = "application/json; charset=utf-8";

/** The one Newsroom of the site (a Durable Object of the Newsroom Worker: only its type is imported here). */
export function newsroom(env: Env) {
  return env.NEWSROOM.get(env.NEWSROOM.idFromName("newsroom"));
}

/** Headers of an editor's answer. */
export const privateHeaders = (extra: Record<string, string> = {}): Record<string, string> => ({ ...COMMON_HEADERS, "Cache-Control": PRIVATE, ...extra });

/** Clients whose failed attempts went over the limit, until when (epoch ms): every attempt of theirs is a 429 meanwhile. */
const blocked = new Map<string, number>();

function clientOf(c: Context): string {
  return c.req.header("cf-connecting-ip") ?? "unknown";
}

/** A 429 for a client over the failed-attempt limit, for the rest of its window. */
function tooManyFailures(c: Ctx, until: number): Promise<Response> {
  const headers = limitedHeaders(AUTH_POLICY);
  headers["Retry-After"] = String(Math.max(1, Math.ceil((until - Date.now()) / 1000)));
  return error(c, 429, headers);
}

/**
 * More than `AUTH_POLICY.limit` failed attempts from one client within its window, and every attempt
 * from that client is a 429 until the window ends: its right token too (else a guess that hits would
 * tell itself apart), never another client's. The 429 to answer, or null; `failed` counts a failure first.
 */
export async function signInLimited(c: Ctx, failed = false): Promise<Response | null> {
  const client = clientOf(c);
  const until = blocked.get(client);
  if (until !== undefined && until > Date.now()) return tooManyFailures(c, until);
  if (until !== undefined) blocked.delete(client);
  if (!failed || (await allowed(c.env.AUTH_LIMIT, `auth:${client}`))) return null;
  if (blocked.size > 10_000) blocked.clear();
  const end = Date.now() + AUTH_POLICY.period * 1000;
  blocked.set(client, end);
  return tooManyFailures(c, end);
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** A desk session's editor: a state-changing request must carry the session's CSRF token. */
async function sessionEditor(c: Ctx, session: Session): Promise<string | Response> {
  if (!SAFE_METHODS.has(c.req.method) && !(await csrfValid(c.req.header(CSRF_HEADER), session.nonce, deskSecret(c.env)!)))
    return error(c, 403, {}, {}, "A write from the desk must carry its session's CSRF token (X-CSRF-Token).");
  c.set("role", session.role);
  return session.name;
}

/**
 * The editor the bearer token names (or, without one, the desk session's), with their role; else a
 * 401 with a challenge (and no change), or a 429 for a client over the failed-attempt limit.
 */
export async function editor(c: Ctx): Promise<string | Response> {
  const limited = await signInLimited(c);
  if (limited) return limited;
  const authorization = c.req.header("authorization");
  const session = authorization ? null : await requestSession(c.req.raw, c.env);
  if (session) return sessionEditor(c, session);
  const name = await editorFor(authorization, c.env);
  if (name) {
    c.set("role", roleOf(name, deskConfig(c.env)));
    return name;
  }
  return (await signInLimited(c, true)) ?? error(c, 401, { "WWW-Authenticate": challenge(authorization) });
}

/** The editor, within the publishing rate limit (per editor); else a 401 or 429 to answer. */
export async function writer(c: Ctx): Promise<string | Response> {
  const name = await editor(c);
  if (typeof name !== "string") return name;
  if (!(await allowed(c.env.PUBLISH_LIMIT, `editor:${name}`))) return error(c, 429, limitedHeaders(PUBLISH_POLICY));
  return name;
}

/** How a write's publication state is told in `Newsroom-Status`: `published`, `draft`, or `scheduled;at="<RFC 3339>"`. */
export function statusField(state: PublicationState | { status: "removed" }): string {
  return "at" in state && state.at ? `${state.status};at="${state.at}"` : state.status;
}

/** An article as an editor sees it: the public view, and where it stands. */
async function editorView(c: Ctx, id: string, stored: StoredArticle) {
  const secret = c.env.PREVIEW_SECRET || c.env.PUBLISH_TOKEN;
  const previewUrl = secret ? `${c.var.site.origin}/preview/${id}?${await signPreview(id, secret)}` : null;
  const { status, scheduled, version, state, editor: by, changed } = stored;
  const view = articleView(stored.article, c.var.site);
  return {
    ...view,
    status,
    scheduled,
    ...(state.at && { publishAt: state.at }),
    version,
    editor: by,
    changed,
    previewUrl,
    source: stored.article,
    // What `If-Match` takes for this version: the ETag of the article's JSON as a GET on this host answers it.
    etag: await articleJsonEtag(view),
  };
}

/** `GET /api/v1/articles/<id>` with a bearer token (or `?preview=1`): the current version whatever its status. */
export async function preview(c: Ctx, id: string): Promise<Response> {
  const name = await editor(c);
  if (typeof name !== "string") return name;
  const stored = await newsroom(c.env).article(id);
  if (!stored) return error(c, 404, { "Cache-Control": PRIVATE });
  return c.body(
    JSON.stringify(await editorView(c, id, stored)),
    200,
    privateHeaders({ "Content-Type": JSON_TYPE, "Newsroom-Version": String(stored.version) }),
  );
}

/** `GET /preview/<id>?expires=…&signature=…`: the article's page for whoever holds the link; never indexed or cached. */
async function previewPage(c: Ctx): Promise<Response> {
  const id = c.req.param("id") ?? "";
  const ok =
    /^[1-9][0-9]{0,11}$/.test(id) && (await previewValid(id, c.req.query("expires"), c.req.query("signature"), c.env.PREVIEW_SECRET || c.env.PUBLISH_TOKEN));
  const stored = ok ? await newsroom(c.env).article(id) : null;
  if (!stored) return error(c, 404, { "Cache-Control": PRIVATE });
  const style = await stylesheet(c.env.ASSETS);
  const html = await renderPage(
    ArticlePage({ article: articleView(stored.article, c.var.site), site: c.var.site, noindex: true, twitter: c.env.SITE_TWITTER }),
    style.css,
  );
  const headers = htmlHeaders(style.hash, false);
  // The desk shows the preview in a frame of its own origin; no other page may frame it.
  headers["Content-Security-Policy"] = headers["Content-Security-Policy"].replace("frame-ancestors 'none'", "frame-ancestors 'self'");
  headers["X-Frame-Options"] = "SAMEORIGIN";
  return c.body(html, 200, {
    ...headers,
    "Cache-Control": PRIVATE,
    "X-Robots-Tag": "noindex",
    "Content-Type": "text/html; charset=utf-8",
  });
}

async function revisions(c: Ctx): Promise<Response> {
  const name = await editor(c);
  if (typeof name !== "string") return name;
  const id = c.req.param("id") ?? "";
  const list = await newsroom(c.env).revisions(id);
  if (list.length === 0) return error(c, 404, { "Cache-Control": PRIVATE });
  const origin = c.var.site.origin;
  const body = { id, revisions: list.map((r) => ({ ...r, url: `${origin}/api/v1/articles/${id}/revisions/${r.version}` })) };
  return c.body(JSON.stringify(body), 200, privateHeaders({ "Content-Type": JSON_TYPE }));
}

async function revision(c: Ctx): Promise<Response> {
  const name = await editor(c);
  if (typeof name !== "string") return name;
  const id = c.req.param("id") ?? "";
  const version = c.req.param("version") ?? "";
  const found = /^[1-9][0-9]{0,8}$/.test(version) ? await newsroom(c.env).revision(id, Number(version)) : null;
  if (!found) return error(c, 404, { "Cache-Control": PRIVATE });
  return c.body(JSON.stringify({ id, ...found }), 200, privateHeaders({ "Content-Type": JSON_TYPE }));
}

const STATUSES: EditorialStatus[] = ["draft", "scheduled", "published", "all", "removed"];

function listItem(item: EditorialItem, site: Site) {
  const { article, state, version, editor: by, changed } = item;
  const view = articleView(article as Article, site);
  return {
    id: view.id,
    url: view.url,
    apiUrl: `${site.origin}/api/v1/articles/${view.id}`,
    section: view.section,
    headline: view.headline,
    datePublished: view.datePublished,
    dateModified: view.dateModified,
    status: state.status,
    ...("at" in state && state.at && { publishAt: state.at }),
    version,
    editor: by,
    changed,
  };
}

/**
 * `GET /api/v1/articles?status=draft|scheduled|published|all|removed` (bearer): an editor's list from
 * the Newsroom, newest change first, with each article's version and last editor. Without a token,
 * any `status` but `published` is a 401 (the caller sees the public list otherwise).
 */
export async function editorialList(c: Ctx, status: string): Promise<Response> {
  const name = await editor(c);
  if (typeof name !== "string") return name;
  if (!STATUSES.includes(status as EditorialStatus))
    return error(c, 400, { "Cache-Control": PRIVATE }, { errors: [{ field: "status", message: `must be one of ${STATUSES.join(", ")}` }] });
  const page = positiveInt(c.req.query("page"), 1, 10_000);
  const perPage = positiveInt(c.req.query("per_page"), PER_PAGE, MAX_PER_PAGE);
  if (page === undefined || perPage === undefined)
    return error(
      c,
      400,
      { "Cache-Control": PRIVATE },
      { errors: [{ field: page === undefined ? "page" : "per_page", message: "must be a whole number in range" }] },
    );
  const section = c.req.query("section");
  const scope = section === undefined ? "all" : sectionScope(`/${section}`);
  if (!scope) return error(c, 400, { "Cache-Control": PRIVATE }, { errors: [{ field: "section", message: "must be a section path such as News/Syria" }] });
  const { total, items } = await newsroom(c.env).list(status as EditorialStatus, scope, (page - 1) * perPage, perPage);
  const body = { status, articles: items.map((i) => listItem(i, c.var.site)), total, page, perPage, pages: pageCount(total, perPage) };
  return c.body(JSON.stringify(body), 200, privateHeaders({ "Content-Type": JSON_TYPE }));
}

export function editorRoutes(app: Hono<AppEnv>, ID: RegExp): void {
  app.get("/api/v1/articles/:id/revisions", (c) => (ID.test(c.req.param("id")) ? revisions(c) : error(c, 404)));
  app.get("/api/v1/articles/:id/revisions/:version", (c) => (ID.test(c.req.param("id")) ? revision(c) : error(c, 404)));
  app.get("/preview/:id", previewPage);
}
