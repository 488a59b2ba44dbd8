/**
 * @module
 * The public shapes of the JSON API. The HTML pages render from these same objects, so both
 * representations always carry the same content.
 */

import { articlePath } from "./content/paths.ts";
import type { Article, Block, Figure } from "./content/schema.ts";
import type { IndexEntry } from "./content/store.ts";

export interface Site {
  name: string;
  /** Alternate addresses named in the footer. */
  addresses: string[];
  apps: string[];
  /** Where navigation links point: the canonical origin, or the mirror serving this request. */
  origin: string;
  canonicalOrigin: string;
  /** The iOS app's App Store id, when one is configured (APP_LINKS): pages then offer it. */
  appStoreId?: string;
}

export type ImageView = Omit<Figure, "type">;

export interface ArticleView {
  id: string;
  /** Where to read it on the host that answered (same as `canonicalUrl` except on a mirror). */
  url: string;
  canonicalUrl: string;
  section: string[];
  headline: string;
  description: string;
  datePublished: string;
  dateModified: string;
  /** The lead image: the first figure of the body, or null. */
  image: ImageView | null;
  body: Block[];
}

export interface ArticleSummary {
  id: string;
  url: string;
  canonicalUrl: string;
  section: string[];
  headline: string;
  datePublished: string;
  dateModified: string;
}

export interface ArticleList {
  /** The section names this list covers; empty for the whole site. */
  section: string[];
  articles: ArticleSummary[];
  total: number;
  page: number;
  perPage: number;
  pages: number;
}

export function articleView(a: Article, site: Pick<Site, "origin" | "canonicalOrigin">): ArticleView {
  const path = articlePath(a);
  const lead = a.body.find((b): b is Figure => b.type === "figure");
  return {
    id: a.id,
    url: site.origin + path,
    canonicalUrl: site.canonicalOrigin + path,
    section: a.section,
    headline: a.headline,
    description: a.description,
    datePublished: a.published,
    dateModified: a.modified,
    image: lead ? { caption: lead.caption, credit: lead.credit, ...(lead.src && { src: lead.src }), ...(lead.alt && { alt: lead.alt }) } : null,
    body: a.body,
  };
}

export function articleSummary(e: IndexEntry, site: Site): ArticleSummary {
  return {
    id: e.id,
    url: site.origin + e.path,
    canonicalUrl: site.canonicalOrigin + e.path,
    section: e.section,
    headline: e.headline,
    datePublished: e.published,
    dateModified: e.modified,
  };
}

/** A list item with what an app needs for a row with a thumbnail, for `fields=description,image`. */
export function richSummary(e: IndexEntry, site: Site): ArticleSummary & { description: string; image: ImageView | null } {
  return { ...articleSummary(e, site), description: e.description ?? "", image: e.image ?? null };
}

export function articleList(
  entries: IndexEntry[],
  site: Site,
  page: { section: string[]; total: number; page: number; perPage: number; pages: number },
): ArticleList {
  return { section: page.section, articles: entries.map((e) => articleSummary(e, site)), total: page.total, page: page.page, perPage: page.perPage, pages: page.pages };
}

export interface SearchResult extends ArticleSummary {
  /** Text around the matches (plain text). */
  snippet: string;
  /** The matches within `snippet`: [start, end) offsets in UTF-16 code units. */
  highlights: [number, number][];
}

export interface SearchView {
  query: string;
  /** The section path searched in, or null for the whole site. */
  section: string | null;
  results: SearchResult[];
  total: number;
  page: number;
  perPage: number;
  pages: number;
}

/** A snippet with highlight markers (`start`, `end`) as plain text and offsets. */
export function highlighted(marked: string, start: string, end: string): { snippet: string; highlights: [number, number][] } {
  let snippet = "";
  const highlights: [number, number][] = [];
  let open = -1;
  for (const ch of marked) {
    if (ch === start) open = snippet.length;
    else if (ch === end && open >= 0) {
      highlights.push([open, snippet.length]);
      open = -1;
    } else snippet += ch;
  }
  return { snippet, highlights };
}

export interface SectionNode {
  name: string;
  path: string;
  url: string;
  articles: number;
  newest: string;
  sections: SectionNode[];
}

export type ChangeView = ({ type: "upsert"; time: string } & ArticleSummary) | { type: "delete"; id: string; time: string };
