/**
 * @module
 * The admin calls of an archive's way out and back (docs/backups.md), for `npm run export`, `npm run
 * backup` and `npm run restore`, with an editor's token (never a contributor's, never a reader):
 * pages of the articles as they are now, a photo's original, the Newsroom's snapshots (take one,
 * follow it, download it), and a restore in pages. Every page is bounded: 500 articles, 16 MiB.
 */

import { ARTICLE_ID } from "../../shared/model/ids.ts";
import type { RestoreAnswer } from "../../shared/newsroom-api.ts";
import { positiveInt } from "../http/pagination.ts";
import { originalMedia } from "../media/photos.ts";
import { newsroom } from "../newsroom-client.ts";
import { error } from "./answers.ts";
import type { Ctx } from "./context.ts";
import { privateHeaders } from "./editor-auth.ts";
import { admin, invalid, jsonBody, MAX_LOAD_BYTES } from "./publishing.ts";
import { get, post, type Route } from "./route.ts";

/** Articles an export page carries, at most. */
export const MAX_ARCHIVE_PAGE = 500;
const TOKEN = /^[\w-]{36}$/;

/** A handler for editors only: the editor's name, else the 401, 403 or 429 to answer. */
const editorsOnly =
  (handler: (c: Ctx, name: string) => Promise<Response>) =>
  async (c: Ctx): Promise<Response> => {
    const name = await admin(c);
    return typeof name === "string" ? handler(c, name) : name;
  };

/** A body streamed as it is (a photo's original, a snapshot), for the editor alone. */
const bytes = (body: ReadableStream, type: string, size: number) =>
  new Response(body, { headers: privateHeaders({ "Content-Type": type, "Content-Length": String(size) }) });

/** `GET /api/v1/admin/archive?after=<id>&limit=N`: the articles as they are now, any status, in id order. */
async function archive(c: Ctx): Promise<Response> {
  const after = c.req.query("after") ?? "";
  const limit = positiveInt(c.req.query("limit"), 100, MAX_ARCHIVE_PAGE);
  if ((after && !ARTICLE_ID.test(after)) || !limit) return error(c, 400, {}, {}, `after: a page's \`next\`; limit: 1 to ${MAX_ARCHIVE_PAGE}.`);
  return c.json(await newsroom(c.env).archive(after, limit), 200, privateHeaders());
}

/** `GET /api/v1/admin/media/<id>`: a photo's original bytes, for an export with `--media`. */
async function original(c: Ctx): Promise<Response> {
  const object = await originalMedia(c.env, c.req.param("id") ?? "");
  return object ? bytes(object.body, object.httpMetadata?.contentType ?? "application/octet-stream", object.size) : error(c, 404);
}

/** `GET /api/v1/admin/backups`: the snapshot being taken, the latest outcomes, and a restore under way; `POST` takes a snapshot now (202). */
async function backups(c: Ctx, start: boolean): Promise<Response> {
  const room = newsroom(c.env);
  const status = start ? await room.startBackup("request", Date.now()) : await room.backupStatus();
  return c.json({ ...status, restore: await room.restoreStatus() }, start ? 202 : 200, privateHeaders());
}

/** `GET /api/v1/admin/backups/<name>`: a finished snapshot, gzipped JSON lines. */
async function backupFile(c: Ctx): Promise<Response> {
  const file = await newsroom(c.env).backupFile(c.req.param("name") ?? "");
  return file ? bytes(file.body, "application/gzip", file.size) : error(c, 404);
}

/**
 * `POST /api/v1/admin/restore` `{ header, force? }` starts a restore (409 into a Newsroom that is not
 * empty, without force); `POST …/<token>` `{ records }` stages a page; `POST …/<token>/finish`
 * `{ end }` puts it in place (202: the Newsroom then moves the articles in; `GET …/backups` follows it).
 */
async function restore(c: Ctx, name: string, step: "begin" | "page" | "finish"): Promise<Response> {
  const token = c.req.param("token") ?? "";
  if (step !== "begin" && !TOKEN.test(token)) return error(c, 404);
  const input = await jsonBody(c, MAX_LOAD_BYTES);
  if (input instanceof Response) return input;
  const room = newsroom(c.env);
  let answer: RestoreAnswer;
  if (input.force !== undefined && typeof input.force !== "boolean") return invalid(c, [{ field: "force", message: "must be true or false" }]);
  if (step === "begin") answer = await room.restoreBegin(input.header, input.force === true);
  else if (step === "finish") answer = await room.restoreFinish(token, input.end, name);
  else if (Array.isArray(input.records) && input.records.length <= 2000) answer = await room.restorePage(token, input.records);
  else return invalid(c, [{ field: "records", message: "must be a list of at most 2000 snapshot records" }]);
  return "detail" in answer ? error(c, answer.status, {}, {}, answer.detail) : c.json(answer, answer.status, privateHeaders());
}

export const archiveRoutes: Route[] = [
  get("/api/v1/admin/archive", editorsOnly(archive)),
  get("/api/v1/admin/media/:id", editorsOnly(original)),
  get(
    "/api/v1/admin/backups",
    editorsOnly((c) => backups(c, false)),
  ),
  post(
    "/api/v1/admin/backups",
    editorsOnly((c) => backups(c, true)),
  ),
  get("/api/v1/admin/backups/:name", editorsOnly(backupFile)),
  post(
    "/api/v1/admin/restore",
    editorsOnly((c, name) => restore(c, name, "begin")),
  ),
  post(
    "/api/v1/admin/restore/:token",
    editorsOnly((c, name) => restore(c, name, "page")),
  ),
  post(
    "/api/v1/admin/restore/:token/finish",
    editorsOnly((c, name) => restore(c, name, "finish")),
  ),
];
