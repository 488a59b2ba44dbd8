/**
 * @module
 * The article index: newest-first listings of the whole site and of every section path, read
 * without `list()` and at a cost per listing that does not grow with the number of articles.
 *
 * Each scope ("all", "News", "News/Syria", "@author/jane-doe", "@tag/syria", "@corrections": taxonomy.ts) is a counted B+tree whose nodes are immutable KV values:
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
 * articles, 2 up to 8 million with the default layout).
 *
 * Why immutable nodes: KV caches every read at the edge for up to a minute and a change touches
 * several keys. The writer (the Newsroom Durable Object, src/newsroom/) writes new nodes under new names
 * first, then the root, so a reader that sees the new root finds all of its nodes, and a reader
 * holding the old root (cached, or read just before the write) still reads the old nodes: every
 * listing is a consistent snapshot, old or new, never a mix. Nodes a change replaced are deleted
 * only `GARBAGE_TTL` later (src/newsroom/read-model/garbage.ts), so such readers keep working. A node's name
 * never changes meaning, so node reads can be cached at the edge far longer than the root.
 *
 * What a reader can still see while an article is published: each scope's root is switched
 * separately, so for a moment the site listing can show an article its section listing does not;
 * and other locations see the new root up to a minute late. Offset pagination shifts by one between
 * requests when an article is added, as any offset list does.
 *
 * This module is the shared format and the reader; src/newsroom/read-model/tree.ts changes trees. Only the
 * Durable Object writes, one change at a time, so no two writers ever start from the same root.
 */

import { dateValue, slugify } from "./schema.ts";
import type { IndexEntry } from "./documents.ts";

export const INDEX_PREFIX = "v1:index:";

export interface IndexLayout {
  /** Most entries in a leaf. */
  leaf: number;
  /** Most children of an inner node or of the root. */
  fanout: number;
  /** Entries repeated in the root, so listings within them need no other read. */
  head: number;
}

/**
 * With entries of 300–650 bytes (a standfirst of up to 300 characters is most of it): leaves ≤ 33 KB,
 * inner nodes ≤ 22 KB, roots ≤ 22 KB + 33 KB of `newest`. A correction rewrites one leaf per scope
 * (and the path above it): leaves of 100 entries, as until 2026-12-03, were 62 KB each with the
 * benchmark's entries. The fanout keeps height 1 up to 20,000 articles.
 */
export const LAYOUT: IndexLayout = { leaf: 50, fanout: 400, head: 50 };

export type Ref = [hash: string, count: number, publishedMs: number, id: string];

export interface Root {
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

/**
 * The scopes of bylines, tags and corrections (taxonomy.ts): they start with "@", which no section
 * slug can hold, so `@author/jane-doe` can never be a section path, whatever the sections are called.
 */
export const AUTHOR_SCOPE = "@author/";
export const TAG_SCOPE = "@tag/";
export const CORRECTIONS_SCOPE = "@corrections";

/** "all", "@corrections", "@author/<slug>", "@tag/<slug>", or 1 to 4 section slugs joined by "/". Anything else is no scope (an empty listing). */
export function isScope(scope: string): boolean {
  if (scope === "all" || scope === CORRECTIONS_SCOPE) return true;
  for (const prefix of [AUTHOR_SCOPE, TAG_SCOPE])
    if (scope.startsWith(prefix)) return scope.length <= 200 + prefix.length && SEGMENT.test(scope.slice(prefix.length));
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
export function scopePrefix(scope: string): string {
  const name = new TextEncoder().encode(scope).length <= 400 ? scope : `#${hash(scope)}`;
  return `${INDEX_PREFIX}${name}:`;
}

export function rootKey(scope: string): string {
  return `${scopePrefix(scope)}meta`;
}

// ---------------------------------------------------------------------------------------------
// Order, hashing, node shapes

const known = new WeakMap<IndexEntry, number>();

/** An entry's publication instant (epoch ms), remembered per entry object: tree changes compare it thousands of times. */
export function ms(entry: IndexEntry): number {
  const remembered = known.get(entry);
  if (remembered !== undefined) return remembered;
  const value = dateValue(entry.published);
  if (Number.isNaN(value)) throw new RangeError(`index entry ${entry.id} has no valid published date`);
  known.set(entry, value);
  return value;
}

/** Negative when (aMs, aId) lists before (bMs, bId): newer, or as new with a greater id. */
export function order(aMs: number, aId: string, bMs: number, bId: string): number {
  return bMs - aMs || Number(bId) - Number(aId);
}

/** Fixed field order, so the same entry always serialises to the same bytes (and node name). */
export function normalise({ id, path, headline, section, published, modified, description, lead, ...rest }: IndexEntry): IndexEntry {
  return { id, path, headline, section, published, modified, ...(description !== undefined && { description }), ...(lead && { lead }), ...rest };
}

/** cyrb53 twice over (106 bits): names nodes by content. Not cryptographic; only the writer names nodes. */
export function hash(text: string): string {
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

export interface Made {
  hash: string;
  text: string;
  ref: Ref;
}

export function makeLeaf(entries: IndexEntry[]): Made {
  const text = JSON.stringify(entries);
  const last = entries[entries.length - 1];
  const h = hash(text);
  return { hash: h, text, ref: [h, entries.length, ms(last), last.id] };
}

export function makeInner(refs: Ref[]): Made {
  const text = JSON.stringify(refs);
  const last = refs[refs.length - 1];
  const h = hash(text);
  return { hash: h, text, ref: [h, refs.reduce((n, r) => n + r[1], 0), last[2], last[3]] };
}

export function rootText(root: Root): string {
  return JSON.stringify({ v: 1, total: root.total, height: root.height, children: root.children, newest: root.newest });
}

/** Splits from the oldest end: every piece is full except the newest, as appending one by one leaves them. */
export function chunksFromOldest<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  let start = items.length % size || size;
  chunks.push(items.slice(0, start));
  for (; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

// ---------------------------------------------------------------------------------------------
// Reading

export const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

function isRef(r: unknown): r is Ref {
  return Array.isArray(r) && r.length === 4 && typeof r[0] === "string" && isCount(r[1]) && r[1] > 0 && typeof r[2] === "number" && typeof r[3] === "string";
}

function isEntry(e: unknown): e is IndexEntry {
  const x = e as IndexEntry;
  return (
    typeof e === "object" && e !== null && typeof x.id === "string" && typeof x.path === "string" && typeof x.published === "string" && Array.isArray(x.section)
  );
}

/** `value` as a root, or null when it is not one (its counts must add up). */
export function asRoot(value: unknown): Root | null {
  const r = value as Root;
  const ok =
    typeof value === "object" &&
    value !== null &&
    r.v === 1 &&
    isCount(r.total) &&
    isCount(r.height) &&
    r.height >= 1 &&
    Array.isArray(r.children) &&
    r.children.length > 0 &&
    r.children.every(isRef) &&
    r.children.reduce((n, c) => n + c[1], 0) === r.total &&
    Array.isArray(r.newest) &&
    r.newest.every(isEntry) &&
    r.newest.length <= r.total;
  return ok ? r : null;
}

/** `value` as the node its parent's ref names (a leaf of `count` entries, or refs adding up to `count`), or null. */
export function asNode(value: unknown, leaf: boolean, count: number): IndexEntry[] | Ref[] | null {
  const ok =
    Array.isArray(value) &&
    (leaf ? value.every(isEntry) && value.length === count : value.every(isRef) && value.reduce((n: number, r: Ref) => n + r[1], 0) === count);
  return ok ? (value as IndexEntry[] | Ref[]) : null;
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
export async function range(root: Root, start: number, end: number, load: (ref: Ref, leaf: boolean) => Promise<IndexEntry[] | Ref[]>): Promise<IndexEntry[]> {
  if (end <= root.newest.length) return root.newest.slice(start, end);
  let frontier = covering(root.children, 0, start, end);
  for (let level = root.height - 1; level >= 1; level--) {
    const nodes = (await Promise.all(frontier.map((f) => load(f.ref, false)))) as Ref[][];
    frontier = nodes.flatMap((refs, i) => covering(refs, frontier[i].base, start, end));
  }
  const leaves = (await Promise.all(frontier.map((f) => load(f.ref, true)))) as IndexEntry[][];
  return leaves.flatMap((entries, i) => entries.slice(Math.max(0, start - frontier[i].base), end - frontier[i].base));
}
