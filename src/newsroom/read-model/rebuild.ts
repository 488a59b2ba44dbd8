/**
 * @module
 * The whole read model at once: what a rebuild writes (every article record and index tree from
 * the public articles, the sections document, the change-feed pages, and the search index), and the
 * KV entries of a set of articles for the benchmark's contenders.
 */

import { INDEX_PREFIX } from "../../shared/model/index-tree.ts";
import { BANNER_KEY, bannerExpiry } from "../../shared/model/banner.ts";
import type { Article } from "../../shared/model/schema.ts";
import { ARTICLE_PREFIX, GONE_PREFIX, indexEntry, type KVEntry } from "../../shared/model/documents.ts";
import { FEED_META, FEED_PAGE, type FeedMeta, pageKey } from "../../shared/model/documents.ts";
import { pageValue } from "../change-feed.ts";
import type { ReadModel } from "./outbox.ts";
import { OLD_PREFIX } from "../../shared/model/old-paths.ts";
import { rebuildRedirects } from "../redirects.ts";
import { index } from "../search-index.ts";
import { updateSections } from "../sections.ts";
import { indexEntries } from "./tree.ts";
import { goneEntries } from "../gone.ts";
import type { ReadModelCheck } from "../../shared/newsroom-api.ts";

/** Every KV entry for a set of articles: one per article, then the index keys that point at them. */
export function kvEntries(articles: Article[]): KVEntry[] {
  const ids = new Set<string>();
  for (const a of articles) {
    if (ids.has(a.id)) throw new Error(`article id ${a.id} is used twice`);
    ids.add(a.id);
  }
  return [...articles.map((a) => ({ key: ARTICLE_PREFIX + a.id, value: JSON.stringify(a) })), ...indexEntries(articles.map(indexEntry))];
}

/** The KV prefixes whose keys the read model owns (a rebuild deletes stray article records, roots, tombstones and an expired banner under them). */
export const OWNED_PREFIXES = [ARTICLE_PREFIX, INDEX_PREFIX, OLD_PREFIX, GONE_PREFIX, BANNER_KEY];

/** Clears the model and derives it again from the articles public at `now`, and the tombstones of those that were (inside the Newsroom's transaction). */
export async function rebuildModel(sql: SqlStorage, model: ReadModel, now: number): Promise<void> {
  const visible = sql
    .exec<{ data: string }>("SELECT data FROM article WHERE status = 'published' AND publish_at <= ?", now)
    .toArray()
    .map((r) => JSON.parse(r.data) as Article);
  // The breaking-news banner is no article's: kept as it is, unless its expiry has passed (src/newsroom/banner-store.ts).
  const banner = model.value(BANNER_KEY);
  const keep = banner !== null && (bannerExpiry(banner) ?? 0) > now ? [{ key: BANNER_KEY, value: banner }] : [];
  model.clear();
  sql.exec("UPDATE article SET listed = NULL");
  sql.exec("DELETE FROM search");
  sql.exec("DELETE FROM section");
  for (const { key, value } of [...kvEntries(visible), ...goneEntries(sql, now), ...keep]) sql.exec("INSERT INTO model (key, value) VALUES (?, ?)", key, value);
  for (const a of visible) {
    sql.exec("UPDATE article SET listed = ? WHERE id = ?", JSON.stringify(indexEntry(a)), a.id);
    index(sql, a);
  }
  await updateSections(
    sql,
    model,
    visible.map((a) => a.section),
  );
  await rebuildRedirects(sql, model, new Map(visible.map((a) => [a.id, a])));
  // The feed is history: its pages are written again from the feed table as they were.
  const bounds = sql.exec<{ first: number | null; last: number | null }>("SELECT min(n) AS first, max(n) AS last FROM feed").one();
  if (bounds.first !== null && bounds.last !== null) {
    for (let page = Math.floor((bounds.first - 1) / FEED_PAGE); page <= Math.floor((bounds.last - 1) / FEED_PAGE); page++) {
      await model.put(pageKey(page), pageValue(sql, page));
    }
    await model.put(FEED_META, JSON.stringify({ v: 1, first: bounds.first, last: bounds.last } satisfies FeedMeta));
  }
}

/** Article records and index roots now in KV (what a rebuild deletes when the model lacks them). */
/** A rebuild inside a transaction: the model derived again, every key queued, stray `stale` keys deleted. */
export async function rebuildAll(sql: SqlStorage, model: ReadModel, stale: string[], now: number): Promise<{ keys: number; deleted: number; pending: number }> {
  await rebuildModel(sql, model, now);
  model.requeueAll(stale);
  return { keys: model.size(), deleted: stale.filter((k) => model.value(k) === null).length, pending: model.pending() };
}

export async function ownedKeys(kv: KVNamespace): Promise<string[]> {
  const keys: string[] = [];
  for (const prefix of OWNED_PREFIXES) {
    let cursor: string | undefined;
    do {
      const page = await kv.list({ prefix, cursor });
      for (const k of page.keys) if (!k.name.startsWith(INDEX_PREFIX) || k.name.endsWith(":meta")) keys.push(k.name);
      cursor = page.list_complete ? undefined : page.cursor;
    } while (cursor);
  }
  return keys;
}

/** Compares up to `limit` (≤ 500) model keys after `after` with KV, key by key. */
export async function compareWithKV(model: ReadModel, kv: KVNamespace, after: string, limit: number): Promise<ReadModelCheck> {
  const page = model.keys(after, Math.min(Math.max(limit, 1), 500));
  const missing: string[] = [];
  const different: string[] = [];
  // A key still queued differs until its drain: pending, not a difference.
  const queued = model.queued(page.map((p) => p.key));
  await Promise.all(
    page.map(async ({ key, value }) => {
      if (queued.has(key)) return;
      const stored = await kv.get(key);
      if (stored === null) missing.push(key);
      else if (stored !== value) different.push(key);
    }),
  );
  return {
    checked: page.length,
    missing: missing.sort(),
    different: different.sort(),
    next: page.length ? page[page.length - 1].key : null,
    pending: model.pending(),
  };
}
