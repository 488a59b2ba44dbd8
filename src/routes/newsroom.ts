/**
 * @module
 * The newsroom's endpoints (bearer token): publish (`PUT`), remove (`DELETE`), preview, revisions,
 * and the content loaders' admin calls. Each is one RPC call to the Newsroom Durable Object, which
 * decides every write; this module only checks the request, names the editor and shapes the answer.
 */

import type { Hono } from "hono";
import { articlePath } from "../content/paths.ts";
import { type Article, type FieldError, validateArticle } from "../content/schema.ts";
import { editorFor, challenge } from "../http/auth.ts";
import { readLimited, TooLarge } from "../http/body.ts";
import { allowed, limitedHeaders, PUBLISH_POLICY } from "../http/ratelimit.ts";
import { COMMON_HEADERS, htmlHeaders } from "../http/security.ts";
import { previewValid, signPreview } from "../http/signing.ts";
import { ArticlePage } from "../render/article.tsx";
import { renderPage } from "../render/layout.tsx";
import { stylesheet } from "../render/stylesheet.ts";
import { articleView } from "../views.ts";
import type { Conditions, WriteResult } from "../write/newsroom.ts";
import { type AppEnv, type Ctx, error } from "./shared.ts";

/** Largest accepted article body; the seed article is about 12 KB as JSON. */
export const MAX_BODY_BYTES = 256 * 1024;
/** Largest content load (`POST /api/v1/admin/content`); the loaders send batches well below it. */
export const MAX_LOAD_BYTES = 16 * 1024 * 1024;
/** A 422 names at most this many errors (and `errorCount` says how many there were). */
const MAX_ERRORS = 20;
const JSON_TYPE = "application/json; charset=utf-8";
/** Editors' answers are theirs alone: never stored by a cache. */
const PRIVATE = "private, no-store";

/** The one Newsroom of the site. */
export function newsroom(env: Env) {
  return env.NEWSROOM.get(env.NEWSROOM.idFromName("newsroom"));
}

/** The editor the bearer token names, or a 401 with a challenge (and no change). */
async function editor(c: Ctx): Promise<string | Response> {
  const authorization = c.req.header("authorization");
  const name = await editorFor(authorization, c.env);
  return name ?? error(c, 401, { "WWW-Authenticate": challenge(authorization) });
}

/** A 422 whose size is bounded whatever the input: a few errors, field names cut short. */
export function invalid(c: Ctx, errors: FieldError[]): Promise<Response> {
  const shown = errors.slice(0, MAX_ERRORS).map((e) => ({ field: e.field.length > 100 ? `${e.field.slice(0, 100)}…` : e.field, message: e.message }));
  return error(c, 422, {}, { errors: shown, errorCount: errors.length });
}

/** The JSON body of a write: 415, 413, 400 or 422 (nothing changed), else the object. */
async function jsonBody(c: Ctx, limit: number): Promise<Record<string, unknown> | Response> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) return error(c, 415);
  let text: string;
  try {
    text = await readLimited(c.req.raw, limit);
  } catch (err) {
    if (err instanceof TooLarge) return error(c, 413, {}, { limit });
    return error(c, 400, {}, {}, "The body is not valid UTF-8.");
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return error(c, 400, {}, {}, "The body is not valid JSON.");
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) return invalid(c, [{ field: "", message: "must be an object" }]);
  return input as Record<string, unknown>;
}

/** `If-Match` and `If-None-Match: *` of a write (RFC 9110 §13.1.1–2; If-Match compares strongly, so weak tags never match). */
async function conditions(c: Ctx): Promise<Conditions | Response> {
  const out: Conditions = {};
  const ifMatch = c.req.header("if-match");
  if (ifMatch !== undefined) {
    const tags = ifMatch.split(",").map((t) => t.trim()).filter(Boolean);
    out.ifMatch = tags.includes("*") ? "*" : tags;
  }
  const ifNoneMatch = c.req.header("if-none-match");
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() !== "*") return error(c, 400, {}, {}, "A write takes only `If-None-Match: *`.");
    out.ifNoneMatchAny = true;
  }
  return out;
}

function siteRef(c: Ctx) {
  return { origin: c.var.site.origin, canonicalOrigin: c.var.site.canonicalOrigin, language: c.var.site.language };
}

/** How far KV is behind after a write: what this answer wrote to it, and what waits for a retry. */
function readModelHeader(result: { kvWrites?: number; pending: number }): Record<string, string> {
  return { "Newsroom-Read-Model": `written=${result.kvWrites ?? 0}, pending=${result.pending}` };
}

/** Headers of an editor's answer. */
const privateHeaders = (extra: Record<string, string> = {}): Record<string, string> => ({ ...COMMON_HEADERS, "Cache-Control": PRIVATE, ...extra });

/** After a committed change: forgets cached copies here, as far as this location can. */
async function forget(c: Ctx, id: string, articles: (Article | null)[]): Promise<void> {
  await c.var.services.invalidate(c, id, articles.filter((a): a is Article => a !== null).map((a) => a.section));
}

/** What the Newsroom refused, as HTTP. */
function refused(c: Ctx, result: WriteResult): Promise<Response> | undefined {
  if (result.status === 412) return error(c, 412);
  if (result.status === 404) return error(c, 404);
  if (result.status === 422) return invalid(c, result.errors);
  return undefined;
}

/** The editor, within the publishing rate limit (per editor); else a 401 or 429 to answer. */
export async function writer(c: Ctx): Promise<string | Response> {
  const name = await editor(c);
  if (typeof name !== "string") return name;
  if (!(await allowed(c.env.PUBLISH_LIMIT, `editor:${name}`))) return error(c, 429, limitedHeaders(PUBLISH_POLICY));
  return name;
}

async function publish(c: Ctx, id: string): Promise<Response> {
  const name = await writer(c);
  if (typeof name !== "string") return name;
  const when = await conditions(c);
  if (when instanceof Response) return when;
  const input = await jsonBody(c, MAX_BODY_BYTES);
  if (input instanceof Response) return input;
  if (input.id !== undefined && String(input.id) !== id) return invalid(c, [{ field: "id", message: "must match the id in the URL" }]);
  // Checked here first, so a refused body never reaches the Newsroom; it checks again as it commits.
  const checked = validateArticle({ ...input, id });
  if (!checked.ok) return invalid(c, checked.errors);
  const t0 = Date.now();
  const result = await newsroom(c.env).publish(id, input, name, siteRef(c), when);
  if (result.status !== 200 && result.status !== 201) return (refused(c, result) ?? error(c, 500)) as Promise<Response>;
  const t1 = Date.now();
  await forget(c, id, [result.article, result.previous]);
  const timing = `newsroom;dur=${t1 - t0}, ${result.timing ?? ""}, invalidate;dur=${Date.now() - t1}`;
  // The body is the article's JSON representation, as its page serves it (RFC 9110 §8.7).
  const headers = privateHeaders({
    "Content-Type": JSON_TYPE,
    ETag: result.etag,
    "Content-Location": c.var.site.origin + articlePath(result.article),
    ...readModelHeader(result),
    "Server-Timing": timing,
  });
  if (result.status === 201) headers.Location = `${c.var.site.origin}/api/v1/articles/${id}`;
  return c.body(JSON.stringify(articleView(result.article, c.var.site)), result.status, headers);
}

async function remove(c: Ctx, id: string): Promise<Response> {
  const name = await writer(c);
  if (typeof name !== "string") return name;
  const when = await conditions(c);
  if (when instanceof Response) return when;
  const result = await newsroom(c.env).remove(id, name, siteRef(c), when);
  if (result.status !== 204) return (refused(c, result) ?? error(c, 500)) as Promise<Response>;
  await forget(c, id, [result.previous]);
  return c.body(null, 204, privateHeaders(readModelHeader(result)));
}

/** `GET /api/v1/articles/<id>?preview=1`: the current version whatever its status, with a signed link to its page. */
export async function preview(c: Ctx, id: string): Promise<Response> {
  const name = await editor(c);
  if (typeof name !== "string") return name;
  const stored = await newsroom(c.env).article(id);
  if (!stored) return error(c, 404);
  const secret = c.env.PREVIEW_SECRET || c.env.PUBLISH_TOKEN;
  const previewUrl = secret ? `${c.var.site.origin}/preview/${id}?${await signPreview(id, secret)}` : null;
  const body = { ...articleView(stored.article, c.var.site), status: stored.status, scheduled: stored.scheduled, version: stored.version, previewUrl };
  return c.body(JSON.stringify(body), 200, privateHeaders({ "Content-Type": JSON_TYPE }));
}

/** `GET /preview/<id>?expires=…&signature=…`: the article's page for whoever holds the link; never indexed or cached. */
async function previewPage(c: Ctx): Promise<Response> {
  const id = c.req.param("id") ?? "";
  const ok = /^[1-9][0-9]{0,11}$/.test(id) && (await previewValid(id, c.req.query("expires"), c.req.query("signature"), c.env.PREVIEW_SECRET || c.env.PUBLISH_TOKEN));
  const stored = ok ? await newsroom(c.env).article(id) : null;
  if (!stored) return error(c, 404, { "Cache-Control": PRIVATE });
  const style = await stylesheet(c.env.ASSETS);
  const html = await renderPage(ArticlePage({ article: articleView(stored.article, c.var.site), site: c.var.site, noindex: true }), style.css);
  return c.body(html, 200, {
    ...htmlHeaders(style.hash, false),
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
  if (list.length === 0) return error(c, 404);
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
  if (!found) return error(c, 404);
  return c.body(JSON.stringify({ id, ...found }), 200, privateHeaders({ "Content-Type": JSON_TYPE }));
}

/**
 * `POST /api/v1/admin/content` `{ articles, keep? }`: the content loaders' call. With `keep` (every
 * id content/ has), articles that came from content/ and are not kept are removed.
 */
async function loadContent(c: Ctx): Promise<Response> {
  const name = await editor(c);
  if (typeof name !== "string") return name;
  const input = await jsonBody(c, MAX_LOAD_BYTES);
  if (input instanceof Response) return input;
  if (!Array.isArray(input.articles)) return invalid(c, [{ field: "articles", message: "must be a list of articles" }]);
  const keep = input.keep === undefined ? null : input.keep;
  if (keep !== null && !(Array.isArray(keep) && keep.every((k) => typeof k === "string")))
    return invalid(c, [{ field: "keep", message: "must be a list of article ids" }]);
  const result = await newsroom(c.env).loadContent(input.articles, name, keep as string[] | null);
  if (result.errors.length) return invalid(c, result.errors);
  c.var.services.layers.isolate.clear();
  return c.json({ created: result.created, updated: result.updated, unchanged: result.unchanged, removed: result.removed }, 200, privateHeaders());
}

async function rebuild(c: Ctx): Promise<Response> {
  const name = await editor(c);
  if (typeof name !== "string") return name;
  return c.json(await newsroom(c.env).rebuild(), 200, privateHeaders());
}

async function checkReadModel(c: Ctx): Promise<Response> {
  const name = await editor(c);
  if (typeof name !== "string") return name;
  const limit = Number(c.req.query("limit") ?? "200");
  return c.json(await newsroom(c.env).checkReadModel(c.req.query("after") ?? "", Number.isSafeInteger(limit) ? limit : 200), 200, privateHeaders());
}

export function newsroomRoutes(app: Hono<AppEnv>, ID: RegExp): void {
  app.put("/api/v1/articles/:id", (c) => (ID.test(c.req.param("id")) ? publish(c, c.req.param("id")) : error(c, 404)));
  app.delete("/api/v1/articles/:id", (c) => (ID.test(c.req.param("id")) ? remove(c, c.req.param("id")) : error(c, 404)));
  app.get("/api/v1/articles/:id/revisions", (c) => (ID.test(c.req.param("id")) ? revisions(c) : error(c, 404)));
  app.get("/api/v1/articles/:id/revisions/:version", (c) => (ID.test(c.req.param("id")) ? revision(c) : error(c, 404)));
  app.get("/preview/:id", previewPage);
  app.post("/api/v1/admin/content", loadContent);
  app.post("/api/v1/admin/rebuild", rebuild);
  app.get("/api/v1/admin/read-model", checkReadModel);
}
