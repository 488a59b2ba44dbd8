/**
 * @module
 * What apps need beyond lists: the section tree (`/api/v1/sections`), search (`/api/v1/search`
 * and the `/search` page) and delta sync (`/api/v1/changes`). Sections and changes are documents the
 * Newsroom writes into KV, read through the cache layers like every page; search asks the
 * Newsroom's FTS5 index on a cache miss only.
 */

import { LISTING_CACHE, NO_STORE } from "../../shared/freshness/policy.ts";
import { resourceKey } from "../../shared/freshness/resources.ts";
import { fold, MARK_END, MARK_START, MAX_TERMS } from "../../shared/model/search-terms.ts";
import { MAX_PAGE, pageCount, pageLinks, positiveInt, withPage } from "../http/pagination.ts";
import { allowed, limitedHeaders, policyHeader, SEARCH_POLICY } from "../http/ratelimit.ts";
import { newsroom } from "../newsroom-client.ts";
import { readFeed, readSections } from "../read/store.ts";
import { searchMarkdown } from "../render/markdown.ts";
import { SearchPage } from "../render/search-page.tsx";
import { entryFrom, negotiatedEntry } from "../views/represent.ts";
import { number, t } from "../i18n/messages.ts";
import { articleSummary, type ChangeView, highlighted, richSummary, type SearchView, sectionTree } from "../views/views.ts";
import { error } from "./answers.ts";
import { serve } from "./cached.ts";
import { acceptsJson, apiHeaders, type Ctx, kindSpec, negotiated } from "./context.ts";
import { bannerOf, navOf } from "./page-data.ts";
import { sectionScope } from "./pages.ts";
import { get, type Route } from "./route.ts";

const JSON_TYPE = "application/json; charset=utf-8";
/** Longest query accepted, in characters. */
export const MAX_QUERY = 200;
/** Results per page of search, at most. */
export const MAX_SEARCH_PER_PAGE = 50;
/** The 400 for a query with no word in it (or none at all). */
const NO_WORDS = { field: "q", message: "must contain a word to search for" };
/** Changes per answer, at most (one KV page). */
export const MAX_CHANGES = 100;

async function sections(c: Ctx): Promise<Response> {
  if (!acceptsJson(c)) return error(c, 406);
  const site = c.var.site;
  return serve(c, {
    key: resourceKey({ type: "sections" }),
    variant: "json",
    build: async () => {
      const doc = await readSections(c.env.NEWS);
      const body = { total: doc?.total ?? 0, sections: sectionTree(doc, site.origin) };
      return entryFrom(JSON.stringify(body), JSON_TYPE, "json", {
        path: "/api/v1/sections",
        headers: apiHeaders(LISTING_CACHE),
        canonical: `${site.canonicalOrigin}/api/v1/sections`,
      });
    },
  });
}

/**
 * `/search` with no query: the form alone, for readers who follow the footer's link. `advice`: a query
 * with no word in it (empty, blanks, signs alone): the same page saying what to type, as a 400 rather
 * than a bare error page (kept like the form: it is the same for every such query; not for browsers' caches).
 */
async function searchForm(c: Ctx, advice = false): Promise<Response> {
  const kind = negotiated(c);
  if (kind !== "html") return error(c, kind ? 400 : 406, {}, { errors: [NO_WORDS] });
  const site = c.var.site;
  return serve(c, {
    key: resourceKey({ type: "search-form" }),
    variant: advice ? "advice" : kind,
    build: async () => {
      const view: SearchView = { query: "", section: null, results: [], total: 0, page: 1, perPage: 20, pages: 0 };
      const nav = navOf(await c.var.services.reads.nav(c.env.NEWS), "", c.var.site.order, c.var.site.sectionNames, await bannerOf(c));
      const canonical = `${site.canonicalOrigin}/search`;
      const spec = await kindSpec(c, kind, advice ? NO_STORE : LISTING_CACHE);
      const notice = advice ? { text: t(site.language, "searchHint") } : undefined;
      const entry = await negotiatedEntry(
        kind,
        view,
        { page: (v) => SearchPage({ view: v, site, links: { canonical }, nav, notice }), markdown: searchMarkdown },
        { path: "/search", ...spec, canonical },
      );
      return advice ? { ...entry, status: 400 } : entry;
    },
  });
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const OPERATOR = /^(AND|OR|NOT|NEAR)$/;

/**
 * What the search page searches of a query (the API refuses one over its limits instead): what was
 * typed up to the first run of it (`"word`, `foo-bar`) that would pass `MAX_TERMS` words or
 * `MAX_QUERY` characters (a first run over them alone is cut at the limit); `omitted` is the rest,
 * which the page names. A person types thirteen words without thinking of limits.
 */
export function fitQuery(query: string): { q: string; omitted: string } {
  const text = query.normalize("NFC");
  let words = 0;
  let end = text.length;
  for (const m of text.matchAll(/\S+/g)) {
    words += queryWords(m[0]).length;
    if (words <= MAX_TERMS && m.index + m[0].length <= MAX_QUERY) continue;
    end = m.index || MAX_QUERY;
    break;
  }
  return { q: text.slice(0, end).trim(), omitted: text.slice(end).trim() };
}

/**
 * The words of a query as search matches them: folded letters and digits (as the Newsroom's index has
 * them), without the operator words. Every one must match; there are at most `MAX_TERMS`.
 */
export function queryWords(q: string): string[] {
  // FTS5's operators as a user types them (upper case) are separators, like `"`, `*`, `-` and `:`, never words.
  return (fold(q).match(WORD) ?? []).filter((w) => !OPERATOR.test(w));
}

async function search(c: Ctx, api: boolean): Promise<Response> {
  const asked = (c.req.query("q") ?? "").trim();
  // No query string at all (not even `?q=`): the page of the form.
  if (!api && c.var.url.search === "") return searchForm(c);
  const kind = api ? (acceptsJson(c) ? "json" : null) : negotiated(c);
  // A person at the page gets what fits searched and is told the rest; apps get the API's 400s.
  const person = !api && kind === "html";
  const { q, omitted } = person ? fitQuery(asked) : { q: asked, omitted: "" };
  if (q.length > MAX_QUERY) return error(c, 400, {}, { errors: [{ field: "q", message: `must be at most ${MAX_QUERY} characters` }] });
  const words = queryWords(q);
  if (words.length === 0) return person ? searchForm(c, true) : error(c, 400, {}, { errors: [NO_WORDS] });
  // Refused rather than cut: a word past the limit that matched nothing would still find results.
  if (words.length > MAX_TERMS) return error(c, 400, {}, { errors: [{ field: "q", message: `must have at most ${MAX_TERMS} words` }] });
  const page = positiveInt(c.req.query("page"), 1, MAX_PAGE);
  const perPage = positiveInt(c.req.query("per_page"), 20, MAX_SEARCH_PER_PAGE);
  if (page === undefined) return error(c, 400, {}, { errors: [{ field: "page", message: "must be a whole number from 1 to 10000" }] });
  if (perPage === undefined) return error(c, 400, {}, { errors: [{ field: "per_page", message: `must be a whole number from 1 to ${MAX_SEARCH_PER_PAGE}` }] });
  const section = c.req.query("section");
  const scope = section === undefined ? "all" : sectionScope(`/${section}`);
  if (!scope) return error(c, 400, {}, { errors: [{ field: "section", message: "must be a section path such as News/Syria" }] });
  if (!kind) return error(c, 406);
  const site = c.var.site;
  const path = api ? "/api/v1/search" : "/search";
  const params = { q, section: scope === "all" ? undefined : scope, per_page: perPage === 20 ? undefined : String(perPage) };
  let limited = false;
  const answer = await serve(c, {
    key: resourceKey({ type: "search", api, scope, page, perPage, q: asked }),
    variant: kind,
    // Results come from the Newsroom, not KV: no key says when they change.
    renewable: false,
    searched: true,
    build: async () => {
      // Only what reaches the Newsroom counts: an answer from a cache is never limited.
      if (!(await allowed(c.env.SEARCH_LIMIT, `client:${c.req.header("cf-connecting-ip") ?? "unknown"}`))) {
        limited = true;
        return null;
      }
      // The words alone, so the Newsroom searches for exactly these (no operator word, none past the limit).
      const found = await newsroom(c.env).search(words.join(" "), scope, (page - 1) * perPage, perPage);
      const pages = pageCount(found.total, perPage);
      const view: SearchView = {
        query: q,
        section: scope === "all" ? null : scope,
        results: found.hits.map((h) => ({ ...articleSummary(h.entry, site), ...highlighted(h.snippet, MARK_START, MARK_END) })),
        total: found.total,
        page,
        perPage,
        pages,
      };
      const href = (n: number) => site.origin + withPage(path, params, n);
      const spec = await kindSpec(c, kind, LISTING_CACHE);
      // Every representation varies by Accept (the HTML and Markdown ones say so in negotiatedEntry too).
      const headers: Record<string, string> = { ...spec.headers, ...policyHeader(SEARCH_POLICY), Vary: "Accept" };
      const link = pageLinks(page, pages, href);
      if (link) headers.Link = link;
      const canonical = site.canonicalOrigin + withPage(path, params, page);
      // The request's own spelling of the query is the resource: no redirect to a normalised one.
      const self = c.var.url.pathname;
      const links = { canonical, prev: page > 1 ? href(page - 1) : undefined, next: page < pages ? href(page + 1) : undefined };
      if (kind === "json") return entryFrom(JSON.stringify(view), JSON_TYPE, "json", { path: self, headers, canonical });
      const nav =
        kind === "html" ? navOf(await c.var.services.reads.nav(c.env.NEWS), "", c.var.site.order, c.var.site.sectionNames, await bannerOf(c)) : undefined;
      const lang = site.language;
      // The words left out end the line, in every catalog.
      const notice = omitted ? { text: t(lang, "searchCut", number(lang, MAX_TERMS), number(lang, MAX_QUERY)), omitted } : undefined;
      const rel = { ...site, origin: "" };
      const images = found.hits.map((h) => richSummary(h.entry, rel).image);
      // Nothing found: the newest stories instead (furniture: without them if KV cannot give them).
      const latest =
        kind === "html" && found.total === 0
          ? ((await c.var.services.reads.head(c.env.NEWS, "all").catch(() => undefined))?.entries ?? []).slice(0, 6).map((e) => richSummary(e, rel))
          : [];
      return negotiatedEntry(
        kind,
        view,
        {
          page: (v) => SearchPage({ view: v, site, links, nav, images, notice, latest }),
          markdown: searchMarkdown,
        },
        { path: self, headers, css: spec.css, canonical },
      );
    },
  });
  return limited ? error(c, 429, limitedHeaders(SEARCH_POLICY)) : answer;
}

async function changes(c: Ctx): Promise<Response> {
  // Given twice, either value could be the one meant: a 400, not the first taken silently.
  const twice = ["since", "limit"].find((name) => (c.req.queries(name)?.length ?? 0) > 1);
  if (twice) return error(c, 400, {}, { errors: [{ field: twice, message: "must be given once" }] });
  const sinceText = c.req.query("since");
  // `?latest`: no changes, only the current cursor, for an app about to load the lists (README, Delta sync).
  const latest = c.req.query("latest") !== undefined;
  if (latest && sinceText !== undefined) return error(c, 400, {}, { errors: [{ field: "latest", message: "cannot be combined with `since`" }] });
  if (sinceText !== undefined && !/^(0|[1-9][0-9]{0,14})$/.test(sinceText))
    return error(c, 400, {}, { errors: [{ field: "since", message: "must be a cursor from a previous answer's `next`" }] });
  const since = sinceText === undefined ? 0 : Number(sinceText);
  const limit = positiveInt(c.req.query("limit"), MAX_CHANGES, MAX_CHANGES);
  if (limit === undefined) return error(c, 400, {}, { errors: [{ field: "limit", message: `must be a whole number from 1 to ${MAX_CHANGES}` }] });
  if (!acceptsJson(c)) return error(c, 406);
  const site = c.var.site;
  const path = "/api/v1/changes";
  let gone = false;
  const answer = await serve(c, {
    key: resourceKey({ type: "changes", since: latest ? "latest" : since, limit }),
    variant: "json",
    build: async () => {
      const feed = await readFeed(c.env.NEWS, since, latest ? 0 : limit);
      // Older than what is kept (0 too, once the oldest pages are dropped), or ahead of the newest change
      // (a cursor from before a reset, which would otherwise never sync again): the app must load the lists again.
      if (!latest && (feed.gone || since > feed.last)) {
        gone = true;
        return null;
      }
      const list: ChangeView[] = feed.changes.map((ch) =>
        // An upsert carries what a list with `fields=description,image` carries, so a synced list is a loaded one.
        ch.type === "upsert"
          ? { type: "upsert", time: ch.time, ...richSummary(ch.entry, site), ...(ch.entry.live && { live: ch.entry.live }) }
          : { type: "delete", id: ch.id, time: ch.time },
      );
      const next = String(latest ? feed.last : feed.changes.length ? feed.changes[feed.changes.length - 1].n : Math.max(since, feed.first - 1));
      const body = { changes: list, next, more: Number(next) < feed.last };
      const headers = apiHeaders(LISTING_CACHE);
      if (body.more) headers.Link = `<${site.origin}${path}?since=${next}${limit === MAX_CHANGES ? "" : `&limit=${limit}`}>; rel="next"`;
      return entryFrom(JSON.stringify(body), JSON_TYPE, "json", {
        path,
        headers,
        canonical: `${site.canonicalOrigin}${path}?${latest ? "latest" : `since=${since}`}`,
      });
    },
  });
  if (!gone) return answer;
  return error(
    c,
    410,
    {},
    { resync: `${site.origin}/api/v1/articles` },
    "This cursor is older than the changes kept, or newer than the newest: take `?latest`, load the lists again, then sync from it.",
  );
}

export const discoverRoutes: Route[] = [
  get("/api/v1/sections", sections),
  get("/api/v1/search", (c) => search(c, true)),
  get("/search", (c) => search(c, false)),
  get("/api/v1/changes", changes),
];
