/**
 * @module
 * Changes to the article index (the format is src/content/listing.ts): the whole index of a set of
 * articles at once (`indexEntries`, for a rebuild), or one article at a time (`upsertIndexed`,
 * `removeIndexed`). Trees are read and written through an `IndexStore`: in production the Newsroom
 * Durable Object's copy of the read model, inside its transaction, so one writer decides every change
 * and KV receives the result afterwards (src/write/model.ts).
 */

import {
  chunksFromOldest,
  checkNode,
  checkRoot,
  type IndexLayout,
  isCount,
  LAYOUT,
  type Made,
  makeInner,
  makeLeaf,
  ms,
  normalise,
  order,
  type Ref,
  type Root,
  range,
  rootKey,
  rootText,
  scopePrefix,
  scopesOf,
} from "../content/listing.ts";
import { parseJson, StorageError } from "../content/kv.ts";
import type { IndexEntry, KVEntry } from "../content/store.ts";

/** Where trees live while they change. Keys are the KV keys they will have. */
export interface IndexStore {
  get(key: string): Promise<string | null>;
  put(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** A node this change replaced: gone from the tree, but left readable a while for readers holding an older root. */
  expire(key: string, value: string): Promise<void>;
}

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
    for (const scope of list) {
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

function checkLayout(l: IndexLayout): void {
  if (!(Number.isSafeInteger(l.leaf) && l.leaf >= 2 && Number.isSafeInteger(l.fanout) && l.fanout >= 2 && isCount(l.head)))
    throw new RangeError("an index layout needs leaf ≥ 2, fanout ≥ 2, head ≥ 0");
}

// ---------------------------------------------------------------------------------------------
// Incremental updates

/**
 * Splits an overfull node after an insert at index `at`. At the newest end the new item starts a
 * node of its own, at the oldest end likewise, so news published in order fills whole nodes;
 * elsewhere in halves. `fresh` is the index of the piece holding the new item.
 */
function split<T>(items: T[], at: number, cap: number): { pieces: T[][]; fresh: number } {
  if (items.length <= cap) return { pieces: [items], fresh: -1 };
  if (items.length > cap + 1) return { pieces: chunksFromOldest(items, cap), fresh: -1 }; // a smaller layout than the one written with
  const cut = at === 0 ? 1 : at === items.length - 1 ? items.length - 1 : Math.ceil(items.length / 2);
  return { pieces: [items.slice(0, cut), items.slice(cut)], fresh: at === 0 ? 0 : 1 };
}


interface Held {
  text: string;
  value: IndexEntry[] | Ref[];
  /** Read from KV (as opposed to made by this change). */
  stored: boolean;
}

/** One change to one scope: reads the root and the nodes on the changed paths, then writes. */
class ScopeChange {
  private readonly store: IndexStore;
  private readonly scope: string;
  private readonly layout: IndexLayout;
  private readonly prefix: string;
  private readonly nodes = new Map<string, Held>();
  /** Stored nodes this change replaced. */
  private readonly replaced = new Set<string>();
  private root: Root | null = null;
  private rootText: string | null = null;

  constructor(store: IndexStore, scope: string, layout: IndexLayout) {
    this.store = store;
    this.scope = scope;
    this.layout = layout;
    this.prefix = scopePrefix(scope);
  }

  async open(): Promise<void> {
    const key = rootKey(this.scope);
    this.rootText = await this.store.get(key);
    this.root = this.rootText === null ? null : checkRoot(key, parseJson(key, this.rootText));
  }

  private async node(ref: Ref, leaf: boolean): Promise<IndexEntry[] | Ref[]> {
    const held = this.nodes.get(ref[0]);
    if (held) return held.value;
    const key = this.prefix + ref[0];
    const text = await this.store.get(key);
    if (text === null) throw new StorageError(`the index of ${this.scope} names ${key}, which is missing`);
    const value = checkNode(key, parseJson(key, text), leaf, ref[1]);
    this.nodes.set(ref[0], { text, value, stored: true });
    return value;
  }

  private made(m: Made, value: IndexEntry[] | Ref[]): Ref {
    if (!this.nodes.has(m.hash)) this.nodes.set(m.hash, { text: m.text, value, stored: false });
    return m.ref;
  }

  private replace(hash: string): void {
    if (this.nodes.get(hash)?.stored) this.replaced.add(hash);
  }

  private pieces(level: number, pieces: (IndexEntry | Ref)[][]): Ref[] {
    return pieces.map((p) => (level === 0 ? this.made(makeLeaf(p as IndexEntry[]), p as IndexEntry[]) : this.made(makeInner(p as Ref[]), p as Ref[])));
  }

  /** The child of `refs` whose range holds (or would hold) this sort key: the first whose oldest is not newer. */
  private static child(refs: Ref[], m: number, id: string): number {
    const i = refs.findIndex((r) => order(m, id, r[2], r[3]) <= 0);
    return i === -1 ? refs.length - 1 : i;
  }

  /** Inserts (or replaces the entry with the same date and id); the node's replacement refs and where the new piece is. */
  private async insertInto(ref: Ref, level: number, entry: IndexEntry, m: number): Promise<{ refs: Ref[]; fresh: number }> {
    let items: (IndexEntry | Ref)[];
    let at: number;
    if (level === 0) {
      items = [...((await this.node(ref, true)) as IndexEntry[])];
      at = (items as IndexEntry[]).findIndex((e) => order(m, entry.id, ms(e), e.id) <= 0);
      if (at === -1) at = items.length;
      if (at < items.length && (items[at] as IndexEntry).id === entry.id && ms(items[at] as IndexEntry) === m) {
        items[at] = entry;
        at = -1;
      } else items.splice(at, 0, entry);
    } else {
      items = [...((await this.node(ref, false)) as Ref[])];
      const c = ScopeChange.child(items as Ref[], m, entry.id);
      const below = await this.insertInto((items as Ref[])[c], level - 1, entry, m);
      items.splice(c, 1, ...below.refs);
      at = below.fresh === -1 ? -1 : c + below.fresh;
    }
    this.replace(ref[0]);
    const { pieces, fresh } = split(items, at, level === 0 ? this.layout.leaf : this.layout.fanout);
    return { refs: this.pieces(level, pieces), fresh };
  }

  /** Removes the entry with this date and id; the node's replacement refs (none if it empties), or null if absent. */
  private async removeFrom(ref: Ref, level: number, m: number, id: string): Promise<Ref[] | null> {
    if (level === 0) {
      const entries = (await this.node(ref, true)) as IndexEntry[];
      const i = entries.findIndex((e) => e.id === id && ms(e) === m);
      if (i === -1) return null;
      this.replace(ref[0]);
      const rest = entries.filter((_, j) => j !== i);
      return rest.length ? this.pieces(0, [rest]) : [];
    }
    const refs = (await this.node(ref, false)) as Ref[];
    const c = ScopeChange.child(refs, m, id);
    const below = await this.removeFrom(refs[c], level - 1, m, id);
    if (below === null) return null;
    this.replace(ref[0]);
    const rest = [...refs.slice(0, c), ...below, ...refs.slice(c + 1)];
    return rest.length ? this.pieces(level, [rest]) : [];
  }

  async insert(entry: IndexEntry): Promise<void> {
    const m = ms(entry);
    // A scope emptied by `remove` keeps a root with no children: start it again like a new one.
    if (!this.root || this.root.children.length === 0) {
      this.root = { v: 1, total: 0, height: 1, children: this.pieces(0, [[entry]]), newest: [] };
      return;
    }
    const { children, height } = this.root;
    const c = ScopeChange.child(children, m, entry.id);
    const below = await this.insertInto(children[c], height - 1, entry, m);
    const refs = [...children.slice(0, c), ...below.refs, ...children.slice(c + 1)];
    const { pieces } = split(refs, below.fresh === -1 ? -1 : c + below.fresh, this.layout.fanout);
    this.root = pieces.length === 1 ? { ...this.root, children: refs } : { ...this.root, height: height + 1, children: this.pieces(1, pieces) };
  }

  async remove(m: number, id: string): Promise<void> {
    if (!this.root || this.root.children.length === 0) return;
    const { children, height } = this.root;
    const c = ScopeChange.child(children, m, id);
    const below = await this.removeFrom(children[c], height - 1, m, id);
    if (below === null) return;
    this.root = { ...this.root, children: [...children.slice(0, c), ...below, ...children.slice(c + 1)] };
    while (this.root.height > 1 && this.root.children.length === 1) {
      const only = this.root.children[0];
      const refs = (await this.node(only, false)) as Ref[];
      this.replace(only[0]);
      this.root = { ...this.root, height: this.root.height - 1, children: refs };
    }
  }

  /** Writes new nodes, then the root, then marks replaced nodes to expire. Nothing if nothing changed. */
  async commit(): Promise<void> {
    const rootKeyName = rootKey(this.scope);
    const root = this.root;
    if (!root || root.children.length === 0) {
      if (this.rootText !== null) await this.store.delete(rootKeyName);
      await this.expire(new Set());
      return;
    }
    root.total = root.children.reduce((n, r) => n + r[1], 0);
    root.newest = await range({ ...root, newest: [] }, 0, Math.min(root.total, this.layout.head), (ref, leaf) => this.node(ref, leaf));
    const text = rootText(root);
    if (text === this.rootText) return;
    // The new tree's nodes that this change holds: made ones to write, and read ones it kept (a
    // node made again with the same content is the stored one, and must not expire).
    const reached = new Set<string>();
    const walk = (refs: Ref[], level: number) => {
      for (const [h] of refs) {
        const held = this.nodes.get(h);
        if (!held || reached.has(h)) continue;
        reached.add(h);
        if (level > 0) walk(held.value as Ref[], level - 1);
      }
    };
    walk(root.children, root.height - 1);
    const made = [...reached].filter((h) => !this.nodes.get(h)!.stored);
    for (const h of made) await this.store.put(this.prefix + h, this.nodes.get(h)!.text);
    await this.store.put(rootKeyName, text);
    await this.expire(reached);
  }

  private async expire(keep: Set<string>): Promise<void> {
    const garbage = [...this.replaced].filter((h) => !keep.has(h));
    for (const h of garbage) await this.store.expire(this.prefix + h, this.nodes.get(h)!.text);
  }
}

/** One article's change to the index: its entry now (null: unlisted) and as last indexed (null: was not). */
export interface IndexChange {
  entry: IndexEntry | null;
  previous: IndexEntry | null;
}

/**
 * Applies a batch of changes: each entry listed (replacing the one with its id) in every scope of its
 * section, and taken out of the scopes of `previous.section` it has left. `previous` is the entry as
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
    const inNext = new Set(next ? scopesOf(next.section) : []);
    if (previous) {
      const before = ms(previous);
      for (const scope of scopesOf(previous.section))
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
