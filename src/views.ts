/**
 * @module
 * The public shapes of the JSON API. The HTML pages render from these same objects, so both
 * representations always carry the same content.
 */

import { articlePath } from "./content/paths.ts";
import type { Author, Correction } from "./content/blocks.ts";
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
  /** BCP 47: the language of articles that do not name theirs, and of listings. */
  language: string;
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
  /** Added in v1.1 (v1 clients ignore them): bylines, tags, language (BCP 47), corrections, oldest first. */
  authors: Author[];
  tags: string[];
  language: string;
  corrections: Correction[];
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

export function articleView(a: Article, site: Site): ArticleView {
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
    authors: a.authors ?? [],
    tags: a.tags ?? [],
    language: a.language ?? site.language,
    corrections: a.corrections ?? [],
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

export function articleList(
  entries: IndexEntry[],
  site: Site,
  page: { section: string[]; total: number; page: number; perPage: number; pages: number },
): ArticleList {
  return { section: page.section, articles: entries.map((e) => articleSummary(e, site)), total: page.total, page: page.page, perPage: page.perPage, pages: page.pages };
}
