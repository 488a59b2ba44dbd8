/**
 * @module
 * The public shapes of the JSON API. The HTML pages render from these same objects, so both
 * representations always carry the same content.
 */

import { type Author, type Correction, mediaIdOf } from "../../shared/model/blocks.ts";
import type { IndexEntry, SectionsDocument } from "../../shared/model/documents.ts";
import { articlePath } from "../../shared/model/paths.ts";
import type { Article, Block, Figure } from "../../shared/model/schema.ts";
import { widthsFor } from "../media/photos.ts";
import type { Site } from "../site/config.ts";
import { articleLanguage } from "../i18n/script-language.ts";
import { type LiveCoverage, liveCursor, type LiveUpdate, updatesForReaders } from "../../shared/model/live.ts";

/** A rendition of an uploaded photo: its width and URL (the format follows the request's `Accept`). */
export interface Rendition {
  width: number;
  url: string;
}

/** A figure's image; for a photo uploaded here, `renditions` (added in v1.1) list its sizes, narrowest first. */
export type ImageView = Omit<Figure, "type"> & { renditions?: Rendition[] };
export type FigureView = ImageView & { type: "figure" };

/**
 * Adds the renditions to a figure whose `src` is a photo uploaded to this site, and puts it and them on
 * the host that answered, as every link: on a mirror the JSON, the Markdown, the page and the feeds
 * all point at the mirror's `/media/…` (canonical signals alone name the canonical origin).
 */
function withRenditions(f: Figure, site: Pick<Site, "origin" | "canonicalOrigin">): Figure & { renditions?: Rendition[] } {
  const id = mediaIdOf(f.src);
  if (!id || !f.width || new URL(f.src!).origin !== site.canonicalOrigin) return f;
  const src = `${site.origin}/media/${id}`;
  return { ...f, src, renditions: widthsFor(f.width).map((width) => ({ width, url: `${src}/${width}` })) };
}

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
  /** Added in v1.1, only when set: an editor's pick, which leads the front page and its sections. */
  featured?: true;
  /** Added in v1.2, only when set: the title and description for search results, and the image for social cards. */
  seoTitle?: string;
  seoDescription?: string;
  socialImage?: string;
  /** Added in v1.3, only on a live story (issue 38): its coverage, its updates newest first (each with its `url`, the page's anchor), and its update cursor. */
  live?: LiveCoverage;
  updates?: UpdateView[];
  cursor?: number;
}

/** An update as readers get it: the record's, with its address on the article's page (`#update-<n>`). */
export type UpdateView = LiveUpdate<Block> & { url: string };

/** A story's updates newest first, each with its anchor on the page at `articleUrl`. */
export function updateViews(updates: readonly LiveUpdate<Block>[] | undefined, articleUrl: string): UpdateView[] {
  return updatesForReaders(updates).newestFirst.map((u) => ({ ...u, url: `${articleUrl}#update-${u.n}` }));
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

/** What of the site an article view depends on. */
export type SiteRef = Pick<Site, "origin" | "canonicalOrigin" | "language">;

export function articleView(a: Article, site: SiteRef): ArticleView {
  const path = articlePath(a);
  const body = a.body.map((b) => (b.type === "figure" ? withRenditions(b, site) : b));
  const lead = body.find((b): b is FigureView => b.type === "figure");
  return {
    id: a.id,
    url: site.origin + path,
    canonicalUrl: site.canonicalOrigin + path,
    section: a.section,
    headline: a.headline,
    description: a.description,
    datePublished: a.published,
    dateModified: a.modified,
    image: lead ? (({ type: _, ...image }) => image)(lead) : null,
    body,
    authors: a.authors ?? [],
    tags: a.tags ?? [],
    // Declared, or told by the article's script (i18n/script-language.ts): an undeclared English story in the Persian edition reads left to right.
    language: articleLanguage(a, site.language),
    corrections: a.corrections ?? [],
    ...(a.featured && { featured: true as const }),
    // Left out of the JSON when not set (JSON.stringify drops an undefined member).
    seoTitle: a.seoTitle,
    seoDescription: a.seoDescription,
    socialImage: a.socialImage,
    ...(a.live && { live: a.live, updates: updateViews(a.updates, site.origin + path), cursor: liveCursor(a) }),
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
  const lead = e.lead ? (({ type: _, ...image }) => image)(withRenditions(e.lead, site)) : null;
  return { ...articleSummary(e, site), description: e.description ?? "", image: lead };
}

export function articleList(
  entries: IndexEntry[],
  site: Site,
  page: { section: string[]; total: number; page: number; perPage: number; pages: number },
): ArticleList {
  return {
    section: page.section,
    articles: entries.map((e) => articleSummary(e, site)),
    total: page.total,
    page: page.page,
    perPage: page.perPage,
    pages: page.pages,
  };
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

/** The sections document as a tree (`/api/v1/sections`, the pages' menus); `origin` prefixes each `url`. */
export function sectionTree(doc: SectionsDocument | null, origin: string): SectionNode[] {
  const nodes = new Map<string, SectionNode>();
  const roots: SectionNode[] = [];
  // The document is ordered by path, so a section's parent always comes before it.
  for (const s of doc?.sections ?? []) {
    const node: SectionNode = {
      name: s.names[s.names.length - 1],
      path: s.path,
      url: `${origin}/${s.path}`,
      articles: s.total,
      newest: s.newest,
      sections: [],
    };
    nodes.set(s.path, node);
    const parent = nodes.get(s.path.split("/").slice(0, -1).join("/"));
    (parent ? parent.sections : roots).push(node);
  }
  return roots;
}

/** An upsert of a live story also carries its `live` summary (issue 38: `IndexEntry.live`), so an app knows there are updates to fetch. */
export type ChangeView =
  ({ type: "upsert"; time: string; live?: IndexEntry["live"] } & ReturnType<typeof richSummary>) | { type: "delete"; id: string; time: string };

/** What a listing of bylines, tags or corrections is of (`/author/<slug>`, `/tag/<slug>`, `/corrections`; added in v1.3). */
export interface Topic {
  kind: "author" | "tag" | "corrections";
  /** The author's name or the tag as the newest story has it; "Corrections" for the corrections. */
  name: string;
  /** The URL segment (shared/model/taxonomy.ts `taxonomySlug`); empty for the corrections. */
  slug: string;
}

/** An author's, a tag's or the corrections' listing: an `ArticleList` (`section` empty) with what it is of; on `/corrections` each article carries its latest correction. */
export interface TopicList extends ArticleList {
  topic: Topic;
  articles: (ArticleSummary & { correction?: Correction })[];
}

export function topicList(entries: IndexEntry[], site: Site, topic: Topic, page: Omit<Parameters<typeof articleList>[2], "section">): TopicList {
  const list = articleList(entries, site, { ...page, section: [] });
  const articles = list.articles.map((a, i) => (topic.kind === "corrections" && entries[i].correction ? { ...a, correction: entries[i].correction } : a));
  return { ...list, articles, topic };
}
