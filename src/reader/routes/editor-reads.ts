/**
 * @module
 * What editors read back from the Newsroom: an article whatever its status (as JSON, or as its
 * page behind a signed preview link), its revisions, and the lists of their work by status.
 */

import { PRIVATE } from "../../shared/freshness/policy.ts";
import { ARTICLE_ID, VERSION_NUMBER } from "../../shared/model/ids.ts";
import { type Article } from "../../shared/model/schema.ts";
import type { ListFilter, StoredArticle } from "../../shared/newsroom-api.ts";
import type { EditorialItem, EditorialStatus } from "../../shared/editorial.ts";
import { previewValid, signPreview } from "../auth/signing.ts";
import { MAX_PER_PAGE, pageCount, PER_PAGE, positiveInt } from "../http/pagination.ts";
import { htmlHeaders } from "../http/security.ts";
import { newsroom } from "../newsroom-client.ts";
import { ArticlePage } from "../render/article.tsx";
import { renderPage } from "../render/layout.tsx";
import { stylesheet } from "../render/stylesheet.ts";
import { articleJsonEtag } from "../views/represent.ts";
import { articleView } from "../views/views.ts";
import type { Site } from "../site/config.ts";
import { error } from "./answers.ts";
import { type Ctx } from "./context.ts";
import { editor, privateHeaders } from "./editor-auth.ts";
import { articleExtras } from "./page-data.ts";
import { sectionScope } from "./pages.ts";
import { get, type Route } from "./route.ts";

const JSON_TYPE = "application/json; charset=utf-8";

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
    etag: await articleJsonEtag(view, stored.tag),
  };
}

/** `GET /api/v1/articles/<id>` with a bearer token (or `?preview=1`): the current version whatever its status. */
export async function preview(c: Ctx, id: string): Promise<Response> {
  const name = await editor(c);
  if (typeof name !== "string") return name;
  const room = newsroom(c.env);
  // With the editor's own working copy (the desk's autosave, src/newsroom/working-copy.ts), when there is one.
  const [stored, workingCopy] = await Promise.all([room.article(id), room.workingCopy(id, name)]);
  if (!stored) return error(c, 404, { "Cache-Control": PRIVATE });
  return c.body(
    JSON.stringify({ ...(await editorView(c, id, stored)), ...(workingCopy && { workingCopy }) }),
    200,
    privateHeaders({ "Content-Type": JSON_TYPE, "Newsroom-Version": String(stored.version) }),
  );
}

/**
 * An unpublished version's page, exactly as readers would get it (the menu and the rail too) but
 * `noindex`, never cached, and framed by the desk only: for signed preview links and the desk's live preview.
 */
export async function previewResponse(c: Ctx, article: Article): Promise<Response> {
  const [style, extras] = await Promise.all([stylesheet(c.env.ASSETS), articleExtras(c, article)]);
  const html = await renderPage(
    ArticlePage({ article: articleView(article, c.var.site), site: c.var.site, extras, noindex: true, twitter: c.env.SITE_TWITTER }),
    style.css,
  );
  const headers = htmlHeaders(style.hash);
  // The desk shows the preview in a frame of its own origin; no other page may frame it.
  headers["Content-Security-Policy"] = headers["Content-Security-Policy"].replace("frame-ancestors 'none'", "frame-ancestors 'self'");
  headers["X-Frame-Options"] = "SAMEORIGIN";
  return c.body(html, 200, { ...headers, "Cache-Control": PRIVATE, "X-Robots-Tag": "noindex", "Content-Type": "text/html; charset=utf-8" });
}

/** `GET /preview/<id>?expires=…&signature=…`: the article's page for whoever holds the link; never indexed or cached. */
async function previewPage(c: Ctx): Promise<Response> {
  const id = c.req.param("id") ?? "";
  const ok = ARTICLE_ID.test(id) && (await previewValid(id, c.req.query("expires"), c.req.query("signature"), c.env.PREVIEW_SECRET || c.env.PUBLISH_TOKEN));
  const stored = ok ? await newsroom(c.env).article(id) : null;
  return stored ? previewResponse(c, stored.article) : error(c, 404, { "Cache-Control": PRIVATE });
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
  const found = VERSION_NUMBER.test(version) ? await newsroom(c.env).revision(id, Number(version)) : null;
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
    ...(article.undated && { undated: true }),
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
  const bad = (field: string, message: string) => error(c, 400, { "Cache-Control": PRIVATE }, { errors: [{ field, message }] });
  if (!STATUSES.includes(status as EditorialStatus)) return bad("status", `must be one of ${STATUSES.join(", ")}`);
  const page = positiveInt(c.req.query("page"), 1, 10_000);
  const perPage = positiveInt(c.req.query("per_page"), PER_PAGE, MAX_PER_PAGE);
  if (page === undefined || perPage === undefined) return bad(page === undefined ? "page" : "per_page", "must be a whole number in range");
  const q = (name: string) => c.req.query(name) || undefined;
  const section = q("section");
  const scope = section === undefined ? "all" : sectionScope(`/${section}`);
  if (!scope) return bad("section", "must be a section path such as News/Syria");
  const filter = { author: q("author"), editor: q("editor"), from: q("from"), to: q("to"), sort: q("sort") } as ListFilter;
  if (!/^-?(changed|published|headline)$/.test(filter.sort ?? "changed")) return bad("sort", "must be changed, published or headline, - first for ascending");
  const { total, items } = await newsroom(c.env).list(status as EditorialStatus, scope, (page - 1) * perPage, perPage, filter);
  const body = { status, articles: items.map((i) => listItem(i, c.var.site)), total, page, perPage, pages: pageCount(total, perPage) };
  return c.body(JSON.stringify(body), 200, privateHeaders({ "Content-Type": JSON_TYPE }));
}

export const editorReadRoutes: Route[] = [
  // The sections, bylines and tags the stories use (drafts' too), for the desk's pickers.
  get("/desk/api/vocabulary", async (c) => {
    const name = await editor(c);
    return typeof name === "string" ? c.json(await newsroom(c.env).vocabulary(), 200, privateHeaders()) : name;
  }),
  get("/api/v1/articles/:id/revisions", (c) => (ARTICLE_ID.test(c.req.param("id")) ? revisions(c) : error(c, 404))),
  get("/api/v1/articles/:id/revisions/:version", (c) => (ARTICLE_ID.test(c.req.param("id")) ? revision(c) : error(c, 404))),
  get("/preview/:id", previewPage),
];
