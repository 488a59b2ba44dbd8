/**
 * @module
 * Live coverage (v1.3, issue 38): an article marked `live` carries `updates`, short posts an editor
 * appends while a story develops (schema.org `LiveBlogPosting` and its `liveBlogUpdate`s). They are
 * part of the article's record, so an update is a new revision of the article and travels every road
 * an article does (KV, the caches, the change channel, the change feed, backups) with nothing new to
 * keep fresh. `updates` are managed by their own API (`…/articles/<id>/updates`): a whole-article write
 * that leaves them out keeps the ones the article has; closing coverage (`live.end`) keeps them too.
 *
 * Each update has a number `n` (1, 2, …, never reused) and a sequence `seq`: the article's count of
 * update changes when it was last posted or edited. A deleted update leaves a tombstone in `removed`
 * with the `seq` of its removal, so `…/updates?since=<seq>` can tell a client what was posted, edited
 * and removed since it last asked, by one number.
 */

import type { Author, TextCheck } from "./blocks.ts";

export interface LiveCoverage {
  /** RFC 3339 date-time: when coverage began. */
  start: string;
  /** RFC 3339 date-time when coverage closed, or null while it is open. */
  end: string | null;
}

/** `B`: the article's block type (schema.ts `Block`; a parameter here so this module needs no import of schema.ts). */
export interface LiveUpdate<B = unknown> {
  /** The update's number in its story: 1, 2, …; never reused, also after a deletion. */
  n: number;
  /** The article's update sequence when this update was last posted or edited. */
  seq: number;
  /** RFC 3339 date-time of its first posting: what readers see and the order they see it in. */
  time: string;
  /** RFC 3339 date-time of its last edit, when it was edited. */
  modified?: string;
  title?: string;
  /** 1 to 50 blocks of the article's own kinds (a photo is a figure block). */
  body: B[];
  /** A key point: shown above the updates while coverage is open. */
  pinned?: true;
  authors?: Author[];
}

/** A deleted update: its number and the sequence of its deletion. */
export interface RemovedUpdate {
  n: number;
  seq: number;
}

/** The live members of an article: each absent when the article has none. */
export interface Live<B = unknown> {
  live?: LiveCoverage;
  updates?: LiveUpdate<B>[];
  removed?: RemovedUpdate[];
}

/** The most updates a story keeps (its record must also fit the article limit, 256 KiB as JSON). */
export const MAX_UPDATES = 500;
/** The most blocks in one update. */
export const MAX_UPDATE_BLOCKS = 50;
export const LIVE_KEYS = ["live", "updates", "removed"] as const;

type Errors = { field: string; message: string }[];
type BlockCheck<B> = (value: unknown, field: string, errors: Errors) => B | undefined;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 1;

function dateTime(v: unknown, field: string, errors: Errors, isDate: (v: string) => boolean): string {
  if (typeof v === "string" && DATE_TIME.test(v) && isDate(v)) return v;
  errors.push({ field, message: "must be an RFC 3339 date-time with offset" });
  return "";
}

/** The body of one update: 1 to 50 blocks with a paragraph or a figure (what `POST …/updates` takes as `body`). */
export function updateBody<B extends { type: string }>(v: unknown, field: string, errors: Errors, block: BlockCheck<B>): B[] {
  if (!Array.isArray(v) || v.length === 0 || v.length > MAX_UPDATE_BLOCKS) {
    errors.push({ field, message: `must be a list of 1 to ${MAX_UPDATE_BLOCKS} blocks` });
    return [];
  }
  const body: B[] = [];
  v.forEach((value, i) => {
    const b = block(value, `${field}[${i}]`, errors);
    if (b) body.push(b);
  });
  if (body.length === v.length && !body.some((b) => b.type === "paragraph" || b.type === "figure"))
    errors.push({ field, message: "must contain a paragraph or a photo" });
  return body;
}

function update<B extends { type: string }>(
  v: unknown,
  field: string,
  errors: Errors,
  text: TextCheck,
  block: BlockCheck<B>,
  isDate: (v: string) => boolean,
): LiveUpdate<B> | undefined {
  if (!isObject(v)) return void errors.push({ field, message: "must be an object" });
  const known = ["n", "seq", "time", "modified", "title", "body", "pinned", "authors"];
  for (const k of Object.keys(v)) if (!known.includes(k)) errors.push({ field: `${field}.${k}`, message: "is not a member of an update" });
  if (!isCount(v.n)) errors.push({ field: `${field}.n`, message: "must be a whole number from 1" });
  if (!isCount(v.seq)) errors.push({ field: `${field}.seq`, message: "must be a whole number from 1" });
  const out: LiveUpdate<B> = { n: v.n as number, seq: v.seq as number, time: dateTime(v.time, `${field}.time`, errors, isDate), body: [] };
  if (v.modified !== undefined) out.modified = dateTime(v.modified, `${field}.modified`, errors, isDate);
  if (v.title !== undefined) out.title = text(v.title, `${field}.title`, errors, 300);
  out.body = updateBody(v.body, `${field}.body`, errors, block);
  if (v.pinned !== undefined && v.pinned !== false) {
    if (v.pinned !== true) errors.push({ field: `${field}.pinned`, message: "must be true or false" });
    else out.pinned = true;
  }
  if (v.authors !== undefined) {
    if (!Array.isArray(v.authors) || v.authors.length > 10) errors.push({ field: `${field}.authors`, message: "must be a list of at most 10 authors" });
    else
      out.authors = v.authors.map((a, i) => {
        const name = isObject(a) ? text(a.name, `${field}.authors[${i}].name`, errors, 200) : "";
        if (!isObject(a)) errors.push({ field: `${field}.authors[${i}]`, message: "must be an object with a name" });
        return { name };
      });
  }
  return out;
}

/**
 * The live members of an untrusted article, checked: `live` with a `start` and an `end` (null while open) not
 * before it; `updates` by number, each number and sequence once; `removed` tombstones. Only those given are returned.
 */
export function liveMembers<B extends { type: string }>(
  a: Record<string, unknown>,
  errors: Errors,
  text: TextCheck,
  block: BlockCheck<B>,
  isDate: (v: string) => boolean,
): Live<B> {
  const out: Live<B> = {};
  if (a.live !== undefined) {
    const l = a.live;
    if (!isObject(l)) errors.push({ field: "live", message: 'must be an object { "start": date-time, "end": date-time or null }' });
    else {
      for (const k of Object.keys(l)) if (k !== "start" && k !== "end") errors.push({ field: `live.${k}`, message: "is not a member of live" });
      const start = dateTime(l.start, "live.start", errors, isDate);
      const end = l.end === null || l.end === undefined ? null : dateTime(l.end, "live.end", errors, isDate);
      if (start && end && Date.parse(end) < Date.parse(start)) errors.push({ field: "live.end", message: "must not be before live.start" });
      out.live = { start, end };
    }
  }
  const seen = new Set<number>();
  const seqs = new Set<number>();
  const once = (n: number, seq: number, field: string) => {
    if (seen.has(n)) errors.push({ field: `${field}.n`, message: `repeats update number ${n}` });
    if (seqs.has(seq)) errors.push({ field: `${field}.seq`, message: `repeats sequence ${seq}` });
    seen.add(n);
    seqs.add(seq);
  };
  if (a.updates !== undefined) {
    if (!Array.isArray(a.updates) || a.updates.length > MAX_UPDATES)
      errors.push({ field: "updates", message: `must be a list of at most ${MAX_UPDATES} updates` });
    else {
      const updates: LiveUpdate<B>[] = [];
      a.updates.forEach((v, i) => {
        const u = update(v, `updates[${i}]`, errors, text, block, isDate);
        if (u) (once(u.n, u.seq, `updates[${i}]`), updates.push(u));
      });
      if (updates.length && !out.live) errors.push({ field: "updates", message: "are only for a live article (live)" });
      out.updates = updates.sort((x, y) => x.n - y.n);
    }
  }
  if (a.removed !== undefined) {
    if (!Array.isArray(a.removed) || a.removed.length > MAX_UPDATES)
      errors.push({ field: "removed", message: `must be a list of at most ${MAX_UPDATES} removed updates` });
    else
      out.removed = a.removed.flatMap((v, i) => {
        if (!isObject(v) || !isCount(v.n) || !isCount(v.seq) || Object.keys(v).length !== 2)
          return (errors.push({ field: `removed[${i}]`, message: "must be { n, seq }, whole numbers from 1" }), []);
        once(v.n, v.seq, `removed[${i}]`);
        return [{ n: v.n, seq: v.seq }];
      });
  }
  return out;
}

/** The article's update sequence: the highest `seq` of its updates and tombstones (0 for none). */
export function liveCursor(l: Live): number {
  let max = 0;
  for (const u of l.updates ?? []) max = Math.max(max, u.seq);
  for (const r of l.removed ?? []) max = Math.max(max, r.seq);
  return max;
}

/** The updates as readers see them: key points (pinned) first in `pinned`, and every update newest first. */
export function updatesForReaders<B>(updates: readonly LiveUpdate<B>[] | undefined): { pinned: LiveUpdate<B>[]; newestFirst: LiveUpdate<B>[] } {
  const newestFirst = [...(updates ?? [])].sort((x, y) => Date.parse(y.time) - Date.parse(x.time) || y.n - x.n);
  return { pinned: newestFirst.filter((u) => u.pinned), newestFirst };
}
