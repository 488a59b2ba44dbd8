/**
 * @module
 * Every cacheable resource the Worker serves, typed, and what a change to the store affects.
 *
 * `resourceKey` is the one place a resource's cache key is made (routes, the hot path, and through
 * them every layer: layers.ts adds the representation and the origin). Invalidation never lists
 * keys: each copy records the KV keys it was built from, a write purges copies by those keys
 * (purge.ts), so every variant — any `per_page`, `fields`, `after`, host or representation — goes
 * with its keys, and a new variant cannot be forgotten. `affected` turns what a drain wrote into
 * what to purge; `readsOf` and `writesOf` say which KV keys a resource is built from and which a
 * change writes, so `affectedBy` can say which resources a publish, a correction, a move, an
 * unpublish or a deletion makes stale (tests/workers/cache/invalidation.test.ts holds the Worker to it).
 */

import { ARTICLE_PREFIX, FEED_META, GONE_PREFIX, NAV_KEY, SECTIONS_KEY } from "../model/documents.ts";
import { INDEX_PREFIX, rootKey, scopesOf } from "../model/index-tree.ts";
import { oldPathKey } from "../model/old-paths.ts";
import { BANNER_KEY } from "../model/banner.ts";

/** What every page's chrome reads beside its own resource: the menu (`v1:nav`) and the breaking-news banner (`v1:banner`, issue 38). */
const CHROME = [NAV_KEY, BANNER_KEY];

/**
 * The origin of every Cache API key the service makes: copies (`<origin><key>`), purge records
 * (`<origin>purged/<dep>`) and media renditions (`<origin>media/…`). Never fetched: `.invalid` (RFC 6761).
 */
export const CACHE_ORIGIN = "https://cache.invalid/v1/";

/** A dependency (what a purge names, purge-records.ts) of copies built from the Newsroom's search index rather than KV. */
export const SEARCH_DEP = "search";
/** A dependency of copies built on a fallback after a failed read: every purge purges it. */
export const ANY_DEP = "*";
/** A dependency of every copy: purged when the write log starts over (a content load, a rebuild). */
export const ALL_DEP = "**";

export type Resource =
  /** An article's page: HTML, JSON or Markdown by `Accept`. */
  | { type: "article"; id: string }
  /** `/api/v1/articles/<id>`, `fields` as asked (undefined: all). */
  | { type: "api-article"; id: string; fields?: string[] }
  /** A live story's updates after a sequence (`/api/v1/articles/<id>/updates?since=`), JSON or HTML fragments; built from the article's record. */
  | { type: "live-updates"; id: string; since: number }
  /** The front page (`all`), a section's page, or an author's, a tag's or the corrections' (`@author/<slug>`, `@tag/<slug>`, `@corrections`: taxonomy.ts), page `page`. */
  | { type: "listing"; scope: string; page: number }
  /** `/api/v1/articles` with its query. */
  | { type: "api-listing"; scope: string; page: number; perPage: number; fields?: string[]; after?: string }
  /** RSS or Atom (the format is the variant) of the site (`all`), a section, an author, a tag or the corrections. */
  | { type: "feed"; scope: string }
  | { type: "sitemap-index" }
  | { type: "sitemap"; n: number }
  | { type: "news-sitemap" }
  | { type: "llms" }
  | { type: "robots" }
  | { type: "sections" }
  /** `/api/v1/changes`: from a cursor, or `latest`. */
  | { type: "changes"; since: number | "latest"; limit: number }
  | { type: "search"; api: boolean; scope: string; page: number; perPage: number; q: string }
  | { type: "search-form" }
  | { type: "openapi" }
  /** `/api/v1/banner`: the breaking-news banner, or none. */
  | { type: "banner" }
  /** An old path of an imported archive (`/?p=123`, `/category/news`), normalized: a redirect to where it moved. */
  | { type: "old-path"; path: string };

/** The resource's key within its host's origin (the cache keys of every layer are built from it). */
export function resourceKey(r: Resource): string {
  switch (r.type) {
    case "article":
      return `article ${r.id}`;
    case "api-article":
      return `api article ${r.id} ${r.fields?.join(",") ?? "*"}`;
    case "live-updates":
      return `live ${r.id} ${r.since}`;
    case "listing":
      return `list ${r.scope} ${r.page}`;
    case "api-listing":
      return `api list ${r.scope} ${r.page} ${r.perPage} ${r.fields?.join(",") ?? "*"}${r.after ? ` after ${r.after}` : ""}`;
    case "feed":
      return `feed ${r.scope}`;
    case "sitemap-index":
      return "sitemap index";
    case "sitemap":
      return `sitemap ${r.n}`;
    case "news-sitemap":
      return "news sitemap";
    case "search":
      return `search ${r.api ? "api" : "page"} ${r.scope} ${r.page} ${r.perPage} ${r.q}`;
    case "search-form":
      return "search form";
    case "changes":
      return `changes ${r.since} ${r.limit}`;
    case "old-path":
      return `old ${r.path}`;
    default:
      return r.type;
  }
}

const isNode = (key: string) => key.startsWith(INDEX_PREFIX) && !key.endsWith(":meta");

/** The dependencies whose copies are stale once `keys` are written (what a drain purges). */
export function affected(keys: readonly string[]): string[] {
  const deps = keys.filter((k) => !isNode(k));
  if (deps.some((k) => k.startsWith(ARTICLE_PREFIX))) deps.push(SEARCH_DEP);
  return deps;
}

/** What the store holds, as far as `readsOf` needs it: each article's section, and the newest first per scope. */
export interface StoreView {
  sectionOf(id: string): string[] | undefined;
  /** Ids listed in a scope, newest first. */
  listed(scope: string): string[];
  /** The site's sections with articles, as paths. */
  scopes(): string[];
  /** The tag scopes of a public article (`@tag/<slug>`), whose listings its page's related stories read; absent: none. */
  tagScopesOf?(id: string): string[];
}

/** The scopes a page's "More in" reads: from the article's deepest up, until one has another story. */
function moreInScopes(store: StoreView, id: string, section: string[]): string[] {
  const scopes = scopesOf(section).slice(1).reverse();
  const found = scopes.findIndex((scope) => store.listed(scope).some((other) => other !== id));
  return found === -1 ? scopes : scopes.slice(0, found + 1);
}

/** The direct subsections of a scope that have articles (a first page's blocks). */
function childScopes(store: StoreView, scope: string): string[] {
  const depth = scope === "all" ? 1 : scope.split("/").length + 1;
  const prefix = scope === "all" ? "" : `${scope}/`;
  return store
    .scopes()
    .filter((s) => s.split("/").length === depth && s.startsWith(prefix))
    .slice(0, 6);
}

/**
 * The KV keys a copy of `r` in representation `kind` is built from (index nodes aside: immutable,
 * they are named by their content and never purged), given the store as it is.
 */
export function readsOf(r: Resource, kind: "html" | "json" | "markdown" | "rss" | "atom" | "other", store: StoreView): string[] {
  const html = kind === "html";
  switch (r.type) {
    case "article": {
      const section = store.sectionOf(r.id);
      // Not public: its answer (a removed article's 410, with the menu on its page; else 404) rests on its tombstone too.
      if (!section) return [ARTICLE_PREFIX + r.id, GONE_PREFIX + r.id, ...(html ? CHROME : [])];
      // The page's rail: related stories by its tags, "More in" its section and the site's "Latest".
      const tags = store.tagScopesOf?.(r.id) ?? [];
      const rail = html ? [...new Set([...tags.map(rootKey), ...moreInScopes(store, r.id, section).map(rootKey), rootKey("all")])] : [];
      return [ARTICLE_PREFIX + r.id, ...(html ? [...CHROME, ...rail] : [])];
    }
    case "api-article":
    case "live-updates":
      return store.sectionOf(r.id) ? [ARTICLE_PREFIX + r.id] : [ARTICLE_PREFIX + r.id, GONE_PREFIX + r.id];
    case "listing": {
      const blocks = html && r.page === 1 ? childScopes(store, r.scope).map(rootKey) : [];
      return [rootKey(r.scope), ...(html ? CHROME : []), ...blocks];
    }
    case "api-listing":
      return [rootKey(r.scope)];
    case "feed":
      // Whole articles: each of the newest 50 is read too.
      return [
        rootKey(r.scope),
        ...store
          .listed(r.scope)
          .slice(0, 50)
          .map((id) => ARTICLE_PREFIX + id),
      ];
    case "sitemap-index":
    case "sitemap":
    case "news-sitemap":
    case "llms":
      return [rootKey("all")];
    case "sections":
      return [SECTIONS_KEY];
    case "changes":
      return [FEED_META];
    case "search":
      return [SEARCH_DEP, ...(html ? CHROME : [])];
    case "search-form":
      return CHROME;
    case "banner":
      return [BANNER_KEY];
    case "old-path":
      return [oldPathKey(r.path)];
    case "robots":
    case "openapi":
      return [];
  }
}

/** A change to one article: its section before (null: it was not public) and after (null: it is not now). */
export interface StoreChange {
  id: string;
  before: string[] | null;
  after: string[] | null;
  /** Whether the change made a section appear or go (then the menu, `v1:nav`, changes too). */
  navChanged: boolean;
  /** Whether the section counts or newest dates changed (`v1:sections`): any publish, move or removal; not a correction in place. */
  countsChanged: boolean;
  /** The author, tag and corrections scopes the article was or is listed in (taxonomy.ts `taxonomyScopes`, before and after); absent: none. */
  taxonomy?: string[];
}

/** The KV keys a change writes that copies can have been built from. */
export function writesOf(change: StoreChange): string[] {
  const scopes = new Set([...(change.before ? scopesOf(change.before) : []), ...(change.after ? scopesOf(change.after) : []), ...(change.taxonomy ?? [])]);
  return [
    ARTICLE_PREFIX + change.id,
    // Its tombstone, when it goes off the public pages or comes back (src/newsroom/gone.ts).
    ...((change.before === null) !== (change.after === null) ? [GONE_PREFIX + change.id] : []),
    ...[...scopes].map(rootKey),
    ...(change.countsChanged ? [SECTIONS_KEY] : []),
    ...(change.navChanged ? [NAV_KEY] : []),
    FEED_META,
    SEARCH_DEP,
  ];
}

/** Whether a copy of `r` in `kind`, built from the store as it was before `change`, is stale after it. */
export function affectedBy(change: StoreChange, r: Resource, kind: Parameters<typeof readsOf>[1], before: StoreView): boolean {
  const written = new Set(writesOf(change));
  return readsOf(r, kind, before).some((key) => written.has(key));
}
