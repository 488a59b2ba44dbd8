/**
 * @module
 * Tombstones (`v1:gone:<id>`, src/shared/model/documents.ts): how the reader tells an article the
 * editors removed (410 Gone) from an id that never was (404) with one KV read and no call here. A
 * tombstone exists exactly while an article that has been public is not: written by the change that
 * takes it off the public pages (the one the public change feed tombstones), changed when a withdrawn
 * article is deleted or a deleted one comes back as a draft, deleted when it is public again.
 */

import { GONE_PREFIX, type GoneRecord, type KVEntry } from "../shared/model/documents.ts";
import type { ReadModel } from "./read-model/outbox.ts";

const goneValue = (id: string, reason: GoneRecord["reason"]): string => JSON.stringify({ v: 1, id, reason } satisfies GoneRecord);

/**
 * An article's tombstone as its new state asks: none while it is public; once it has been public
 * (listed until this change, or a tombstone already says so), why it is not. An article that was never
 * public gets none: its id stays unknown to readers, as a draft's should.
 */
export async function markGone(model: ReadModel, id: string, state: "public" | GoneRecord["reason"], wasListed: boolean): Promise<void> {
  const key = GONE_PREFIX + id;
  if (state === "public") return model.delete(key);
  const before = model.value(key);
  if (before === null && !wasListed) return;
  if (before !== null && (JSON.parse(before) as GoneRecord).reason === state) return;
  await model.put(key, goneValue(id, state));
}

/**
 * Every tombstone, from the Newsroom's tables (a rebuild): each article the change log shows was
 * public once (a change readers saw) and is not public at `now` — removed when it has no row left.
 */
export function goneEntries(sql: SqlStorage, now: number): KVEntry[] {
  return sql
    .exec<{ id: string; removed: number }>(
      "SELECT DISTINCT c.id AS id, a.id IS NULL AS removed FROM change c LEFT JOIN article a ON a.id = c.id " +
        "WHERE c.public = 1 AND NOT (coalesce(a.status, '') = 'published' AND a.publish_at <= ?)",
      now,
    )
    .toArray()
    .map(({ id, removed }) => ({ key: GONE_PREFIX + id, value: goneValue(id, removed ? "removed" : "unpublished") }));
}
