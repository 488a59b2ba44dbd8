/**
 * @module
 * The reader's URLs: the front page, section pages and articles, each as HTML, JSON or Markdown by `Accept`.
 */

import { ARTICLE_CACHE, LISTING_CACHE } from "../../shared/freshness/policy.ts";
import { resourceKey } from "../../shared/freshness/resources.ts";
import { oldPathOf } from "../../shared/model/old-paths.ts";
import { articleIdFromPath, articlePath } from "../../shared/model/paths.ts";
import { MAX_PAGE, PER_PAGE, pageCount, positiveInt } from "../http/pagination.ts";
import { readListing } from "../read/listing.ts";
import { canonicalScope, readOldPath } from "../read/store.ts";
import { ArticlePage } from "../render/article.tsx";
import { ListPage } from "../render/front.tsx";
import { articleMarkdown, listMarkdown } from "../render/markdown.ts";
import { normalizePath } from "../site/hosts.ts";
import { negotiatedEntry } from "../views/represent.ts";
import { articleList, articleView } from "../views/views.ts";
import { error, goneEntry, toCanonicalPath } from "./answers.ts";
import { serve } from "./cached.ts";
import { kindSpec, negotiated, type Ctx } from "./context.ts";
import { articleExtras, listExtras, listingLinks } from "./page-data.ts";
import { get, type Route } from "./route.ts";
import { articleTag } from "../../shared/model/article-tag.ts";
import { liveScript } from "../render/live-script.ts";

// Segments separated by exactly one "/", so the pattern cannot match a string in more than one way
// (an ambiguous one backtracks for seconds on a long path that almost matches).
const SECTION_PATH = /^\/([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?:\/[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*){0,3})\/?$/;

/** `/News/Syria` → `News/Syria`: one to four slug segments; anything else is not a section path. */
export function sectionScope(path: string): string | undefined {
  if (path.length > 400) return undefined;
  return SECTION_PATH.exec(path)?.[1];
}

async function listing(c: Ctx, scope: string): Promise<Response> {
  const page = positiveInt(c.req.query("page"), 1, MAX_PAGE);
  if (page === undefined) return error(c, 400, {}, {}, "`page` must be a whole number from 1 to 10000.");
  const kind = negotiated(c);
  if (!kind) return error(c, 406);
  const site = c.var.site;
  const path = scope === "all" ? "/" : `/${scope}`;
  return serve(c, {
    key: resourceKey({ type: "listing", scope, page }),
    variant: kind,
    build: async () => {
      const { entries, total } = await readListing(c.env.NEWS, scope, (page - 1) * PER_PAGE, PER_PAGE);
      const pages = pageCount(total, PER_PAGE);
      if ((total === 0 && scope !== "all") || page > pages) return null;
      const section = scope === "all" ? [] : (entries[0]?.section.slice(0, scope.split("/").length) ?? []);
      const list = articleList(entries, site, { section, total, page, perPage: PER_PAGE, pages });
      const { links, link } = listingLinks(site, path, path === "/" ? "" : path, page, pages);
      const { headers, css } = await kindSpec(c, kind, LISTING_CACHE);
      if (link) headers.Link = link;
      const extras = kind === "html" ? await listExtras(c, scope, entries, page) : undefined;
      const render = {
        page: (l: typeof list) => ListPage({ list: l, site, links, extras: extras! }),
        markdown: (l: typeof list) => listMarkdown(l, site, links),
      };
      return negotiatedEntry(kind, list, render, { path, headers, css, canonical: links.canonical });
    },
  });
}

async function article(c: Ctx, id: string): Promise<Response> {
  const { services, site } = c.var;
  const kind = negotiated(c);
  // Nothing acceptable: 406 for an article that exists, 404 otherwise.
  if (!kind) return error(c, (await services.reads.article(c.env.NEWS, id)) ? 406 : 404);
  return serve(c, {
    key: resourceKey({ type: "article", id }),
    variant: kind,
    build: async () => {
      const found = await services.reads.article(c.env.NEWS, id);
      if (!found) return goneEntry(c, id, kind);
      const view = articleView(found, site);
      const extras = kind === "html" ? await articleExtras(c, found) : undefined;
      // An open live story's page runs its one script (render/live-script.ts), allowed by hash in its CSP alone.
      const script = kind === "html" && found.live && !found.live.end ? await liveScript(c.env.ASSETS) : undefined;
      const render = {
        page: (v: typeof view) => ArticlePage({ article: v, site, extras, twitter: c.env.SITE_TWITTER, script }),
        markdown: (v: typeof view) => articleMarkdown(v, site),
      };
      return negotiatedEntry(kind, view, render, {
        // The article's own date, in every representation: the page's menu and "More in" change with
        // other articles, which its ETag (over the bytes) tells apart; `If-None-Match` comes first (RFC 9110 §13.2.2).
        lastModified: Date.parse(found.modified),
        path: articlePath(found),
        ...(await kindSpec(c, kind, ARTICLE_CACHE, script?.hash)),
        canonical: view.canonicalUrl,
        articleTag: kind === "json" ? await articleTag(found) : undefined,
      });
    },
  });
}

/**
 * A path of an imported archive's old site (`/?p=123`, `/2020/02/27/slug/`, `/category/news/`): a 301
 * to where it moved, read from `v1:old:<path>` and cached like any resource (a correction that moves
 * the article purges it); else a 404. The entry is only a path: `serve` redirects every request to it.
 */
async function oldPath(c: Ctx): Promise<Response> {
  const old = oldPathOf(c.var.url.pathname, c.var.url.search);
  if (!old) return error(c, 404);
  return serve(c, {
    key: resourceKey({ type: "old-path", path: old }),
    variant: "redirect",
    // The old site's query (its ids, its tracking) means nothing here.
    keepQuery: false,
    build: async () => {
      const to = await readOldPath(c.env.NEWS, old);
      return to ? { body: new Uint8Array(), etag: "", lastModified: NaN, headers: [], path: to } : null;
    },
  });
}

export const pageRoutes: Route[] = [
  // `/?p=123` (an old WordPress address) is an old path; any other query leaves the front page as it is.
  get("/", (c) => (oldPathOf("/", c.var.url.search) ? oldPath(c) : listing(c, "all"))),
  get("*", async (c) => {
    const path = normalizePath(c.var.url.pathname);
    const id = articleIdFromPath(path);
    if (id) return article(c, id);
    const scope = sectionScope(path);
    // `/all` would be the whole site again: the front page is only at `/`.
    if (!scope || /^(detail|all)(\/|$)/i.test(scope)) return oldPath(c);
    const res = await listing(c, scope);
    if (res.status !== 404) return res;
    // A section path in another case (`/news/iran`) goes to its canonical spelling, like articles.
    const canonical = canonicalScope(await c.var.services.reads.nav(c.env.NEWS), scope);
    return canonical ? toCanonicalPath(c, `/${canonical}`) : oldPath(c);
  }),
];
