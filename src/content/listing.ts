/**
 * @module
 * The article index: newest-first listings of the whole site and of every section path, read
 * without `list()` and at a cost per listing that does not grow with the number of articles.
 *
 * Each scope ("all", "News", "News/Syria", …) is a counted B+tree whose nodes are immutable KV values:
 *
 *   v1:index:<scope>:meta    the root, rewritten on every change:
 *                            { v: 1, total, height, children: Ref[], newest: IndexEntry[] }
 *   v1:index:<scope>:<hash>  a node, named by a hash of its own JSON: a leaf (IndexEntry[], at most
 *                            `layout.leaf`) or an inner node (Ref[], at most `layout.fanout`)
 *
 * A Ref is [hash, count, publishedMs, id] of a child: its size and its oldest entry. Everything is
 * newest first: published descending, then id descending as numbers. `height` is the number of node
 * levels below the root (1: the root's children are leaves). `newest` repeats the first `layout.head`
 * entries so the front page of any scope costs one read. Other listings read the root, then one or
 * two nodes per level: 1 + 2·height reads, height = ⌈log_fanout(total / leaf)⌉ (1 up to 20,000
 * articles, 2 up to 4 million with the default layout).
 *
 * Why immutable nodes: KV has no transactions and caches every read at the edge for up to a minute.
 * A change writes new nodes under new names first, then the root, so a reader that sees the new root
 * finds all of its nodes, and a reader holding the old root (cached, or read just before the write)
 * still reads the old nodes: every listing is a consistent snapshot, old or new, never a mix.
 * Nodes a change replaced are rewritten with an expiry (`GARBAGE_TTL`) rather than deleted, so such
 * readers keep working; KV removes them later. A node's name never changes meaning, so node reads
 * can be cached at the edge far longer than the root.
 *
 * What a reader can still see while an article is published: each scope is switched separately, so
 * for a moment the site listing can show an article its section listing does not (or, when it moves
 * between sections, both or neither); and other locations see the new root up to a minute late.
 * Offset pagination shifts by one between requests when an article is added, as any offset list does.
 *
 * Writers must take turns. Two changes to one scope at once both start from the same root and the
 * last root written wins: the other change is lost (its article is missing from, or still in, the
 * listing), and since the loser may have expired nodes the winner still uses, that scope's deeper
 * listings can fail with StorageError once GARBAGE_TTL has passed. A writer that reads a root a
 * minute stale (KV's edge cache) has the same effect. KV also allows one write per second to a key,
 * and every change rewrites the "all" root. So the publish endpoint should serialise changes (one at
 * a time, at most one per second, from one place), and the content build (`indexEntries`) rebuilds
 * a damaged index.
 */

import { dateValue, slugify } from "./schema.ts";
import { parseJson, readText, StorageError } from "./kv.ts";
import type { IndexEntry, KVEntry } from "./store.ts";

export const INDEX_PREFIX = "v1:index:";

export interface IndexLayout {
  /** Most entries in a leaf. */
  leaf: number;
  /** Most children of an inner node or of the root. */
  fanout: number;
  /** Entries repeated in the root, so listings within them need no other read. */
  head: number;
}

/** With today's entries (~300 bytes): ≤ 30 KB leaves, ≤ 9 KB inner nodes, roots ≤ 9 KB + 15 KB of `newest`. */
export const LAYOUT: IndexLayout = { leaf: 100, fanout: 200, head: 50 };

/** Seconds a replaced node stays readable for readers that still hold an older root. */
export const GARBAGE_TTL = 86_400;
/** The root changes; KV's minimum edge cache, as for articles. */
const ROOT_CACHE_TTL = 60;
/** Nodes never change once written, so their edge cache can be long. */
const NODE_CACHE_TTL = 3_600;

export interface Listing {
  entries: IndexEntry[];
  total: number;
}

type Ref = [hash: string, count: number, publishedMs: number, id: string];

interface Root {
  v: 1;
  total: number;
  height: number;
  children: Ref[];
  newest: IndexEntry[];
}

// ---------------------------------------------------------------------------------------------
// Scopes

/** A section name as a URL path segment: `slugify`, or for names without Latin letters, the name with spaces as `-`. */
export function sectionSlug(name: string): string {
  return (
    slugify(name) ||
    name
      .normalize("NFC")
      .replace(/['’‘]/g, "")
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "")
  );
}

const SEGMENT = /^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*$/u;

/** "all", or 1 to 4 section slugs joined by "/". Anything else is no scope (an empty listing). */
export function isScope(scope: string): boolean {
  if (scope === "all") return true;
  const parts = scope.split("/");
  return scope.length <= 500 && parts.length <= 4 && parts.every((p) => SEGMENT.test(p));
}

/**
 * Every scope an article with this section path is listed in. A top-level section slugged "all"
 * would be the site scope; the schema should reserve that name.
 */
export function scopesOf(section: string[]): string[] {
  const scopes = ["all"];
  let path = "";
  for (const name of section) {
    const slug = sectionSlug(name);
    if (!slug) throw new RangeError(`section ${JSON.stringify(name)} has no slug`);
    path = path ? `${path}/${slug}` : slug;
    if (!scopes.includes(path)) scopes.push(path);
  }
  return scopes;
}

/** KV keys are at most 512 bytes; a scope of long non-Latin names is named by its hash instead. */
function scopePrefix(scope: string): string {
  const name = new TextEncoder().encode(scope).length <= 400 ? scope : `#${hash(scope)}`;
  return `${INDEX_PREFIX}${name}:`;
}

export function rootKey(scope: string): string {
  return `${scopePrefix(scope)}meta`;
}

// ---------------------------------------------------------------------------------------------
// Order, hashing, node shapes

function ms(entry: IndexEntry): number {
  const value = dateValue(entry.published);
  if (Number.isNaN(value)) throw new RangeError(`index entry ${entry.id} has no valid published date`);
  return value;
}

/** Negative when (aMs, aId) lists before (bMs, bId): newer, or as new with a greater id. */
function order(aMs: number, aId: string, bMs: number, bId: string): number {
  return bMs - aMs || Number(bId) - Number(aId);
}

/** Fixed field order, so the same entry always serialises to the same bytes (and node name). */
function normalise({ id, path, headline, section, published, modified, ...rest }: IndexEntry): IndexEntry {
  return { id, path, headline, section, published, modified, ...rest };
}

/** cyrb53 twice over (106 bits): names nodes by content. Not cryptographic; only the writer names nodes. */
function hash(text: string): string {
  const half = (seed: number) => {
    let h1 = 0xdeadbeef ^ seed;
    let h2 = 0x41c6ce57 ^ seed;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36).padStart(11, "0");
  };
  return half(0) + half(0x9e3779b9);
}

interface Made {
  hash: string;
  text: string;
  ref: Ref;
}

function makeLeaf(entries: IndexEntry[]): Made {
  const text = JSON.stringify(entries);
  const last = entries[entries.length - 1];
  const h = hash(text);
  return { hash: h, text, ref: [h, entries.length, ms(last), last.id] };
}

function makeInner(refs: Ref[]): Made {
  const text = JSON.stringify(refs);
  const last = refs[refs.length - 1];
  const h = hash(text);
  return { hash: h, text, ref: [h, refs.reduce((n, r) => n + r[1], 0), last[2], last[3]] };
}

function rootText(root: Root): string {
  return JSON.stringify({ v: 1, total: root.total, height: root.height, children: root.children, newest: root.newest });
}

/** Splits from the oldest end: every piece is full except the newest, as appending one by one leaves them. */
function chunksFromOldest<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  let start = items.length % size || size;
  chunks.push(items.slice(0, start));
  for (; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
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

// ---------------------------------------------------------------------------------------------
// Reading

const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

function isRef(r: unknown): r is Ref {
  return Array.isArray(r) && r.length === 4 && typeof r[0] === "string" && isCount(r[1]) && r[1] > 0 && typeof r[2] === "number" && typeof r[3] === "string";
}

function isEntry(e: unknown): e is IndexEntry {
  const x = e as IndexEntry;
  return typeof e === "object" && e !== null && typeof x.id === "string" && typeof x.path === "string" && typeof x.published === "string" && Array.isArray(x.section);
}

function checkRoot(key: string, value: unknown): Root {
  const r = value as Root;
  const ok =
    typeof value === "object" && value !== null && r.v === 1 && isCount(r.total) && isCount(r.height) && r.height >= 1 &&
    Array.isArray(r.children) && r.children.length > 0 && r.children.every(isRef) &&
    r.children.reduce((n, c) => n + c[1], 0) === r.total && Array.isArray(r.newest) && r.newest.every(isEntry) &&
    r.newest.length <= r.total;
  if (!ok) throw new StorageError(`KV value of ${key} is not an index root`);
  return r;
}

function checkNode(key: string, value: unknown, leaf: boolean, count: number): IndexEntry[] | Ref[] {
  const ok = Array.isArray(value) && (leaf ? value.every(isEntry) && value.length === count : value.every(isRef) && value.reduce((n: number, r: Ref) => n + r[1], 0) === count);
  if (!ok) throw new StorageError(`KV value of ${key} is not the index ${leaf ? "leaf" : "node"} its parent names`);
  return value as IndexEntry[] | Ref[];
}

async function readRoot(kv: KVNamespace, scope: string): Promise<{ root: Root | null; text: string | null }> {
  const key = rootKey(scope);
  const text = await readText(kv, key, ROOT_CACHE_TTL);
  return { root: text === null ? null : checkRoot(key, parseJson(key, text)), text };
}

/** The children of `refs` (first starting at `base`) that overlap [start, end), with their own starts. */
function covering(refs: Ref[], base: number, start: number, end: number): { ref: Ref; base: number }[] {
  const out: { ref: Ref; base: number }[] = [];
  for (const ref of refs) {
    if (base < end && base + ref[1] > start) out.push({ ref, base });
    base += ref[1];
  }
  return out;
}

/** Entries [start, end) of a tree; `load` reads a node the parent's ref names. */
async function range(root: Root, start: number, end: number, load: (ref: Ref, leaf: boolean) => Promise<IndexEntry[] | Ref[]>): Promise<IndexEntry[]> {
  if (end <= root.newest.length) return root.newest.slice(start, end);
  let frontier = covering(root.children, 0, start, end);
  for (let level = root.height - 1; level >= 1; level--) {
    const nodes = (await Promise.all(frontier.map((f) => load(f.ref, false)))) as Ref[][];
    frontier = nodes.flatMap((refs, i) => covering(refs, frontier[i].base, start, end));
  }
  const leaves = (await Promise.all(frontier.map((f) => load(f.ref, true)))) as IndexEntry[][];
  return leaves.flatMap((entries, i) => entries.slice(Math.max(0, start - frontier[i].base), end - frontier[i].base));
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

// ---------------------------------------------------------------------------------------------
// The content build

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

interface Held {
  text: string;
  value: IndexEntry[] | Ref[];
  /** Read from KV (as opposed to made by this change). */
  stored: boolean;
}

/** One change to one scope: reads the root and the nodes on the changed paths, then writes. */
class ScopeChange {
  private readonly kv: KVNamespace;
  private readonly scope: string;
  private readonly layout: IndexLayout;
  private readonly prefix: string;
  private readonly nodes = new Map<string, Held>();
  /** Stored nodes this change replaced. */
  private readonly replaced = new Set<string>();
  private root: Root | null = null;
  private rootText: string | null = null;

  constructor(kv: KVNamespace, scope: string, layout: IndexLayout) {
    this.kv = kv;
    this.scope = scope;
    this.layout = layout;
    this.prefix = scopePrefix(scope);
  }

  async open(): Promise<void> {
    ({ root: this.root, text: this.rootText } = await readRoot(this.kv, this.scope));
  }

  private async node(ref: Ref, leaf: boolean): Promise<IndexEntry[] | Ref[]> {
    const held = this.nodes.get(ref[0]);
    if (held) return held.value;
    const key = this.prefix + ref[0];
    const text = await readText(this.kv, key, NODE_CACHE_TTL);
    if (text === null) throw new StorageError(`KV has no ${key}, which the index of ${this.scope} names`);
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
      if (this.rootText !== null) await write(() => this.kv.delete(rootKeyName), rootKeyName);
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
    await Promise.all(made.map((h) => write(() => this.kv.put(this.prefix + h, this.nodes.get(h)!.text), this.prefix + h)));
    await write(() => this.kv.put(rootKeyName, text), rootKeyName);
    await this.expire(reached);
  }

  private async expire(keep: Set<string>): Promise<void> {
    const garbage = [...this.replaced].filter((h) => !keep.has(h));
    await Promise.all(
      garbage.map((h) => write(() => this.kv.put(this.prefix + h, this.nodes.get(h)!.text, { expirationTtl: GARBAGE_TTL }), this.prefix + h)),
    );
  }
}

async function write(op: () => Promise<unknown>, key: string): Promise<void> {
  try {
    await op();
  } catch (cause) {
    throw new StorageError(`KV write of ${key} failed`, { cause });
  }
}

/**
 * Lists `entry` (replacing the entry with its id) in every scope of its section, and takes it out of
 * the scopes of `previous.section` it has left. `previous` is the entry as last indexed: without it,
 * an entry whose published date changed would be listed twice.
 */
export async function upsertIndexed(kv: KVNamespace, entry: IndexEntry, previous?: IndexEntry | null, layout: IndexLayout = LAYOUT): Promise<void> {
  checkLayout(layout);
  const next = normalise(entry);
  const m = ms(next);
  const before = previous ? { m: ms(previous), id: previous.id, scopes: scopesOf(previous.section) } : null;
  const scopes = new Set([...scopesOf(next.section), ...(before?.scopes ?? [])]);
  const inNext = new Set(scopesOf(next.section));
  await Promise.all(
    [...scopes].map(async (scope) => {
      const change = new ScopeChange(kv, scope, layout);
      await change.open();
      if (before && (before.m !== m || before.id !== next.id || !inNext.has(scope))) await change.remove(before.m, before.id);
      if (inNext.has(scope)) await change.insert(next);
      await change.commit();
    }),
  );
}

/** Takes `entry` (as last indexed) out of every scope of its section. */
export async function removeIndexed(kv: KVNamespace, entry: IndexEntry, layout: IndexLayout = LAYOUT): Promise<void> {
  checkLayout(layout);
  const m = ms(entry);
  await Promise.all(
    scopesOf(entry.section).map(async (scope) => {
      const change = new ScopeChange(kv, scope, layout);
      await change.open();
      await change.remove(m, entry.id);
      await change.commit();
    }),
  );
}
