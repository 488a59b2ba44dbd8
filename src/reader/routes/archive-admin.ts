/**
 * @module
 * The admin calls of an archive's way out and back (docs/backups.md), for `npm run export`, `npm run
 * backup` and `npm run restore`, with an editor's token (never a contributor's, never a reader):
 * pages of the articles as they are now, a photo's original, the Newsroom's snapshots (take one,
 * follow it, download it), and a restore in pages. This checks who asks and bounds the body (16 MiB);
 * the Newsroom checks the rest (a page is at most 500 articles or 2,000 records) and says why it refuses.
 */

import type { Refusal } from "../../shared/archive-answers.ts";
import { originalMedia } from "../media/photos.ts";
import { newsroom } from "../newsroom-client.ts";
import { error } from "./answers.ts";
import type { Ctx } from "./context.ts";
import { privateHeaders } from "./editor-auth.ts";
import { admin, jsonBody, MAX_LOAD_BYTES } from "./publishing.ts";
import { get, post, type Route } from "./route.ts";

const TOKEN = /^[\w-]{36}$/;

/** A handler for editors only: the editor's name, else the 401, 403 or 429 to answer. */
const editorsOnly =
  (handler: (c: Ctx, name: string) => Promise<Response>) =>
  async (c: Ctx): Promise<Response> => {
    const name = await admin(c);
    return typeof name === "string" ? handler(c, name) : name;
  };

/** The Newsroom's answer: its refusal as a problem, else JSON for the editor alone. */
const reply = (c: Ctx, answer: object | Refusal, status = 200) =>
  "detail" in answer ? error(c, answer.status, {}, {}, answer.detail) : c.json(answer, ("status" in answer ? answer.status : status) as 200, privateHeaders());

/** A body streamed as it is (a photo's original, a snapshot), for the editor alone. */
const bytes = (body: ReadableStream, type: string, size: number) =>
  new Response(body, { headers: privateHeaders({ "Content-Type": type, "Content-Length": String(size) }) });

/** `GET /api/v1/admin/archive?after=<id>&limit=N`: the articles as they are now, any status, in id order. */
const archive = async (c: Ctx) => reply(c, await newsroom(c.env).archive(c.req.query("after") ?? "", Number(c.req.query("limit") ?? 100)));

/** `GET /api/v1/admin/media/<id>`: a photo's original bytes, for an export with `--media`. */
async function original(c: Ctx): Promise<Response> {
  const object = await originalMedia(c.env, c.req.param("id") ?? "");
  return object ? bytes(object.body, object.httpMetadata?.contentType ?? "application/octet-stream", object.size) : error(c, 404);
}

/** `GET /api/v1/admin/backups`: the snapshot being taken, the latest outcomes, and a restore under way; `POST` takes a snapshot now (202). */
async function backups(c: Ctx, start: boolean): Promise<Response> {
  const room = newsroom(c.env);
  const status = start ? await room.startBackup("request", Date.now()) : await room.backupStatus();
  return reply(c, { ...status, restore: await room.restoreStatus() }, start ? 202 : 200);
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
  if (step === "begin") return reply(c, await room.restoreBegin(input.header, input.force ?? false));
  return reply(c, await (step === "page" ? room.restorePage(token, input.records) : room.restoreFinish(token, input.end, name)));
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
