/**
 * @module
 * Changes to the article index (the format is src/shared/model/index-tree.ts): the whole index of a set of
 * articles at once (`indexEntries`, for a rebuild), or one article at a time (`upsertIndexed`,
 * `removeIndexed`, and `applyIndexed` for a batch; each scope's change is scope-change.ts). Trees are read and written through an `IndexStore`: in production the Newsroom
 * Durable Object's copy of the read model, inside its transaction, so one writer decides every change
 * and KV receives the result afterwards (src/newsroom/read-model/outbox.ts).
 */

import {
  chunksFromOldest,
  type IndexLayout,
  isCount,
  LAYOUT,
  type Made,
  makeInner,
  makeLeaf,
  ms,
  normalise,
  type Root,
  rootKey,
  rootText,
  scopePrefix,
  scopesOf,
} from "../../shared/model/index-tree.ts";
import { entryScopes, taxonomyScopes } from "../../shared/model/taxonomy.ts";
import type { IndexEntry, KVEntry } from "../../shared/model/documents.ts";
import { type IndexStore, ScopeChange } from "./scope-change.ts";

export type { IndexStore } from "./scope-change.ts";

/**
 * Every index key/value for a full set of entries: per scope its nodes, then (after all nodes) the
 * roots. Byte for byte what `upsertIndexed` leaves when given the same entries one at a time, oldest
 * first, into an empty index (less the expiring nodes it replaced on the way).
 */
export function indexEntries(entries: IndexEntry[], layout: IndexLayout = LAYOUT): KVEntry[] {
  checkLayout(layout);
  const ids = new Set<string>();
  const sorted = entries
    .map((e) => {
      if (ids.has(e.id)) throw new Error(`article id ${e.id} is indexed twice`);
      ids.add(e.id);
      return { e: normalise(e), m: ms(e), n: Number(e.id) };
    })
    .sort((a, b) => b.m - a.m || b.n - a.n)
    .map((k) => k.e);
  const scopes = new Map<string, IndexEntry[]>();
  const scopesOfPath = new Map<string, string[]>();
  for (const e of sorted) {
    const path = JSON.stringify(e.section);
    let list = scopesOfPath.get(path);
    if (!list) scopesOfPath.set(path, (list = scopesOf(e.section)));
    for (const scope of [...list, ...taxonomyScopes(e)]) {
      const members = scopes.get(scope);
      if (members) members.push(e);
      else scopes.set(scope, [e]);
    }
  }
  const nodes: KVEntry[] = [];
  const roots: KVEntry[] = [];
  for (const scope of [...scopes.keys()].sort()) {
    const members = scopes.get(scope)!;
    const prefix = scopePrefix(scope);
    const emit = (m: Made) => {
      nodes.push({ key: prefix + m.hash, value: m.text });
      return m.ref;
    };
    let refs = chunksFromOldest(members, layout.leaf).map((chunk) => emit(makeLeaf(chunk)));
    let height = 1;
    for (; refs.length > layout.fanout; height++) refs = chunksFromOldest(refs, layout.fanout).map((chunk) => emit(makeInner(chunk)));
    const root: Root = { v: 1, total: members.length, height, children: refs, newest: members.slice(0, layout.head) };
    roots.push({ key: rootKey(scope), value: rootText(root) });
  }
  return [...nodes, ...roots];
}

export function checkLayout(l: IndexLayout): void {
  if (!(Number.isSafeInteger(l.leaf) && l.leaf >= 2 && Number.isSafeInteger(l.fanout) && l.fanout >= 2 && isCount(l.head)))
    throw new RangeError("an index layout needs leaf ≥ 2, fanout ≥ 2, head ≥ 0");
}

// ---------------------------------------------------------------------------------------------
// Incremental updates (each scope's change: scope-change.ts)

/** One article's change to the index: its entry now (null: unlisted) and as last indexed (null: was not). */
export interface IndexChange {
  entry: IndexEntry | null;
  previous: IndexEntry | null;
}

/**
 * Applies a batch of changes: each entry listed (replacing the one with its id) in every scope of its
 * section, authors, tags and corrections (taxonomy.ts), and taken out of the scopes of `previous` it has left. `previous` is the entry as
 * last indexed: without it, an entry whose published date changed would be listed twice. Each scope
 * is opened, changed and written once for the whole batch; inserts go in oldest first, so an archive
 * loaded in date order fills whole nodes.
 */
export async function applyIndexed(store: IndexStore, changes: IndexChange[], layout: IndexLayout = LAYOUT): Promise<void> {
  checkLayout(layout);
  const byScope = new Map<string, { removes: [number, string][]; inserts: { e: IndexEntry; m: number }[] }>();
  const of = (scope: string) => {
    let ops = byScope.get(scope);
    if (!ops) byScope.set(scope, (ops = { removes: [], inserts: [] }));
    return ops;
  };
  for (const { entry, previous } of changes) {
    const next = entry ? normalise(entry) : null;
    const m = next ? ms(next) : NaN;
    const inNext = new Set(next ? entryScopes(next) : []);
    if (previous) {
      const before = ms(previous);
      for (const scope of entryScopes(previous))
        if (!next || before !== m || previous.id !== next.id || !inNext.has(scope)) of(scope).removes.push([before, previous.id]);
    }
    if (next) for (const scope of inNext) of(scope).inserts.push({ e: next, m });
  }
  for (const [scope, { removes, inserts }] of byScope) {
    const change = new ScopeChange(store, scope, layout);
    await change.open();
    for (const [m, id] of removes) await change.remove(m, id);
    inserts.sort((a, b) => a.m - b.m || Number(a.e.id) - Number(b.e.id));
    for (const { e } of inserts) await change.insert(e);
    await change.commit();
  }
}

/** `applyIndexed` for one entry. */
export function upsertIndexed(store: IndexStore, entry: IndexEntry, previous?: IndexEntry | null, layout: IndexLayout = LAYOUT): Promise<void> {
  return applyIndexed(store, [{ entry, previous: previous ?? null }], layout);
}

/** Takes `entry` (as last indexed) out of every scope of its section. */
export function removeIndexed(store: IndexStore, entry: IndexEntry, layout: IndexLayout = LAYOUT): Promise<void> {
  return applyIndexed(store, [{ entry: null, previous: entry }], layout);
}
