/**
 * @module
 * Article records in KV and the write path. Keys are versioned so a future layout can sit beside
 * this one: `v1:article:<id>` holds an `Article` as JSON; the `v1:index:` keys hold the listings
 * (listing.ts), so that listing never calls `list()` on a request. With kv.ts, these three modules
 * are the only code that touches KV.
 */

import { parseJson, readText, StorageError } from "./kv.ts";
import { indexEntries, removeIndexed, upsertIndexed } from "./listing.ts";
import { articlePath } from "./paths.ts";
import { type Article, dateValue, validateArticle } from "./schema.ts";

export const ARTICLE_PREFIX = "v1:article:";

export interface IndexEntry {
  id: string;
  path: string;
  headline: string;
  section: string[];
  published: string;
  modified: string;
}

export interface KVEntry {
  key: string;
  value: string;
}

/**
 * KV's own edge cache TTL for reads, in seconds. KV caches misses too, so an article read before it
 * was published can stay missing this long at that location; 60 is KV's minimum.
 */
const READ_CACHE_TTL = 60;

async function readJson(kv: KVNamespace, key: string): Promise<unknown> {
  const text = await readText(kv, key, READ_CACHE_TTL);
  return text === null ? null : parseJson(key, text);
}

export async function readArticle(kv: KVNamespace, id: string): Promise<Article | null> {
  const value = await readJson(kv, ARTICLE_PREFIX + id);
  if (value === null) return null;
  const checked = validateArticle(value);
  if (!checked.ok || checked.value.id !== id) throw new StorageError(`KV value of ${ARTICLE_PREFIX}${id} is not a valid article`);
  return checked.value;
}

/** The latest `modified` among entries (epoch ms; 0 for none): a listing's `Last-Modified`. */
export function newestModified(entries: readonly Pick<IndexEntry, "modified">[]): number {
  let newest = 0;
  for (const e of entries) newest = Math.max(newest, dateValue(e.modified) || 0);
  return newest;
}

export function indexEntry(a: Article): IndexEntry {
  return { id: a.id, path: articlePath(a), headline: a.headline, section: a.section, published: a.published, modified: a.modified };
}

/** Every KV entry for a set of articles: one per article, then the index keys that point at them. */
export function kvEntries(articles: Article[]): KVEntry[] {
  const ids = new Set<string>();
  for (const a of articles) {
    if (ids.has(a.id)) throw new Error(`article id ${a.id} is used twice`);
    ids.add(a.id);
  }
  return [...articles.map((a) => ({ key: ARTICLE_PREFIX + a.id, value: JSON.stringify(a) })), ...indexEntries(articles.map(indexEntry))];
}

/** Writes entries in order: articles before the index, so no index entry points at a missing article. */
export async function writeEntries(kv: KVNamespace, entries: KVEntry[]): Promise<void> {
  for (const { key, value } of entries) await kv.put(key, value);
}

/**
 * The write path shared by the publish endpoint and (through `kvEntries`) the content build: the
 * article first, then the index, so no reader ever finds an index entry whose article is missing.
 * `previous` is the stored version when the caller has already read it (read here otherwise);
 * returns it.
 */
export async function saveArticle(kv: KVNamespace, article: Article, previous?: Article | null): Promise<Article | null> {
  if (previous === undefined) previous = await readArticle(kv, article.id);
  await kv.put(ARTICLE_PREFIX + article.id, JSON.stringify(article));
  await upsertIndexed(kv, indexEntry(article), previous && indexEntry(previous));
  return previous;
}

/** Removes an article: out of the index first, then the record. Returns what was removed, or null for none. */
export async function deleteArticle(kv: KVNamespace, id: string): Promise<Article | null> {
  const previous = await readArticle(kv, id);
  if (!previous) return null;
  await removeIndexed(kv, indexEntry(previous));
  await kv.delete(ARTICLE_PREFIX + id);
  return previous;
}
