/**
 * @module
 * What an isolate keeps in memory beside finished copies, each for `ISOLATE_TTL`: article records
 * (for renders and redirects; a missing one, with its tombstone, for `MISS_TTL`), the nav document (every page's
 * menu) and the first page of a scope's listing (the front page's blocks, an article's "More in").
 * A burst of renders shares one KV read. Each remembers the keys it was read from and names them to
 * the build that uses it (`used`), and is kept past its TTL while the Newsroom's write log, kept
 * here too, shows none of them written (renewal.ts).
 */

import { LruCache, type Timed } from "./lru.ts";
import type { GoneRecord, NavDocument, WriteLog } from "../../shared/model/documents.ts";
import type { Article } from "../../shared/model/schema.ts";
import { recordKeys, used } from "../read/kv.ts";
import { type Listing, readListing } from "../read/listing.ts";
import { readArticle, readBanner, readGone, readNav } from "../read/store.ts";
import type { BannerDocument } from "../../shared/model/banner.ts";
import { ISOLATE_TTL, MISS_TTL } from "../../shared/freshness/policy.ts";
import { outdated, type Purged } from "./log-purge.ts";
import { readWriteLog, unchanged } from "./renewal.ts";

/** Entries of a scope's first page kept per scope (the first page of a section page is 20). */
export const HEAD_SIZE = 20;
/** The budget of listing heads in memory: 20 entries of about 2 KB each, for a few hundred scopes. */
const HEAD_BYTES = 4 * 2 ** 20;
/** The budget of parsed article records, beside the finished copies' (a 3 KB article takes about 8 KB as JS strings and objects). */
export const ARTICLE_BYTES = 8 * 2 ** 20;

export interface PageReads {
  /** The article record, at most `ISOLATE_TTL` old (a miss `MISS_TTL`); a failed read falls back to the record in memory. */
  article(kv: KVNamespace, id: string): Promise<Article | null>;
  /** A missing article's tombstone (`v1:gone:<id>`), read with the miss and remembered with it; null when there is none, or an article. */
  gone(kv: KVNamespace, id: string): Promise<GoneRecord | null>;
  /** `v1:nav`, the sections pages show, at most `ISOLATE_TTL` old (a failed read falls back to the copy in memory). */
  nav(kv: KVNamespace): Promise<NavDocument | null>;
  /** The nav document if this isolate has one, however old, without reading KV (for error pages). */
  knownNav(): NavDocument | null;
  /** `v1:banner`, the breaking-news banner, kept like the nav but never past its expiry (a failed read falls back to the copy in memory). */
  banner(kv: KVNamespace): Promise<BannerDocument | null>;
  /** The banner if this isolate read it within its TTL, without reading KV (for error pages); else null. */
  knownBanner(): BannerDocument | null;
  /** The newest `HEAD_SIZE` entries of a scope and its size. */
  head(kv: KVNamespace, scope: string): Promise<Listing>;
  /**
   * Whether a value read (or a copy built) at `readAt` from `keys` is still what KV holds: the write
   * log's check, on a copy of the log at most `ISOLATE_TTL` old (none readable: false).
   */
  renewable(kv: KVNamespace, keys: readonly string[], readAt: number): Promise<boolean>;
  /** The Newsroom's write log, at most `ISOLATE_TTL` old (null: none readable). */
  writeLog(kv: KVNamespace): Promise<WriteLog | null>;
  /** Forgets what was read before a write the log names (cache/log-purge.ts). */
  forget(purged: Purged): void;
  /** Forgets everything (after a publish in this isolate). */
  clear(): void;
}

type Kept<T> = Timed & T & { keys: string[]; readAt: number };
type ArticleRead = { record: Article | null; gone: GoneRecord | null };

export function pageReads(): PageReads {
  let nav: Kept<{ doc: NavDocument | null }> | undefined;
  let banner: Kept<{ doc: BannerDocument | null }> | undefined;
  let writes: (Timed & { log: WriteLog | null }) | undefined;
  const heads = new LruCache<Kept<{ listing: Listing }>>(HEAD_BYTES);
  const records = new LruCache<Kept<ArticleRead>>(ARTICLE_BYTES);
  let forgets = 0;
  async function writeLog(kv: KVNamespace): Promise<WriteLog | null> {
    const now = Date.now();
    if (writes && writes.freshUntil > now) return writes.log;
    const log = await readWriteLog(kv).catch(() => null);
    writes = { log, freshUntil: now + ISOLATE_TTL };
    return log;
  }
  async function renewable(kv: KVNamespace, keys: readonly string[], readAt: number): Promise<boolean> {
    const log = await writeLog(kv);
    return log !== null && unchanged(log, keys, readAt, Date.now());
  }
  /**
   * The value in memory while fresh or renewable, else read; `ttl` says how long a value is fresh,
   * `fallback` whether a value in memory may stand in for a failed read.
   */
  async function fresh<T>(
    kv: KVNamespace,
    hit: Kept<T> | undefined,
    read: () => Promise<T>,
    keep: (v: Kept<T>) => void,
    ttl: (v: T) => number = () => ISOLATE_TTL,
    fallback: (v: T) => boolean = () => true,
  ): Promise<T> {
    const now = Date.now();
    if (hit && hit.freshUntil <= now && (await renewable(kv, hit.keys, hit.readAt))) hit.freshUntil = now + ttl(hit);
    if (hit && hit.freshUntil > now) {
      used(...hit.keys);
      return hit;
    }
    try {
      const before = forgets;
      const { value, keys } = await recordKeys(read);
      // Not kept if this isolate forgot reads while it was under way: the value may be what was forgotten.
      if (forgets === before) keep({ ...value, keys, readAt: now, freshUntil: now + ttl(value) });
      return value;
    } catch (err) {
      // The copy in memory (the failed read has marked the build as resting on a fallback).
      if (hit && fallback(hit)) return hit;
      throw err;
    }
  }
  /** An article record, or on a miss its tombstone too (a second read, on misses alone): 410 or 404 is one memo either way. */
  const articleRead = (kv: KVNamespace, id: string) =>
    fresh(
      kv,
      records.get(id),
      async (): Promise<ArticleRead> => {
        const record = await readArticle(kv, id);
        return { record, gone: record ? null : await readGone(kv, id) };
      },
      (v) => records.set(id, v),
      (v) => (v.record ? ISOLATE_TTL : MISS_TTL),
      // A miss in memory does not stand in for a failed read: that is a 503, not a 404.
      (v) => v.record !== null,
    );
  return {
    article: async (kv, id) => (await articleRead(kv, id)).record,
    gone: async (kv, id) => (await articleRead(kv, id)).gone,
    async nav(kv) {
      return (
        await fresh(
          kv,
          nav,
          async () => ({ doc: await readNav(kv) }),
          (v) => (nav = v),
        )
      ).doc;
    },
    knownNav: () => nav?.doc ?? null,
    async banner(kv) {
      // Read again at its expiry, so the page built then learns whether the Newsroom has removed it.
      const ttl = (v: { doc: BannerDocument | null }) => (v.doc ? Math.max(0, Math.min(ISOLATE_TTL, Date.parse(v.doc.expires) - Date.now())) : ISOLATE_TTL);
      return (
        await fresh(
          kv,
          banner,
          async () => ({ doc: await readBanner(kv) }),
          (v) => (banner = v),
          ttl,
        )
      ).doc;
    },
    // Unlike the menu, an old one is not shown: the banner may have been cleared since.
    knownBanner: () => (banner && banner.freshUntil > Date.now() ? banner.doc : null),
    async head(kv, scope) {
      return (
        await fresh(
          kv,
          heads.get(scope),
          async () => ({ listing: await readListing(kv, scope, 0, HEAD_SIZE) }),
          (v) => heads.set(scope, v),
        )
      ).listing;
    },
    renewable,
    writeLog,
    forget(purged) {
      forgets++;
      const old = (v: Kept<unknown>) => outdated(purged, purged.keys, v.keys, v.readAt);
      if (nav && old(nav)) nav = undefined;
      if (banner && old(banner)) banner = undefined;
      heads.deleteWhere(old);
      records.deleteWhere(old);
    },
    clear() {
      forgets++;
      nav = undefined;
      banner = undefined;
      writes = undefined;
      heads.clear();
      records.clear();
    },
  };
}
