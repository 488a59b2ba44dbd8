/**
 * @module
 * One change to one listing scope's tree (the format is src/shared/model/index-tree.ts): read the root and
 * the nodes on the changed paths, insert and remove entries, then write new nodes, the root, and an
 * expiry for each node it replaced. A content load makes thousands of inserts into one scope before
 * its commit, so nodes it makes are named (serialised and hashed) only at the commit, once each,
 * and only if the tree still holds them: until then a made node has a provisional name.
 */

import {
  asNode,
  asRoot,
  chunksFromOldest,
  hash,
  type IndexLayout,
  ms,
  order,
  type Ref,
  type Root,
  range,
  rootKey,
  rootText,
  scopePrefix,
} from "../../shared/model/index-tree.ts";
import type { IndexEntry } from "../../shared/model/documents.ts";

/** Where trees live while they change. Keys are the KV keys they will have. */
export interface IndexStore {
  get(key: string): Promise<string | null>;
  put(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** A node this change replaced: gone from the tree, but left readable a while for readers holding an older root (`value`: its content, for a store that rewrites it with an expiry). */
  expire(key: string, value: string): Promise<void>;
}

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
  /** The serialised node: set when read, or when a made node is named at the commit. */
  text: string;
  value: IndexEntry[] | Ref[];
  /** Read from KV (as opposed to made by this change). */
  stored: boolean;
}

function parsed(key: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`the read model's ${key} is not JSON`);
  }
}

/** Provisional names of made nodes: never a hash (hashes are base 36). */
const PROVISIONAL = "~";

export class ScopeChange {
  private readonly store: IndexStore;
  private readonly scope: string;
  private readonly layout: IndexLayout;
  private readonly prefix: string;
  private readonly nodes = new Map<string, Held>();
  /** Stored nodes this change replaced. */
  private readonly replaced = new Set<string>();
  private root: Root | null = null;
  private rootText: string | null = null;
  private provisional = 0;

  constructor(store: IndexStore, scope: string, layout: IndexLayout) {
    this.store = store;
    this.scope = scope;
    this.layout = layout;
    this.prefix = scopePrefix(scope);
  }

  async open(): Promise<void> {
    const key = rootKey(this.scope);
    this.rootText = await this.store.get(key);
    this.root = this.rootText === null ? null : asRoot(parsed(key, this.rootText));
    if (this.rootText !== null && !this.root) throw new Error(`the read model's ${key} is not an index root`);
  }

  private async node(ref: Ref, leaf: boolean): Promise<IndexEntry[] | Ref[]> {
    const held = this.nodes.get(ref[0]);
    if (held) return held.value;
    const key = this.prefix + ref[0];
    const text = await this.store.get(key);
    if (text === null) throw new Error(`the index of ${this.scope} names ${key}, which is missing`);
    const value = asNode(parsed(key, text), leaf, ref[1]);
    if (!value) throw new Error(`the read model's ${key} is not the index node its parent names`);
    this.nodes.set(ref[0], { text, value, stored: true });
    return value;
  }

  /** A node this change makes, under a provisional name until the commit. */
  private made(value: IndexEntry[] | Ref[], leaf: boolean): Ref {
    const name = PROVISIONAL + ++this.provisional;
    this.nodes.set(name, { text: "", value, stored: false });
    if (leaf) {
      const last = value[value.length - 1] as IndexEntry;
      return [name, value.length, ms(last), last.id];
    }
    const refs = value as Ref[];
    const last = refs[refs.length - 1];
    return [name, refs.reduce((n, r) => n + r[1], 0), last[2], last[3]];
  }

  private replace(name: string): void {
    if (this.nodes.get(name)?.stored) this.replaced.add(name);
  }

  private pieces(level: number, pieces: (IndexEntry | Ref)[][]): Ref[] {
    return pieces.map((p) => this.made(p as IndexEntry[] | Ref[], level === 0));
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

  /**
   * Names a made node and every made node below it (children first: a parent's text holds their
   * names). A node made again with the same content as a stored one is that stored node.
   */
  private name(ref: Ref, level: number): Ref {
    if (!ref[0].startsWith(PROVISIONAL)) return ref;
    const held = this.nodes.get(ref[0])!;
    const value = level === 0 ? held.value : (held.value as Ref[]).map((r) => this.name(r, level - 1));
    const text = JSON.stringify(value);
    const h = hash(text);
    if (!this.nodes.get(h)?.stored) this.nodes.set(h, { text, value, stored: false });
    return [h, ref[1], ref[2], ref[3]];
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
    root.children = root.children.map((r) => this.name(r, root.height - 1));
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
