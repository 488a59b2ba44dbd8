/**
 * @module
 * The whole read model of a set of articles at once: what a rebuild writes, and what the index
 * tests compare incremental changes with.
 */

import { ARTICLE_PREFIX, indexEntry, type KVEntry } from "../content/store.ts";
import type { Article } from "../content/schema.ts";
import { indexEntries } from "./tree.ts";

/** Every KV entry for a set of articles: one per article, then the index keys that point at them. */
export function kvEntries(articles: Article[]): KVEntry[] {
  const ids = new Set<string>();
  for (const a of articles) {
    if (ids.has(a.id)) throw new Error(`article id ${a.id} is used twice`);
    ids.add(a.id);
  }
  return [...articles.map((a) => ({ key: ARTICLE_PREFIX + a.id, value: JSON.stringify(a) })), ...indexEntries(articles.map(indexEntry))];
}
