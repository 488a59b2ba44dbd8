/**
 * @module
 * The formats of the read model's documents beyond articles and listings, shared by their writer
 * (the Newsroom, src/write/) and their readers (store.ts): the public change feed's pages and the
 * sections document.
 */

import type { Figure } from "./schema.ts";

/** An article as a listing holds it (store.ts re-exports it). */
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
