/**
 * @module
 * The Newsroom's log of recent KV writes (`v1:writes`, written by write/write-log.ts), and the check
 * that lets a cached copy outlive its TTL without a KV read: a copy records the keys it was built
 * from and when; if none of them has been written since (with KV's own delay allowed for), a read
 * now would give the same bytes, so the copy is renewed instead.
 *
 * Why the margin: KV makes a write visible everywhere within about 60 s and readers cache values
 * for `READ_CACHE_TTL` (60 s), so a read at time t reflects every write that completed before
 * t − 120 s, and this log is read the same way. A copy built at b may therefore rest on values
 * older than any write that completed after b − 120 s; `KV_LAG_MS` adds the 10 s a memo may hold a
 * value before the build, 10 s for the copy of the log a memo was last renewed by, and 10 s for
 * clocks. A write the log marks as in progress (`null`) blocks every copy of its key until the log
 * says when it completed. The log is read with a 1 s timeout: when KV is slow, a copy that cannot be
 * renewed is rebuilt (or served stale) without waiting longer than before.
 */

import { WRITES_KEY, type WriteLog } from "../../shared/model/documents.ts";
import { parseJson, readText } from "../read/kv.ts";
import { KV_LAG_MS, LOG_READ_TIMEOUT_MS, READ_CACHE_TTL, RENEW_MAX_MS } from "../../shared/freshness/policy.ts";

/** Whether a copy built at `builtAt` from `keys` is what a KV read at `now` would build. */
export function unchanged(log: WriteLog, keys: readonly string[], builtAt: number, now: number): boolean {
  if (now - builtAt > RENEW_MAX_MS) return false;
  const horizon = builtAt - KV_LAG_MS;
  if (log.since > horizon) return false;
  for (const key of keys) {
    const at = log.keys[key];
    if (at === null || (at !== undefined && at >= horizon)) return false;
  }
  return true;
}

/** The log, or null when there is none or it is not one (then nothing is renewed). */
export async function readWriteLog(kv: KVNamespace): Promise<WriteLog | null> {
  const text = await readText(kv, WRITES_KEY, READ_CACHE_TTL, false, LOG_READ_TIMEOUT_MS);
  if (text === null) return null;
  const value = parseJson(WRITES_KEY, text) as Partial<WriteLog> | null;
  if (typeof value?.since !== "number" || typeof value.keys !== "object" || value.keys === null) return null;
  return value as WriteLog;
}
