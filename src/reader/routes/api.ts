/**
 * @module
 * The versioned JSON API for apps: `/api/v1/articles` (list), `/api/v1/articles/<id>` (read; the
 * writes are in publishing.ts), and its OpenAPI description at `/openapi.json`.
 */

import { ARTICLE_CACHE, LISTING_CACHE } from "../../shared/freshness/policy.ts";
import { resourceKey } from "../../shared/freshness/resources.ts";
import { type IndexEntry } from "../../shared/model/documents.ts";
import { ARTICLE_ID as ID, ID_SOURCE } from "../../shared/model/ids.ts";
import { dateValue } from "../../shared/model/schema.ts";
import { MAX_PAGE, MAX_PER_PAGE, PER_PAGE, pageCount, pageLinks, positiveInt, withPage } from "../http/pagination.ts";
import { offsetAfter, readListing } from "../read/listing.ts";
import { canonicalScope } from "../read/store.ts";
import { entryFrom } from "../views/represent.ts";
import { articleSummary, articleView, richSummary, type ArticleView } from "../views/views.ts";
import { error, goneEntry, toCanonicalPath } from "./answers.ts";
import { serve } from "./cached.ts";
import { acceptsJson, apiHeaders, dataHeaders, type Ctx } from "./context.ts";
import { editorialList, preview } from "./editor-reads.ts";
import { sectionScope } from "./pages.ts";
import { get, type Route } from "./route.ts";
import { articleTag } from "../../shared/model/article-tag.ts";

const JSON_TYPE = "application/json; charset=utf-8";
const ARTICLE_FIELDS = [
  "id",
  "url",
  "canonicalUrl",
  "section",
  "headline",
  "description",
  "datePublished",
  "dateModified",
  "image",
  "body",
  "authors",
  "tags",
  "language",
  "corrections",
] as const;
const SUMMARY_FIELDS = ["id", "url", "canonicalUrl", "section", "headline", "datePublished", "dateModified", "description", "image"] as const;
/** What a list item has without `fields` (v1 as it was); `description` and `image` are there when asked for. */
const DEFAULT_SUMMARY: string[] = SUMMARY_FIELDS.slice(0, 7);

/** `after=` cursors: the sort key (publication instant in base 36, id) of the last item an app has seen. */
export function listCursor(e: Pick<IndexEntry, "published" | "id">): string {
  return `${dateValue(e.published).toString(36)}.${e.id}`;
}

const CURSOR = new RegExp(`^(-?[0-9a-z]{1,11})\\.(${ID_SOURCE})$`);

function parseCursor(value: string): { ms: number; id: string } | undefined {
  const m = CURSOR.exec(value);
  const ms = m ? parseInt(m[1], 36) : NaN;
  return m && Number.isSafeInteger(ms) ? { ms, id: m[2] } : undefined;
}

/**
 * `fields=a,b`: the requested top-level members, with `id` and `url` always, in the documented order;
 * undefined for all; a string naming the first unknown field otherwise.
 */
export function parseFields(value: string | undefined, known: readonly string[]): string[] | undefined | { unknown: string } {
  if (value === undefined) return undefined;
  const asked = new Set(
    value
      .split(",")
      .map((f) => f.trim())
      .filter(Boolean),
  );
  for (const f of asked) if (!known.includes(f)) return { unknown: f };
  // What every answer to `fields=` has, asked for or not: an app always needs the id and the link.
  return known.filter((f) => asked.has(f) || f === "id" || f === "url");
}

function pick<T extends object>(value: T, fields: string[] | undefined): Partial<T> {
  if (!fields) return value;
  return Object.fromEntries(fields.map((f) => [f, (value as Record<string, unknown>)[f]])) as Partial<T>;
}

async function list(c: Ctx): Promise<Response> {
  // An editor's list (bearer token or, with `preview`, the desk's session), from the Newsroom;
  // `status=published` without either is the public list.
  const status = c.req.query("status");
  const editorial = c.req.header("authorization") !== undefined || c.req.query("preview") !== undefined;
  if (status !== undefined && (status !== "published" || editorial)) return editorialList(c, status);
  const page = positiveInt(c.req.query("page"), 1, MAX_PAGE);
  const perPage = positiveInt(c.req.query("per_page"), PER_PAGE, MAX_PER_PAGE);
  if (page === undefined) return error(c, 400, {}, { errors: [{ field: "page", message: "must be a whole number from 1 to 10000" }] });
  if (perPage === undefined) return error(c, 400, {}, { errors: [{ field: "per_page", message: `must be a whole number from 1 to ${MAX_PER_PAGE}` }] });
  const section = c.req.query("section");
  const scope = section === undefined ? "all" : sectionScope(`/${section}`);
  if (!scope) return error(c, 400, {}, { errors: [{ field: "section", message: "must be a section path such as News/Syria" }] });
  const fields = parseFields(c.req.query("fields"), SUMMARY_FIELDS);
  if (fields && !Array.isArray(fields)) return error(c, 400, {}, { errors: [{ field: "fields", message: `has an unknown field name` }] });
  const afterText = c.req.query("after");
  const after = afterText === undefined ? undefined : parseCursor(afterText);
  if (afterText !== undefined && (!after || c.req.query("page") !== undefined))
    return error(c, 400, {}, { errors: [{ field: "after", message: "must be a `next` cursor from a previous answer, without `page`" }] });
  if (!acceptsJson(c)) return error(c, 406);
  const site = c.var.site;
  const path = "/api/v1/articles";
  const shown = fields ?? DEFAULT_SUMMARY;
  const rich = shown.includes("description") || shown.includes("image");
  let otherCase: string | undefined;
  const answer = await serve(c, {
    key: resourceKey({ type: "api-listing", scope, page, perPage, fields, after: after ? afterText : undefined }),
    variant: "json",
    build: async () => {
      const offset = after ? await offsetAfter(c.env.NEWS, scope, after.ms, after.id) : (page - 1) * perPage;
      const { entries, total } = await readListing(c.env.NEWS, scope, offset, perPage);
      // `section=news/iran`: the same list as `section=News/Iran`, which it redirects to.
      if (total === 0 && scope !== "all" && (otherCase = canonicalScope(await c.var.services.reads.nav(c.env.NEWS), scope))) return null;
      const pages = pageCount(total, perPage);
      const params = { section: scope === "all" ? undefined : scope, fields: fields?.join(","), per_page: perPage === PER_PAGE ? undefined : String(perPage) };
      const last = entries[entries.length - 1];
      const body = {
        articles: entries.map((e) => pick(rich ? richSummary(e, site) : articleSummary(e, site), shown)),
        total,
        page: after ? Math.floor(offset / perPage) + 1 : page,
        perPage,
        pages,
        // Where the next page starts whatever is published meanwhile: `?after=<next>`.
        ...(last && offset + entries.length < total && { next: listCursor(last) }),
      };
      const headers = apiHeaders(LISTING_CACHE);
      const link = after ? undefined : pageLinks(page, pages, (n) => site.origin + withPage(path, params, n));
      if (link) headers.Link = link;
      const canonical = site.canonicalOrigin + withPage(path, params, page);
      return entryFrom(JSON.stringify(body), JSON_TYPE, "json", { path, headers, canonical });
    },
  });
  if (!otherCase) return answer;
  const query = new URLSearchParams(c.var.url.search);
  query.set("section", otherCase);
  return toCanonicalPath(c, `${path}?${query}`, false);
}

async function read(c: Ctx, id: string): Promise<Response> {
  const fields = parseFields(c.req.query("fields"), ARTICLE_FIELDS);
  if (fields && !Array.isArray(fields)) return error(c, 400, {}, { errors: [{ field: "fields", message: "has an unknown field name" }] });
  if (!acceptsJson(c)) return error(c, 406);
  const { services, site } = c.var;
  return serve(c, {
    key: resourceKey({ type: "api-article", id, fields }),
    variant: "json",
    build: async () => {
      const found = await services.reads.article(c.env.NEWS, id);
      if (!found) return goneEntry(c, id, "json");
      const view = articleView(found, site);
      return entryFrom(JSON.stringify(pick<ArticleView>(view, fields)), JSON_TYPE, "json", {
        lastModified: Date.parse(found.modified),
        path: `/api/v1/articles/${id}`,
        headers: apiHeaders(ARTICLE_CACHE),
        canonical: view.canonicalUrl,
        articleTag: await articleTag(found),
      });
    },
  });
}

export const apiRoutes: Route[] = [
  get("/api/v1/articles", list),
  get("/api/v1/articles/:id", (c) => {
    const id = c.req.param("id");
    if (!ID.test(id)) return error(c, 404);
    // With a bearer token (or `?preview`), the current version whatever its status: an editor's view.
    return c.req.query("preview") === undefined && c.req.header("authorization") === undefined ? read(c, id) : preview(c, id);
  }),
  get("/openapi.json", (c) =>
    serve(c, {
      key: resourceKey({ type: "openapi" }),
      variant: "json",
      build: async () =>
        entryFrom(await openApiText(c.env.ASSETS, c.var.site.origin), "application/openapi+json", "json", {
          path: "/openapi.json",
          headers: dataHeaders(LISTING_CACHE),
          canonical: c.var.site.canonicalOrigin + "/openapi.json",
        }),
    }),
  ),
];

/**
 * The OpenAPI description as served from `origin`: openapi/openapi.json (tools/openapi/ as `npm run
 * openapi` wrote it, a static asset so it is not in the bundle) with its `servers` naming this origin,
 * compact, exactly as `JSON.stringify(openApiDocument(origin))` would give it.
 */
async function openApiText(assets: Fetcher, origin: string): Promise<string> {
  // The asset binding answers any URL by its path; the host is never looked at.
  const res = await assets.fetch("https://assets.invalid/openapi.json");
  if (!res.ok) throw new Error(`the openapi.json asset answered ${res.status}`);
  const doc = (await res.json()) as { servers?: { url: string }[] };
  doc.servers = [{ url: origin }];
  return JSON.stringify(doc);
}
