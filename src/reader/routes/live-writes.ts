/**
 * @module
 * The write side of live stories (issue 38): `POST /api/v1/articles/<id>/updates` posts an update,
 * `PUT …/updates/<n>` edits one, `DELETE …/updates/<n>` deletes it (a tombstone). Each is a new version
 * of the article, decided by the Newsroom as a publish is (src/newsroom/live-updates.ts), so these take
 * what a PUT of the article takes: a bearer token or the desk's session (with its CSRF token), `If-Match`
 * with the article's JSON ETag, `Prefer: wait`. A contributor writes to a draft story only, as for
 * articles. The public `GET …/updates?since=` is the readers' side, not here.
 */

import { ARTICLE_ID } from "../../shared/model/ids.ts";
import { liveCursor, type LiveUpdate } from "../../shared/model/live.ts";
import { type Block, type FieldError, MAX_ARTICLE_BYTES, validateArticle } from "../../shared/model/schema.ts";
import type { UpdateInput, WriteResult } from "../../shared/newsroom-api.ts";
import { newsroom } from "../newsroom-client.ts";
import { articleJsonEtag } from "../views/represent.ts";
import { articleView } from "../views/views.ts";
import { error } from "./answers.ts";
import type { Ctx } from "./context.ts";
import { privateHeaders, writer } from "./editor-auth.ts";
import { forget, invalid, jsonBody, options, refused, writeHeaders } from "./publishing.ts";
import { del, post, put, type Route } from "./route.ts";

/** An update's number in a URL: 1 to 9 digits, not starting with 0. */
const UPDATE_NUMBER = /^[1-9]\d{0,8}$/;
const MEMBERS = ["title", "body", "pinned", "authors"];
const PLACEHOLDER = "2000-01-01T00:00:00Z";

/**
 * An update as an editor sends it, checked by the article schema itself (the update inside a minimal
 * live article), its errors named from the update's own members (`body[0].text`, `title`).
 */
export function updateInput(body: Record<string, unknown>): UpdateInput | FieldError[] {
  const errors: FieldError[] = Object.keys(body)
    .filter((k) => !MEMBERS.includes(k))
    .map((k) => ({ field: k, message: `is not a member of an update (${MEMBERS.join(", ")}; the Newsroom numbers and dates it)` }));
  if (body.body === undefined) errors.push({ field: "body", message: "is required" });
  if (errors.length) return errors;
  const update = { n: 1, seq: 1, time: PLACEHOLDER, ...body };
  const probe = { id: "1", headline: "Live", section: ["News"], published: PLACEHOLDER, body: [{ type: "paragraph", text: "Live" }] };
  const checked = validateArticle({ ...probe, live: { start: PLACEHOLDER, end: null }, updates: [update] });
  if (!checked.ok) return checked.errors.map((e) => ({ field: e.field.replace(/^updates\[0\]\.?/, "") || "body", message: e.message }));
  const { title, body: blocks, pinned, authors } = checked.value.updates![0]!;
  return { ...(title && { title }), body: blocks, ...(pinned && { pinned }), ...(authors && { authors }) };
}

/** The Newsroom's 422 for a story grown past the article limit, said as what it is. */
function tooBig(errors: FieldError[]): FieldError[] {
  return errors.map((e) =>
    e.field === "" && e.message.startsWith("must be at most")
      ? {
          field: "",
          message: `would take the story over ${MAX_ARTICLE_BYTES / 1024} KiB as JSON, the limit of an article (${e.message.replace(/^.*\((.*)\)$/, "$1")}): delete or shorten older updates, or close coverage and continue in a new story`,
        }
      : e,
  );
}

/** One live write: who, the body, the preconditions, the Newsroom's call, and the answer. */
async function liveWrite(c: Ctx, action: "post" | "edit" | "delete"): Promise<Response> {
  const id = c.req.param("id") ?? "";
  const number = c.req.param("n") ?? "1";
  if (!ARTICLE_ID.test(id) || !UPDATE_NUMBER.test(number)) return error(c, 404);
  const name = await writer(c);
  if (typeof name !== "string") return name;
  const opts = await options(c, id);
  if (opts instanceof Response) return opts;
  opts.draftOnly = c.var.role === "contributor";
  let update: UpdateInput | null = null;
  if (action !== "delete") {
    const body = await jsonBody(c, MAX_ARTICLE_BYTES);
    if (body instanceof Response) return body;
    const input = updateInput(body);
    if (Array.isArray(input)) return invalid(c, input);
    update = input;
  }
  const started = Date.now();
  const n = Number(number);
  const room = newsroom(c.env);
  const result: WriteResult =
    action === "post"
      ? await room.postUpdate(id, update!, name, opts)
      : action === "edit"
        ? await room.editUpdate(id, n, update!, name, opts)
        : await room.deleteUpdate(id, n, name, opts);
  if (result.status === 403) return error(c, 403, {}, {}, "A contributor writes to draft stories only: updates to a story readers see are for editors.");
  if (result.status === 422) return invalid(c, tooBig(result.errors));
  if (!("commit" in result) || !result.article) return refused(c, result);
  await forget(c, result, opts.waitMs !== undefined);
  const etag = await articleJsonEtag(articleView(result.article, c.var.site), result.tag);
  // The article's new JSON ETag, for the next write's `If-Match` (this answer's own resource is the update).
  const headers = privateHeaders({ "Article-ETag": etag, ...writeHeaders(result, opts.waitMs, started) });
  if (result.status === 204) return c.body(null, 204, headers);
  const posted = (result.article.updates ?? []).find((u) => u.n === result.n) as LiveUpdate<Block>;
  const url = `${c.var.site.origin}/api/v1/articles/${id}/updates/${posted.n}`;
  if (result.status === 201) headers.Location = url;
  const answer = {
    ...posted,
    article: { id, version: result.version, etag, cursor: liveCursor(result.article), url: `${c.var.site.origin}/api/v1/articles/${id}` },
  };
  return c.json(answer, result.status as 200 | 201, headers);
}

export const liveWriteRoutes: Route[] = [
  post("/api/v1/articles/:id/updates", (c) => liveWrite(c, "post")),
  put("/api/v1/articles/:id/updates/:n", (c) => liveWrite(c, "edit")),
  del("/api/v1/articles/:id/updates/:n", (c) => liveWrite(c, "delete")),
];
