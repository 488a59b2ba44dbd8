/**
 * @module
 * Article records in KV, the read side. Keys are versioned so a future layout can sit beside this
 * one: `v1:article:<id>` holds an `Article` as JSON; the `v1:index:` keys hold the listings
 * (listing.ts), so that listing never calls `list()` on a request. With kv.ts, these modules are the
 * only code that reads KV; only the Newsroom Durable Object (src/newsroom/) writes it.
 */

import { READ_CACHE_TTL } from "../../shared/freshness/policy.ts";
import { parseJson, readText, StorageError } from "./kv.ts";
import { type Article, validateArticle } from "../../shared/model/schema.ts";
import {
  ARTICLE_PREFIX,
  FEED_META,
  type FeedMeta,
  GONE_PREFIX,
  type GoneRecord,
  NAV_KEY,
  type NavDocument,
  pageKey,
  pageOf,
  SECTIONS_KEY,
  type SectionsDocument,
  type StoredChange,
} from "../../shared/model/documents.ts";
import { type OldPathDocument, oldPathKey } from "../../shared/model/old-paths.ts";
import { BANNER_KEY, type BannerDocument } from "../../shared/model/banner.ts";

async function readJson(kv: KVNamespace, key: string): Promise<unknown> {
  const text = await readText(kv, key, READ_CACHE_TTL);
  return text === null ? null : parseJson(key, text);
}

/** Where an old path of an imported archive moved to (`v1:old:<path>`, src/shared/model/old-paths.ts); null when it is not one. */
export async function readOldPath(kv: KVNamespace, old: string): Promise<string | null> {
  const value = (await readJson(kv, oldPathKey(old))) as OldPathDocument | null;
  if (value === null) return null;
  if (value.v !== 1 || typeof value.to !== "string" || !value.to.startsWith("/")) throw new StorageError(`KV value of ${oldPathKey(old)} is not an old path`);
  return value.to;
}

export async function readArticle(kv: KVNamespace, id: string): Promise<Article | null> {
  const value = await readJson(kv, ARTICLE_PREFIX + id);
  if (value === null) return null;
  const checked = validateArticle(value);
  if (!checked.ok || checked.value.id !== id) throw new StorageError(`KV value of ${ARTICLE_PREFIX}${id} is not a valid article`);
  return checked.value;
}

/**
 * An article's tombstone (`v1:gone:<id>`): why an id readers could once see is not public now; null when
 * it never was, or is. Only `reason: "removed"` changes an answer (410 for 404), so a value of another
 * shape is taken for what it says and nothing else: at worst a 404.
 */
export async function readGone(kv: KVNamespace, id: string): Promise<GoneRecord | null> {
  return (await readJson(kv, GONE_PREFIX + id)) as GoneRecord | null;
}

/** `v1:sections`, which the Newsroom rewrites after every change (src/newsroom/sections.ts); null before the first. */
export async function readSections(kv: KVNamespace): Promise<SectionsDocument | null> {
  const value = await readJson(kv, SECTIONS_KEY);
  if (value === null) return null;
  const doc = value as SectionsDocument;
  if (doc.v !== 1 || !Array.isArray(doc.sections)) throw new StorageError(`KV value of ${SECTIONS_KEY} is not a sections document`);
  return doc;
}

/** `v1:nav` (what pages show of the sections); before the Newsroom first wrote it, the sections document stands in. */
export async function readNav(kv: KVNamespace): Promise<NavDocument | null> {
  const value = await readJson(kv, NAV_KEY);
  if (value === null) return readSections(kv);
  const doc = value as NavDocument;
  if (doc.v !== 1 || !Array.isArray(doc.sections)) throw new StorageError(`KV value of ${NAV_KEY} is not a nav document`);
  return doc;
}

/** `v1:banner`, the breaking-news banner (src/newsroom/banner-store.ts), expired or not; null when there is none. */
export async function readBanner(kv: KVNamespace): Promise<BannerDocument | null> {
  const value = (await readJson(kv, BANNER_KEY)) as BannerDocument | null;
  if (value !== null && (value.v !== 1 || typeof value.text !== "string" || typeof value.expires !== "string"))
    throw new StorageError(`KV value of ${BANNER_KEY} is not a banner`);
  return value;
}

/** `gone`: `since` is older than the oldest change kept (no changes then); `last` and `first` whatever `since`. */
export interface FeedRead {
  gone: boolean;
  changes: StoredChange[];
  last: number;
  first: number;
}

/**
 * Public changes after `since` (a change number; 0 for all that are kept), at most `limit` (≤ the
 * page size), oldest first: the meta, then one or two pages. `gone` when `since` is older than the
 * oldest change kept, 0 included once the oldest pages have been dropped.
 */
export async function readFeed(kv: KVNamespace, since: number, limit: number): Promise<FeedRead> {
  const meta = (await readJson(kv, FEED_META)) as FeedMeta | null;
  if (meta === null) return { gone: false, changes: [], last: 0, first: 1 };
  if (meta.v !== 1 || !Number.isSafeInteger(meta.first) || !Number.isSafeInteger(meta.last))
    throw new StorageError(`KV value of ${FEED_META} is not a feed meta`);
  // A cursor before the oldest change kept, 0 included (a fresh install): the app would miss what was dropped.
  if (since < meta.first - 1) return { gone: true, changes: [], last: meta.last, first: meta.first };
  const start = Math.max(since + 1, meta.first);
  const changes: StoredChange[] = [];
  for (let page = pageOf(start); changes.length < limit && page <= pageOf(meta.last) && start <= meta.last; page++) {
    const value = (await readJson(kv, pageKey(page))) as { v: 1; changes: StoredChange[] } | null;
    if (value === null || !Array.isArray(value.changes)) throw new StorageError(`KV has no ${pageKey(page)}, which ${FEED_META} names`);
    for (const c of value.changes) if (c.n >= start && changes.length < limit) changes.push(c);
  }
  return { gone: false, changes, last: meta.last, first: meta.first };
}

/**
 * The spelling of a section path as the site has it, whatever the case given; undefined when there is
 * no such section. `doc` is the sections document, as the isolate holds it (cache/memo.ts).
 */
export function sectionSpelling(doc: NavDocument | null, scope: string): string | undefined {
  const wanted = scope.toLowerCase();
  return doc?.sections.find((s) => s.path.toLowerCase() === wanted)?.path;
}

/** The canonical spelling of a section path given in another case, or undefined (no such section, or already canonical). */
export function canonicalScope(doc: NavDocument | null, scope: string): string | undefined {
  const found = sectionSpelling(doc, scope);
  return found !== scope ? found : undefined;
}
