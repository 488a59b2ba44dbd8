/**
 * @module
 * A live story's updates as the Newsroom changes them (issue 38): posting, editing and deleting one
 * make the article's next version, which editing.ts then checks and commits like any publish (its
 * preconditions, its date, the schema and its size limit), so each update is a revision and travels
 * every road an article does. Numbers: `n` is one more than any number the story ever used (its
 * tombstones included), `seq` one more than its update sequence (`liveCursor`). Also what keeps that
 * sequence moving forward when a whole-article write or a restore gives the updates itself.
 */

import { type Live, liveCursor, type LiveUpdate } from "../shared/model/live.ts";
import type { Article, Block } from "../shared/model/schema.ts";

import type { UpdateInput } from "../shared/newsroom-api.ts";

export type LiveChange = { kind: "post"; update: UpdateInput } | { kind: "edit"; n: number; update: UpdateInput } | { kind: "delete"; n: number };

/** Why a change is refused before anything is checked: no such update (404), or the story is not live or closed (409). */
export type LiveRefusal = { status: 404 } | { status: 409; detail: string };

function nowSeconds(now: number): string {
  return new Date(Math.floor(now / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

function shaped(n: number, seq: number, time: string, input: UpdateInput, modified?: string): LiveUpdate<Block> {
  const u: LiveUpdate<Block> = { n, seq, time, ...(modified && { modified }), ...(input.title && { title: input.title }), body: input.body };
  if (input.pinned) u.pinned = true;
  if (input.authors?.length) u.authors = input.authors;
  return u;
}

/**
 * The article's next fields after `change` (without `modified`, which editing.ts dates), and the
 * update's number; or why not. A closed story takes no new update, but its updates can still be
 * edited and deleted.
 */
export function applyLiveChange(article: Article, change: LiveChange, now: number): { fields: Record<string, unknown>; n: number } | LiveRefusal {
  if (!article.live) return { status: 409, detail: "The story is not live: mark it live (its `live` member) before posting updates." };
  const updates = [...(article.updates ?? [])];
  const removed = [...(article.removed ?? [])];
  const seq = liveCursor(article) + 1;
  const time = nowSeconds(now);
  let n: number;
  if (change.kind === "post") {
    if (article.live.end !== null)
      return { status: 409, detail: "Coverage of this story is closed: it takes no new updates (its updates can still be edited or deleted)." };
    n = Math.max(0, ...updates.map((u) => u.n), ...removed.map((r) => r.n)) + 1;
    updates.push(shaped(n, seq, time, change.update));
  } else {
    n = change.n;
    const i = updates.findIndex((u) => u.n === n);
    if (i < 0) return { status: 404 };
    if (change.kind === "edit") updates[i] = shaped(n, seq, updates[i]!.time, change.update, time);
    else (updates.splice(i, 1), removed.push({ n, seq }));
  }
  const { modified: _, ...rest } = article;
  return { fields: { ...rest, updates, removed: removed.length ? removed : undefined }, n };
}

const same = (a: LiveUpdate<Block>, b: LiveUpdate<Block>) => JSON.stringify({ ...a, seq: 0 }) === JSON.stringify({ ...b, seq: 0 });

/**
 * A whole-article write's live members against the current version's. Members it leaves out are kept
 * (updates are managed by their API; a desk save or a PUT of the story alone keeps them); `live: null`
 * ends live coverage altogether. When the write gives updates over a story that has some (a PUT of the
 * article as read, a restored revision), the sequence still only moves forward: an update as it is now
 * keeps its `seq`, a changed or returning one is given the next, and one the write leaves out is
 * tombstoned, so an app asking `…/updates?since=` misses nothing. A story with none takes them as given.
 */
export function keptLive(input: Record<string, unknown>, current: Article | null): Record<string, unknown> {
  const out: Record<string, unknown> = { ...input };
  if (out.live === null) delete out.live;
  else if (!("live" in input) && current?.live) out.live = current.live;
  if (!("updates" in input) && current?.updates) out.updates = current.updates;
  if (!("removed" in input) && current?.removed) out.removed = current.removed;
  const cursor = current ? liveCursor(current) : 0;
  if (cursor === 0 || !Array.isArray(out.updates) || (out.updates === current!.updates && out.removed === current!.removed)) return out;
  return { ...out, ...forward(current!, out as Live<Block>, cursor) };
}

/** `next`'s updates and tombstones renumbered after `cursor` where they differ from `current`'s. */
function forward(current: Live<Block>, next: Live<Block>, cursor: number): Live<Block> {
  let seq = cursor;
  const now = new Map((current.updates ?? []).map((u) => [u.n, u]));
  const given = (next.updates ?? []).filter((u) => typeof u === "object" && u !== null);
  const updates = given.map((u) => {
    const old = now.get(u.n);
    return old && same(old, u) ? old : { ...u, seq: ++seq };
  });
  const kept = new Set(updates.map((u) => u.n));
  const removed = (Array.isArray(next.removed) ? next.removed : (current.removed ?? [])).filter((r) => !kept.has(r.n));
  const tombstoned = new Set(removed.map((r) => r.n));
  for (const u of current.updates ?? []) if (!kept.has(u.n) && !tombstoned.has(u.n)) removed.push({ n: u.n, seq: ++seq });
  const oldTombs = new Map((current.removed ?? []).map((r) => [r.n, r.seq]));
  const renumbered = removed.map((r) => (oldTombs.get(r.n) === r.seq || r.seq > cursor ? r : { n: r.n, seq: ++seq }));
  return { updates, removed: renumbered.length ? renumbered : undefined };
}
