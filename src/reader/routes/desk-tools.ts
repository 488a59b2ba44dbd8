/**
 * @module
 * What only the desk's editor page asks for, beside the API and its live preview (publishing.ts): the
 * sections, bylines and tags in use for its pickers, and the server autosave (each editor's private
 * working copy of a story, src/newsroom/working-copy.ts). An editor's session (and, to write, its CSRF token) or token.
 */

import { PRIVATE } from "../../shared/freshness/policy.ts";
import { newsroom } from "../newsroom-client.ts";
import { ifMatchTags } from "../views/represent.ts";
import { error } from "./answers.ts";
import { type Ctx } from "./context.ts";
import { editor, privateHeaders } from "./editor-auth.ts";
import { jsonBody, MAX_BODY_BYTES } from "./publishing.ts";
import { del, get, put, type Route } from "./route.ts";

const NO_CACHE = { "Cache-Control": PRIVATE };

/** `GET /desk/api/vocabulary`: the sections, bylines and tags the stories use, for the editor's pickers. */
async function vocabulary(c: Ctx): Promise<Response> {
  const name = await editor(c);
  return typeof name !== "string" ? name : c.json(await newsroom(c.env).vocabulary(), 200, privateHeaders());
}

/**
 * `PUT /desk/api/autosave/<id>` (JSON: the editor's form; `If-Match`: the ETag of the version it was
 * typed over, 412 once that is not current) keeps the editor's working copy; `DELETE` forgets it.
 * The editor's view of the story (`?preview=1`) carries it back.
 */
async function autosave(c: Ctx): Promise<Response> {
  const name = await editor(c);
  if (typeof name !== "string") return name;
  const etag = c.req.header("if-match") ?? "";
  const text = c.req.method === "PUT" ? await jsonBody(c, MAX_BODY_BYTES) : null;
  if (text instanceof Response) return text;
  const { status } = await newsroom(c.env).keepWorkingCopy(c.req.param("id") ?? "", name, text, etag, { ifTags: ifMatchTags(etag) });
  return status === 204 ? c.body(null, 204, privateHeaders()) : error(c, status, NO_CACHE);
}

export const deskToolRoutes: Route[] = [
  get("/desk/api/vocabulary", vocabulary),
  put("/desk/api/autosave/:id", autosave),
  del("/desk/api/autosave/:id", autosave),
];
