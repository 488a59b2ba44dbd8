/**
 * @module
 * What every feed is made from: the index entries (optionally with a summary), the context of the
 * request, and the shared rules for dates, URLs and stable ids.
 */

import { dateValue } from "../../shared/model/schema.ts";
import type { IndexEntry } from "../../shared/model/documents.ts";

/** An index entry, with the article's description (summary) and full body when the feed carries them. */
export interface FeedEntry extends Omit<IndexEntry, "image"> {
  /** The article's language when it is not the feed's (Atom `xml:lang`, RSS `dc:language`, the news sitemap). */
  language?: string;
  description?: string;
  /** The body as an HTML fragment with absolute URLs (RSS `content:encoded`, Atom `content type="html"`). */
  contentHtml?: string;
  /** Bylines (RSS `dc:creator`, Atom `author`). */
  authors?: { name: string; url?: string }[];
  /** The lead image, when it has one (`media:content` in RSS and Atom). */
  image?: { src: string; width?: number; height?: number; alt?: string };
}

/** Items in an RSS or Atom feed unless the caller asks for another number. */
export const MAX_FEED_ITEMS = 50;

export interface FeedContext {
  siteName: string;
  /** e.g. `https://www.presstv.ir`; sitemaps and ids always use it. */
  canonicalOrigin: string;
  /** Where item links point: the canonical origin, or the mirror serving this request. */
  linkOrigin: string;
  /** The absolute URL this feed is served from (`rel="self"`). */
  selfUrl: string;
  /** A WebSub hub (site.toml `[websub]`) the Newsroom pings when the feed changes: `rel="hub"` beside `rel="self"`; absent: none. */
  hub?: string;
  /** Feed title: the site name, or a section title. */
  title: string;
  /** Channel description / Atom subtitle; defaults to "Latest news from <siteName>". */
  description?: string;
  /** Path of the HTML page this feed mirrors, on `linkOrigin`; defaults to `/`. */
  htmlPath?: string;
  /** Language tag (BCP 47 / ISO 639) of the feed, and of every entry that names none; defaults to `en`. */
  language?: string;
  /** Current time in ms, for the news-sitemap window. */
  now: number;
}

export interface DatedEntry extends FeedEntry {
  publishedMs: number;
  modifiedMs: number;
}

/**
 * Entries with a valid `published` date, newest first (ties: higher id first, as in the index).
 * An unparseable or earlier `modified` falls back to `published`. Date-only values are the start of
 * that UTC day (`dateValue`).
 */
export function dated(entries: readonly FeedEntry[]): DatedEntry[] {
  const out: DatedEntry[] = [];
  for (const e of entries) {
    const publishedMs = dateValue(e.published);
    if (Number.isNaN(publishedMs)) continue;
    const modified = dateValue(e.modified);
    out.push({ ...e, publishedMs, modifiedMs: modified >= publishedMs ? modified : publishedMs });
  }
  return out.sort((a, b) => b.publishedMs - a.publishedMs || Number(b.id) - Number(a.id));
}

/** RFC 3339 / W3C Datetime in UTC, whole seconds: `2020-02-27T00:00:00Z`. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** RFC 822 date as RSS 2.0 wants it (with a four-digit year): `Thu, 27 Feb 2020 00:00:00 GMT`. */
export function rfc822Date(ms: number): string {
  return new Date(ms).toUTCString();
}

export function absoluteUrl(origin: string, path: string): string {
  return origin.replace(/\/+$/, "") + (path.startsWith("/") ? path : `/${path}`);
}

// RFC 4151: the date must be one on which the tagging entity held the name; the seed article shows
// the canonical host publishing in 2020. Changing it (or the host) changes every id in every feed.
const TAG_DATE = "2020";

/**
 * The id of an article in feeds, e.g. `tag:www.presstv.ir,2020:article:100001` (RFC 4151 tag URI).
 * It depends only on the canonical host and the article id, so it survives headline (slug) and date
 * corrections and is the same whichever host serves the feed.
 */
export function articleTagUri(canonicalOrigin: string, id: string): string {
  return `tag:${new URL(canonicalOrigin).hostname},${TAG_DATE}:article:${id}`;
}

/** The newest modification time among entries, or undefined for none. */
export function newest(entries: readonly DatedEntry[]): number | undefined {
  return entries.length ? Math.max(...entries.map((e) => e.modifiedMs)) : undefined;
}
