/**
 * @module
 * Reading the article index from KV (the format is src/shared/model/index-tree.ts): a page of any listing,
 * and the offset an `after=` cursor stands for. Any listing costs the root, then one or two nodes per
 * level; a value that is not what the writer wrote is a `StorageError`, as any failed read.
 */

import { NODE_CACHE_TTL, READ_CACHE_TTL } from "../../shared/freshness/policy.ts";
import type { IndexEntry } from "../../shared/model/documents.ts";
import { asNode, asRoot, isCount, isScope, ms, order, range, type Ref, type Root, rootKey, scopePrefix } from "../../shared/model/index-tree.ts";
import { parseJson, readText, StorageError } from "./kv.ts";

export interface Listing {
  entries: IndexEntry[];
  total: number;
}

export function checkRoot(key: string, value: unknown): Root {
  const root = asRoot(value);
  if (!root) throw new StorageError(`KV value of ${key} is not an index root`);
  return root;
}

export function checkNode(key: string, value: unknown, leaf: boolean, count: number): IndexEntry[] | Ref[] {
  const node = asNode(value, leaf, count);
  if (!node) throw new StorageError(`KV value of ${key} is not the index ${leaf ? "leaf" : "node"} its parent names`);
  return node;
}

async function readRoot(kv: KVNamespace, scope: string): Promise<{ root: Root | null; text: string | null }> {
  const key = rootKey(scope);
  const text = await readText(kv, key, READ_CACHE_TTL);
  return { root: text === null ? null : checkRoot(key, parseJson(key, text)), text };
}

/**
 * How many entries of a scope list before the position just after (older than) the entry with this
 * sort key — the offset a cursor stands for, found by one descent: the root, then one node per level.
 * The entry itself need not still be listed, so a cursor survives its article's removal.
 */
export async function offsetAfter(kv: KVNamespace, scope: string, afterMs: number, afterId: string): Promise<number> {
  if (!isScope(scope)) return 0;
  const { root } = await readRoot(kv, scope);
  if (!root) return 0;
  const prefix = scopePrefix(scope);
  const olderThanKey = (m: number, id: string) => order(afterMs, afterId, m, id) < 0;
  let base = 0;
  let refs = root.children;
  for (let level = root.height; level >= 1; level--) {
    // Children wholly newer than the key (their oldest entry lists before it) are skipped whole.
    let i = 0;
    while (i < refs.length && !olderThanKey(refs[i][2], refs[i][3])) base += refs[i++][1];
    if (i === refs.length) return base;
    const key = prefix + refs[i][0];
    const text = await readText(kv, key, NODE_CACHE_TTL);
    if (text === null) throw new StorageError(`KV has no ${key}, which the index of ${scope} names`);
    const node = checkNode(key, parseJson(key, text), level === 1, refs[i][1]);
    if (level === 1) return base + (node as IndexEntry[]).filter((e) => !olderThanKey(ms(e), e.id)).length;
    refs = node as Ref[];
  }
  return base;
}

/**
 * Entries [offset, offset + limit) of a scope, newest first, and the scope's size. A scope nobody
 * has published in (or that is not a scope) is empty. Reads grow with ⌈limit / leaf⌉, so the caller
 * caps `limit`.
 */
export async function readListing(kv: KVNamespace, scope: string, offset: number, limit: number): Promise<Listing> {
  if (!isCount(offset) || !isCount(limit)) throw new RangeError("offset and limit must be whole numbers ≥ 0");
  if (!isScope(scope)) return { entries: [], total: 0 };
  const { root } = await readRoot(kv, scope);
  if (!root) return { entries: [], total: 0 };
  const end = Math.min(root.total, offset + limit);
  if (offset >= end) return { entries: [], total: root.total };
  const prefix = scopePrefix(scope);
  const entries = await range(root, offset, end, async (ref, leaf) => {
    const key = prefix + ref[0];
    const text = await readText(kv, key, NODE_CACHE_TTL);
    if (text === null) throw new StorageError(`KV has no ${key}, which the index of ${scope} names`);
    return checkNode(key, parseJson(key, text), leaf, ref[1]);
  });
  return { entries, total: root.total };
}
