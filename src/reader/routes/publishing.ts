/**
 * @module
 * The newsroom's writes (bearer token): create (`POST`), publish (`PUT`), remove (`DELETE`), restore a
 * revision, and the content loaders' admin calls. Each is one RPC call to the Newsroom Durable Object,
 * which decides it and answers at its commit; this module checks the request, names the editor,
 * resolves `If-Match` to a version, and shapes the answer. The caches of this location are cleared
 * once KV has the change (at once for `Prefer: wait`, else in the background), so a reader refilling
 * from the KV of before cannot undo it.
 */

import { ARTICLE_ID, VERSION_NUMBER } from "../../shared/model/ids.ts";
import { articlePath } from "../../shared/model/paths.ts";
import { type FieldError, MAX_ARTICLE_BYTES, validateArticle } from "../../shared/model/schema.ts";
import type { ImportItem, SectionRedirect, WriteOptions, WriteResult } from "../../shared/newsroom-api.ts";
import { preferredWait } from "../http/prefer.ts";
import { readLimited, TooLarge } from "../http/request-body.ts";
import { newsroom } from "../newsroom-client.ts";
import { articleJsonEtag, ifMatchTags } from "../views/represent.ts";
import { articleView } from "../views/views.ts";
import { error } from "./answers.ts";
import { type Ctx } from "./context.ts";
import { editor, privateHeaders, statusField, writer } from "./editor-auth.ts";
import { del, get, post, put, type Route } from "./route.ts";
import { after } from "../background.ts";
import { previewResponse } from "./editor-reads.ts";

/** Largest accepted article body, the schema's one limit (the seed article is about 12 KB as JSON). */
export const MAX_BODY_BYTES = MAX_ARTICLE_BYTES;
/** Largest content load (`POST /api/v1/admin/content`); the loaders send batches well below it. */
export const MAX_LOAD_BYTES = 16 * 1024 * 1024;
/** A 422 names at most this many errors (and `errorCount` says how many there were). */
const MAX_ERRORS = 20;
const JSON_TYPE = "application/json; charset=utf-8";
/** How long the background cache clearing waits for KV (a Worker's `waitUntil` lasts 30 s). */
const FORGET_WAIT_MS = 25_000;

/** A 422 whose size is bounded whatever the input: a few errors, field names cut short. */
export function invalid(c: Ctx, errors: FieldError[]): Promise<Response> {
  const shown = errors.slice(0, MAX_ERRORS).map((e) => ({ field: e.field.length > 100 ? `${e.field.slice(0, 100)}…` : e.field, message: e.message }));
  return error(c, 422, {}, { errors: shown, errorCount: errors.length });
}

/** The JSON body of a write: 415, 413, 400 or 422 (nothing changed), else the object. */
export async function jsonBody(c: Ctx, limit: number): Promise<Record<string, unknown> | Response> {
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

/**
 * `If-Match` and `If-None-Match: *` of a write (RFC 9110 §13.1.1–2; strong comparison, so weak tags
 * never match), and `Prefer: wait`. An entity tag is that of the article's JSON as a GET on any host
 * answers it: it carries the version's content tag, which the Newsroom checks as it commits (no
 * call before the write; a tag it never made, or a stale one, is a 412 there).
 */
export async function options(c: Ctx, id: string | null): Promise<WriteOptions | Response> {
  const out: WriteOptions = {};
  const wait = preferredWait(c.req.header("prefer"));
  if (wait !== undefined) out.waitMs = wait * 1000;
  const ifNoneMatch = c.req.header("if-none-match");
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() !== "*") return error(c, 400, {}, {}, "A write takes only `If-None-Match: *`.");
    out.ifAbsent = true;
  }
  const ifMatch = c.req.header("if-match");
  if (ifMatch === undefined || id === null) return out;
  if (ifMatch.split(",").some((t) => t.trim() === "*")) return { ...out, ifPresent: true };
  return { ...out, ifTags: ifMatchTags(ifMatch) };
}

/** What the Newsroom refused, as HTTP. */
export function refused(c: Ctx, result: WriteResult): Promise<Response> {
  if (result.status === 412) return error(c, 412);
  if (result.status === 403) return error(c, 403, {}, {}, CONTRIBUTOR);
  if (result.status === 404) return error(c, 404);
  if (result.status === 422) return invalid(c, result.errors);
  return result.status === 409 ? error(c, 409, {}, {}, result.detail) : error(c, 500);
}

/**
 * After a commit: this isolate forgets its copies at once (so its editor's next read is not one of
 * them), and this location's caches are purged once KV has the change — before answering when the
 * caller waited for that, else in the background — so no reader refilling from the KV of before can
 * put an old copy back after the purge.
 */
export async function forget(c: Ctx, result: { commit: number; keys: string[]; pending: number }, waited: boolean): Promise<void> {
  const { services } = c.var;
  if (result.commit === 0) return;
  services.forgetHere();
  if (waited && result.pending === 0) return services.forget(result.keys);
  const later = newsroom(c.env)
    .untilInKV(result.commit, result.keys, FORGET_WAIT_MS)
    .then(() => services.forget(result.keys, true));
  after(c, later, "purge after a write");
}

/** The headers every committed write answers with. */
export function writeHeaders(result: Extract<WriteResult, { commit: number }>, waitMs: number | undefined, started: number): Record<string, string> {
  return {
    "Newsroom-Version": String(result.version),
    ...(result.state && { "Newsroom-Status": statusField(result.state) }),
    // This change's keys KV does not have yet (0 once it has them all).
    "Newsroom-Read-Model": `pending=${result.pending}`,
    ...(waitMs !== undefined && { "Preference-Applied": `wait=${waitMs / 1000}` }),
    "Server-Timing": `newsroom;dur=${Date.now() - started}, ${result.timing}`,
  };
}

export const CONTRIBUTOR = "A contributor writes drafts only: publishing, scheduling, restoring, unpublishing and deleting are for editors.";

/**
 * PUT `/api/v1/articles/<id>`, or POST `/api/v1/articles` (`id` null: the Newsroom names it), or a restore.
 * Also the desk's two calls beside the API, `desk`, which need a desk session (and its CSRF token, as
 * any desk write), not a bearer token; contributors too. `preview` (`POST /desk/api/preview?id=…`): the
 * body checked as a write would be, then the page readers would get (editor-reads.ts), nothing written.
 * `autosave` (`PUT /desk/api/autosave/<id>`, `If-Match`; `DELETE` forgets it): the editor's form, as
 * typed, kept as their private working copy of the story (src/newsroom/working-copy.ts), never public.
 */
async function publish(c: Ctx, id: string | null, restoring?: number, desk?: "preview" | "autosave"): Promise<Response> {
  const name = desk && c.req.header("authorization") ? error(c, 401) : await writer(c);
  if (typeof name !== "string") return name;
  const contributor = c.var.role === "contributor";
  if (contributor && restoring !== undefined) return error(c, 403, {}, {}, CONTRIBUTOR);
  const opts = await options(c, id);
  if (opts instanceof Response) return opts;
  opts.draftOnly = contributor;
  let input: Record<string, unknown> = {};
  if (restoring === undefined) {
    const body = c.req.method === "DELETE" ? null : await jsonBody(c, MAX_BODY_BYTES);
    if (body instanceof Response) return body;
    if (desk === "autosave") {
      const kept = await newsroom(c.env).keepWorkingCopy(id!, name, body, c.req.header("if-match") ?? "", opts);
      return kept.status === 204 ? c.body(null, 204, privateHeaders()) : refused(c, kept as WriteResult);
    }
    if (!body) return error(c, 405);
    // The id is the URL's; one in the body must be that very string (a JSON number is not the schema's string).
    if (body.id !== undefined && (id === null || body.id !== id))
      return invalid(c, [
        {
          field: "id",
          message: id === null ? "is given by the Newsroom: leave it out, or PUT to the id you want" : "must match the id in the URL, as a string",
        },
      ]);
    // Checked here first, so a refused body never reaches the Newsroom; it checks again as it commits
    // (and dates an article sent without `published`: the story's time, or the save's).
    // (`live: null` ends live coverage: live-updates.ts in the Newsroom.)
    const checked = validateArticle({ published: new Date().toISOString(), ...body, live: body.live ?? undefined, id: id ?? "1" });
    if (!checked.ok) return invalid(c, checked.errors);
    if (desk) return previewResponse(c, checked.value);
    if (contributor && body.status !== "draft") return error(c, 403, {}, {}, CONTRIBUTOR);
    input = body;
  }
  const started = Date.now();
  const room = newsroom(c.env);
  // `?status=draft|published` on a restore: the state the story is restored in (else its own; a removed story's: a draft).
  const result = restoring === undefined ? await room.publish(id, input, name, opts) : await room.restore(id!, restoring, name, opts, c.req.query("status"));
  if (!("commit" in result) || !result.article) return refused(c, result);
  await forget(c, result, opts.waitMs !== undefined);
  const view = articleView(result.article, c.var.site);
  // The body is the article's JSON representation, as its page serves it (RFC 9110 §8.7).
  const headers = privateHeaders({ "Content-Type": JSON_TYPE, ETag: await articleJsonEtag(view, result.tag), ...writeHeaders(result, opts.waitMs, started) });
  if (result.state?.status === "published") headers["Content-Location"] = c.var.site.origin + articlePath(result.article);
  if (result.status === 201) headers.Location = `${c.var.site.origin}/api/v1/articles/${result.id}`;
  return c.body(JSON.stringify(view), result.status as 200 | 201, headers);
}

async function remove(c: Ctx, id: string): Promise<Response> {
  const name = await writer(c);
  if (typeof name !== "string") return name;
  if (c.var.role === "contributor") return error(c, 403, {}, {}, CONTRIBUTOR);
  const opts = await options(c, id);
  if (opts instanceof Response) return opts;
  const started = Date.now();
  const result = await newsroom(c.env).remove(id, name, opts);
  if (!("commit" in result)) return refused(c, result);
  await forget(c, result, opts.waitMs !== undefined);
  return c.body(null, 204, privateHeaders(writeHeaders(result, opts.waitMs, started)));
}

/** An editor for the admin calls (loads, rebuilds, checks): never a contributor. */
export async function admin(c: Ctx): Promise<string | Response> {
  const name = await editor(c);
  if (typeof name !== "string") return name;
  return c.var.role === "contributor" ? error(c, 403, {}, {}, CONTRIBUTOR) : name;
}

/**
 * `POST /api/v1/admin/content` `{ articles, keep?, files?, force? }`: the content loaders' call. With
 * `keep` (every id content/ has), articles that came from content/ and are not kept are removed.
 */
async function loadContent(c: Ctx): Promise<Response> {
  const name = await admin(c);
  if (typeof name !== "string") return name;
  const input = await jsonBody(c, MAX_LOAD_BYTES);
  if (input instanceof Response) return input;
  if (!Array.isArray(input.articles)) return invalid(c, [{ field: "articles", message: "must be a list of articles" }]);
  const { keep = null, files = {}, force = false } = input as { keep?: unknown; files?: unknown; force?: unknown };
  if (keep !== null && !(Array.isArray(keep) && keep.every((k) => typeof k === "string")))
    return invalid(c, [{ field: "keep", message: "must be a list of article ids" }]);
  if (typeof files !== "object" || files === null || Array.isArray(files) || !Object.values(files).every((f) => typeof f === "string"))
    return invalid(c, [{ field: "files", message: "must map article ids to file names" }]);
  if (typeof force !== "boolean") return invalid(c, [{ field: "force", message: "must be true or false" }]);
  const result = await newsroom(c.env).loadContent(input.articles, name, { keep: keep as string[] | null, files: files as Record<string, string>, force });
  if (result.errors.length) return invalid(c, result.errors);
  c.var.services.forgetHere();
  const { errors: _, ...report } = result;
  return c.json(report, 200, privateHeaders());
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isStrings = (v: unknown, max: number): v is string[] => Array.isArray(v) && v.length <= max && v.every((s) => typeof s === "string" && s.length <= 2000);

/** The shape of an import batch (each article is checked by the Newsroom, which refuses it alone). */
function importShape(input: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  const { items, sections = [] } = input;
  if (!Array.isArray(items) || items.length > 2000) return [{ field: "items", message: "must be a list of at most 2000 items" }];
  items.forEach((item, i) => {
    if (!isObject(item)) return errors.push({ field: `items[${i}]`, message: "must be an object" });
    if (typeof item.source !== "string" || item.source === "" || item.source.length > 500)
      errors.push({ field: `items[${i}].source`, message: "must be the item's key in its source (1 to 500 characters)" });
    if (!isObject(item.article)) errors.push({ field: `items[${i}].article`, message: "must be an article object" });
    if (item.id !== undefined && typeof item.id !== "string") errors.push({ field: `items[${i}].id`, message: "must be a string" });
    if (item.oldPaths !== undefined && !isStrings(item.oldPaths, 20)) errors.push({ field: `items[${i}].oldPaths`, message: "must be at most 20 paths" });
  });
  if (!Array.isArray(sections) || sections.length > 2000) return [...errors, { field: "sections", message: "must be a list of at most 2000 sections" }];
  sections.forEach((s, i) => {
    // Only the shape here: the names themselves are the Newsroom's to judge, one section at a time.
    if (!isObject(s) || !isStrings(s.section, 20) || !isStrings(s.oldPaths, 20))
      errors.push({ field: `sections[${i}]`, message: "must be { section: [names], oldPaths: [paths] }" });
  });
  return errors;
}

/** `POST /api/v1/admin/import` `{ items, sections? }`: a batch of `npm run import`; answers what was imported, skipped and refused. */
async function importArchive(c: Ctx): Promise<Response> {
  const name = await admin(c);
  if (typeof name !== "string") return name;
  const input = await jsonBody(c, MAX_LOAD_BYTES);
  if (input instanceof Response) return input;
  const errors = importShape(input);
  if (errors.length) return invalid(c, errors);
  const sections = (input.sections ?? []) as SectionRedirect[];
  const report = await newsroom(c.env).importItems(input.items as ImportItem[], sections, name);
  c.var.services.forgetHere();
  return c.json(report, 200, privateHeaders());
}

async function rebuild(c: Ctx): Promise<Response> {
  const name = await admin(c);
  if (typeof name !== "string") return name;
  return c.json(await newsroom(c.env).rebuild(), 200, privateHeaders());
}

async function checkReadModel(c: Ctx): Promise<Response> {
  const name = await admin(c);
  if (typeof name !== "string") return name;
  const limit = Number(c.req.query("limit") ?? "200");
  return c.json(await newsroom(c.env).checkReadModel(c.req.query("after") ?? "", Number.isSafeInteger(limit) ? limit : 200), 200, privateHeaders());
}

export const writeRoutes: Route[] = [
  post("/api/v1/articles", (c) => publish(c, null)),
  post("/desk/api/preview", (c) => publish(c, c.req.query("id") ?? null, undefined, "preview")),
  put("/desk/api/autosave/:id", (c) => publish(c, c.req.param("id"), undefined, "autosave")),
  del("/desk/api/autosave/:id", (c) => publish(c, c.req.param("id"), undefined, "autosave")),
  put("/api/v1/articles/:id", (c) => (ARTICLE_ID.test(c.req.param("id")) ? publish(c, c.req.param("id")) : error(c, 404))),
  del("/api/v1/articles/:id", (c) => (ARTICLE_ID.test(c.req.param("id")) ? remove(c, c.req.param("id")) : error(c, 404))),
  post("/api/v1/articles/:id/revisions/:version/restore", (c) => {
    const id = c.req.param("id");
    const version = c.req.param("version");
    return ARTICLE_ID.test(id) && VERSION_NUMBER.test(version) ? publish(c, id, Number(version)) : error(c, 404);
  }),
  post("/api/v1/admin/content", loadContent),
  post("/api/v1/admin/import", importArchive),
  post("/api/v1/admin/rebuild", rebuild),
  get("/api/v1/admin/read-model", checkReadModel),
];
