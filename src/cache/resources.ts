/**
 * @module
 * What a change affects: the dependencies (purge.ts) whose copies a set of written KV keys makes
 * stale. Every copy records the KV keys it was read from, so the keys written are the dependencies,
 * less the index nodes (immutable, named by their content: a change writes new ones); and a changed
 * article record also changes search results, which come from the Newsroom rather than KV.
 */

import { INDEX_PREFIX } from "../model/index-tree.ts";
import { ARTICLE_PREFIX } from "../model/documents.ts";
import { SEARCH_DEP } from "./purge.ts";

const isNode = (key: string) => key.startsWith(INDEX_PREFIX) && !key.endsWith(":meta");

/** The dependencies whose copies are stale once `keys` are written. */
export function affected(keys: readonly string[]): string[] {
  const deps = keys.filter((k) => !isNode(k));
  if (deps.some((k) => k.startsWith(ARTICLE_PREFIX))) deps.push(SEARCH_DEP);
  return deps;
}
