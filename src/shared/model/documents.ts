/**
 * @module
 * The formats of the KV read model's documents, shared by their writer (the Newsroom, src/newsroom/)
 * and their readers (src/reader/read/, src/reader/cache/): article records and index entries (the listings' trees
 * are index-tree.ts), the public change feed's pages, the sections document and the log of recent
 * writes. Keys are versioned (`v1:`) so a future layout can sit beside this one.
 */

import { articlePath } from "./paths.ts";
import type { Correction } from "./blocks.ts";
import { liveCursor } from "./live.ts";
import { type Article, dateValue, type Figure } from "./schema.ts";

/** An article as a listing holds it. */
export interface IndexEntry {
  id: string;
  path: string;
  headline: string;
  section: string[];
  published: string;
  modified: string;
  /** The standfirst, so lists can show it (`fields=description`); absent in entries written before it was added. */
  description?: string;
  /** The lead image (first figure) as the article has it, when there is one; lists show it with `fields=image`. */
  lead?: Figure;
  /** The article's language when it names one (BCP 47); absent: the site's (and in entries written before it was added). */
  language?: string;
  /** Added in v1.1: an editor's pick, which leads the front page and its sections' pages; absent: not. */
  featured?: true;
  /** The authors' names, for a card's byline; absent: unsigned (and in entries written before it was added). */
  authorNames?: string[];
  /** The article's tags, for its tag listings (taxonomy.ts); absent: none (and in entries written before it was added). */
  tags?: string[];
  /** The article's latest correction, for `/corrections`; absent: it has none. */
  correction?: Correction;
  /**
   * Added in v1.3 (issue 38): a live story's coverage and its update sequence (`cursor`: what
   * `…/updates?since=` compares with) and how many updates it has, so an app sees from the change feed
   * alone that there are updates (or deletions) to fetch. Absent: the article is not live.
   */
  live?: { start: string; end: string | null; cursor: number; updates: number };
}

/** An article record's key: `v1:article:<id>` holds the `Article` as JSON. */
export const ARTICLE_PREFIX = "v1:article:";

/**
 * `v1:gone:<id>`: a tombstone for an article that readers could see and now cannot, so the reader can
 * tell a removed id from one that never was without asking the Newsroom. Written with the change that
 * took the article off the public pages (the same change the public change feed tombstones), deleted
 * when it is public again; an article that was never public has none.
 */
export const GONE_PREFIX = "v1:gone:";

export interface GoneRecord {
  v: 1;
  id: string;
  /** `removed`: deleted by the editors (readers get 410 Gone); `unpublished`: back to a draft or scheduled again (404: it may come back). */
  reason: "removed" | "unpublished";
}

/** A KV key and the value it holds. */
export interface KVEntry {
  key: string;
  value: string;
}

/** What a listing holds of an article. */
export function indexEntry(a: Article): IndexEntry {
  const entry: IndexEntry = {
    id: a.id,
    path: articlePath(a),
    headline: a.headline,
    section: a.section,
    published: a.published,
    modified: a.modified,
    description: a.description,
  };
  const lead = a.body.find((b) => b.type === "figure");
  if (lead && lead.type === "figure") entry.lead = lead;
  // The news sitemap names each article's language; it reads listings, not articles.
  if (a.language) entry.language = a.language;
  if (a.featured) entry.featured = true;
  if (a.authors?.length) entry.authorNames = a.authors.map((x) => x.name);
  if (a.tags?.length) entry.tags = a.tags;
  const latest = latestCorrection(a.corrections);
  if (latest) entry.correction = latest;
  if (a.live) entry.live = { start: a.live.start, end: a.live.end, cursor: liveCursor(a), updates: a.updates?.length ?? 0 };
  return entry;
}

/** The newest of an article's corrections (by date, the later listed when two share one), or undefined. */
export function latestCorrection(corrections: readonly Correction[] | undefined): Correction | undefined {
  let latest: Correction | undefined;
  for (const c of corrections ?? []) if (!latest || !(dateValue(c.date) < dateValue(latest.date))) latest = c;
  return latest && { date: latest.date, text: latest.text };
}

export const FEED_PREFIX = "v1:changes:";
export const FEED_META = `${FEED_PREFIX}meta`;
/** Changes per KV page. */
export const FEED_PAGE = 100;
/** Pages kept: the newest 10,000 changes. */
export const FEED_RETAIN = 100;

/** A change as a page stores it: its number, and time as RFC 3339. */
export type StoredChange = { n: number; type: "upsert"; id: string; time: string; entry: IndexEntry } | { n: number; type: "delete"; id: string; time: string };

export interface FeedMeta {
  v: 1;
  /** The oldest change still kept (1 until the first pages are dropped). */
  first: number;
  /** The newest change. */
  last: number;
}

export const pageOf = (n: number): number => Math.floor((n - 1) / FEED_PAGE);
export const pageKey = (page: number): string => `${FEED_PREFIX}${page}`;

export const SECTIONS_KEY = "v1:sections";

/** One scope in `v1:sections`: `path` is the URL path without the leading `/` (`News/Middle-East`). */
export interface SectionRecord {
  path: string;
  names: string[];
  total: number;
  newest: string;
}

export interface SectionsDocument {
  v: 1;
  /** Every public article, whatever its section. */
  total: number;
  sections: SectionRecord[];
}

/** The Newsroom's log of recent KV writes (write/write-log.ts writes it, cache/renewal.ts reads it). */
export const WRITES_KEY = "v1:writes";

export interface WriteLog {
  /** Epoch ms: every write that completed since then is in `keys` (earlier ones were pruned). */
  since: number;
  /** Key → epoch ms its latest write completed, or null while one is in progress. */
  keys: Record<string, number | null>;
}

/**
 * `v1:nav`: the sections as pages show them (the menu, a page's blocks, section paths in any case):
 * every section with articles, by path, without counts or dates. The Newsroom writes it only when a
 * section appears or goes, so a publish into an existing section leaves every page's menu as it was
 * (and no copy built from it stale); `v1:sections`, with the counts, changes with every publish.
 */
export const NAV_KEY = "v1:nav";

export interface NavDocument {
  v: 1;
  sections: Pick<SectionRecord, "path" | "names">[];
}
