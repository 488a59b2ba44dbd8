/**
 * @module
 * Article records in KV, the read side. Keys are versioned so a future layout can sit beside this
 * one: `v1:article:<id>` holds an `Article` as JSON; the `v1:index:` keys hold the listings
 * (listing.ts), so that listing never calls `list()` on a request. With kv.ts, these modules are the
 * only code that reads KV; only the Newsroom Durable Object (src/write/) writes it.
 */

import { parseJson, readText, StorageError } from "./kv.ts";
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
