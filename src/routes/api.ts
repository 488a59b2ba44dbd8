/**
 * @module
 * The versioned JSON API for apps: `/api/v1/articles` (list), `/api/v1/articles/<id>` (read,
 * publish with PUT, remove with DELETE), and its OpenAPI description at `/openapi.json`.
 */

import type { Hono } from "hono";
import { readListing } from "../content/listing.ts";
import { articlePath } from "../content/paths.ts";
import { type Article, dateValue, validateArticle } from "../content/schema.ts";
import { deleteArticle, readArticle, saveArticle } from "../content/store.ts";
import { negotiateCached } from "../http/accept.ts";
import { bearerMatches, challenge } from "../http/auth.ts";
import { readLimited, TooLarge } from "../http/body.ts";
import { ARTICLE_CACHE, LISTING_CACHE, NO_STORE } from "../http/cache-control.ts";
import { MAX_PAGE, MAX_PER_PAGE, PER_PAGE, pageCount, pageLinks, positiveInt, withPage } from "../http/pagination.ts";
import { COMMON_HEADERS } from "../http/security.ts";
import { openApiDocument } from "../openapi.ts";
import { entryFrom } from "../represent.ts";
import { type ArticleSummary, type ArticleView, articleSummary, articleView } from "../views.ts";
import { sectionScope } from "./pages.ts";
import { type AppEnv, type Ctx, dataHeaders, error, serve } from "./shared.ts";

/** Largest accepted article body; the seed article is about 12 KB as JSON. */
export const MAX_BODY_BYTES = 256 * 1024;
const JSON_TYPE = "application/json; charset=utf-8";
const JSON_ONLY = [{ type: "application/json" }];
const ARTICLE_FIELDS = ["id", "url", "canonicalUrl", "section", "headline", "description", "datePublished", "dateModified", "image", "body", "authors", "tags", "language", "corrections"] as const;
const SUMMARY_FIELDS = ["id", "url", "canonicalUrl", "section", "headline", "datePublished", "dateModified"] as const;

/**
 * `fields=a,b`: the requested top-level members, in the documented order; undefined for all;
 * a string naming the first unknown field otherwise.
 */
export function parseFields(value: string | undefined, known: readonly string[]): string[] | undefined | { unknown: string } {
  if (value === undefined) return undefined;
  const asked = new Set(value.split(",").map((f) => f.trim()).filter(Boolean));
  for (const f of asked) if (!known.includes(f)) return { unknown: f };
  return known.filter((f) => asked.has(f));
}

function pick<T extends object>(value: T, fields: string[] | undefined): Partial<T> {
  if (!fields) return value;
  return Object.fromEntries(fields.map((f) => [f, (value as Record<string, unknown>)[f]])) as Partial<T>;
}

function acceptsJson(c: Ctx): boolean {
  const ok = negotiateCached(c.req.header("accept"), JSON_ONLY) !== null;
  if (ok) c.set("kind", "json");
  return ok;
}

async function list(c: Ctx): Promise<Response> {
  const page = positiveInt(c.req.query("page"), 1, MAX_PAGE);
  const perPage = positiveInt(c.req.query("per_page"), PER_PAGE, MAX_PER_PAGE);
  if (page === undefined) return error(c, 400, {}, { errors: [{ field: "page", message: "must be a whole number from 1 to 10000" }] });
  if (perPage === undefined) return error(c, 400, {}, { errors: [{ field: "per_page", message: `must be a whole number from 1 to ${MAX_PER_PAGE}` }] });
  const section = c.req.query("section");
  const scope = section === undefined ? "all" : sectionScope(`/${section}`);
  if (!scope) return error(c, 400, {}, { errors: [{ field: "section", message: "must be a section path such as News/Syria" }] });
  const fields = parseFields(c.req.query("fields"), SUMMARY_FIELDS);
  if (fields && !Array.isArray(fields)) return error(c, 400, {}, { errors: [{ field: "fields", message: `has an unknown field name` }] });
  if (!acceptsJson(c)) return error(c, 406);
  const site = c.var.site;
  const path = "/api/v1/articles";
  return serve(c, {
    key: `api list ${scope} ${page} ${perPage} ${fields?.join(",") ?? "*"}`,
    variant: "json",
    build: async () => {
      const { entries, total } = await readListing(c.env.NEWS, scope, (page - 1) * perPage, perPage);
      const pages = pageCount(total, perPage);
      const params = { section: scope === "all" ? undefined : scope, fields: fields?.join(","), per_page: perPage === PER_PAGE ? undefined : String(perPage) };
      const body = {
        articles: entries.map((e) => pick<ArticleSummary>(articleSummary(e, site), fields)),
        total,
        page,
        perPage,
        pages,
      };
      const headers = dataHeaders(LISTING_CACHE);
      const link = pageLinks(page, pages, (n) => site.origin + withPage(path, params, n));
      if (link) headers.Link = link;
      const canonical = site.canonicalOrigin + withPage(path, params, page);
      return entryFrom(JSON.stringify(body), JSON_TYPE, "json", { path, headers, canonical });
    },
  });
}

async function read(c: Ctx, id: string): Promise<Response> {
  const fields = parseFields(c.req.query("fields"), ARTICLE_FIELDS);
  if (fields && !Array.isArray(fields)) return error(c, 400, {}, { errors: [{ field: "fields", message: "has an unknown field name" }] });
  if (!acceptsJson(c)) return error(c, 406);
  const { services, site } = c.var;
  return serve(c, {
    key: `api article ${id} ${fields?.join(",") ?? "*"}`,
    variant: "json",
    build: async () => {
      const found = await services.loadArticle(c.env.NEWS, id);
      if (!found) return null;
      const view = articleView(found, site);
      return entryFrom(JSON.stringify(pick<ArticleView>(view, fields)), JSON_TYPE, "json", {
        lastModified: Date.parse(found.modified),
        path: `/api/v1/articles/${id}`,
        headers: dataHeaders(ARTICLE_CACHE),
        canonical: view.canonicalUrl,
      });
    },
  });
}

/** Checks the token; a 401 with a challenge (and no change) when it is missing or wrong. */
async function authorized(c: Ctx): Promise<Response | null> {
  const authorization = c.req.header("authorization");
  if (await bearerMatches(authorization, c.env.PUBLISH_TOKEN)) return null;
  return error(c, 401, { "WWW-Authenticate": challenge(authorization) });
}

function nowSeconds(): string {
  return new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

async function publish(c: Ctx, id: string): Promise<Response> {
  const denied = await authorized(c);
  if (denied) return denied;
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) return error(c, 415);
  let text: string;
  try {
    text = await readLimited(c.req.raw, MAX_BODY_BYTES);
  } catch (err) {
    if (err instanceof TooLarge) return error(c, 413, {}, { limit: MAX_BODY_BYTES });
    return error(c, 400, {}, {}, "The body is not valid UTF-8.");
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return error(c, 400, {}, {}, "The body is not valid JSON.");
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return error(c, 422, {}, { errors: [{ field: "", message: "must be an object" }] });
  }
  const fields = input as Record<string, unknown>;
  if (fields.id !== undefined && String(fields.id) !== id) {
    return error(c, 422, {}, { errors: [{ field: "id", message: "must match the id in the URL" }] });
  }
  // Read from KV, not this isolate's copy: the same record decides "correction" and what the index replaces.
  const previous = await readArticle(c.env.NEWS, id);
  // A correction without an explicit `modified` is dated now (or at publication, if that is later),
  // so its ETag and dateModified change.
  const candidate: Record<string, unknown> = { ...fields, id };
  if (previous && fields.modified === undefined) {
    const published = typeof fields.published === "string" ? dateValue(fields.published) : NaN;
    candidate.modified = published > Date.now() ? fields.published : nowSeconds();
  }
  const checked = validateArticle(candidate);
  if (!checked.ok) return error(c, 422, {}, { errors: checked.errors });
  const article: Article = checked.value;
  await saveArticle(c.env.NEWS, article, previous);
  await c.var.services.invalidate(c, id, [article.section, ...(previous ? [previous.section] : [])]);
  const view = articleView(article, c.var.site);
  const headers: Record<string, string> = { ...COMMON_HEADERS, "Cache-Control": NO_STORE, "Content-Type": JSON_TYPE };
  if (!previous) headers.Location = `${c.var.site.origin}/api/v1/articles/${id}`;
  headers["Content-Location"] = `${c.var.site.origin}${articlePath(article)}`;
  return c.body(JSON.stringify(view), previous ? 200 : 201, headers);
}

async function remove(c: Ctx, id: string): Promise<Response> {
  const denied = await authorized(c);
  if (denied) return denied;
  const removed = await deleteArticle(c.env.NEWS, id);
  if (!removed) return error(c, 404);
  await c.var.services.invalidate(c, id, [removed.section]);
  return c.body(null, 204, { ...COMMON_HEADERS, "Cache-Control": NO_STORE });
}

const ID = /^[1-9][0-9]{0,11}$/;

export function apiRoutes(app: Hono<AppEnv>): void {
  app.get("/api/v1/articles", list);
  app.on(["GET", "PUT", "DELETE"], "/api/v1/articles/:id", (c) => {
    const id = c.req.param("id");
    if (!ID.test(id)) return error(c, 404);
    if (c.req.method === "PUT") return publish(c, id);
    if (c.req.method === "DELETE") return remove(c, id);
    return read(c, id);
  });
  app.get("/openapi.json", (c) =>
    serve(c, {
      key: "openapi",
      variant: "json",
      build: () =>
        entryFrom(JSON.stringify(openApiDocument(c.var.site.origin)), "application/openapi+json", "json", {
          path: "/openapi.json",
          headers: dataHeaders(LISTING_CACHE),
          canonical: c.var.site.canonicalOrigin + "/openapi.json",
        }),
    }),
  );
}
