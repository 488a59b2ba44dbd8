/**
 * @module
 * What this isolate has learned from the change channel (cache/channel.ts): each KV key a commit
 * changed within the channel's window with its new value, read instead of KV until KV has surely
 * caught up (`CHANNEL_WINDOW_MS` after the commit: a location's KV may lag that long), and per purge
 * dependency the newest entry that changed it. A copy records the cursor its build had applied
 * (`seen`); one built before an entry it rests on is outdated here from the moment this isolate
 * applies that entry, whoever built it and whichever layer holds it. A deletion's value is null:
 * read as missing, so a late KV read of the old record cannot bring a takedown back. What is learned is
 * complete as of `knownAt` (when the Newsroom gave the newest answer applied); past `CHANNEL_TRUST_MS` it is
 * `behind`, and a request catches up before it is served (cache/channel.ts).
 */

import type { ChannelAnswer } from "../../shared/freshness/channel-format.ts";
import { CHANNEL_TRUST_MS, CHANNEL_WINDOW_MS } from "../../shared/freshness/policy.ts";
import { affected, ANY_DEP } from "../../shared/freshness/resources.ts";

export class Learned {
  /** The newest channel entry applied (0: none yet), on this isolate's scale. */
  cursor = 0;
  /** When the Newsroom gave the newest answer applied (epoch ms): every commit before then is known here. */
  knownAt = -Infinity;
  /** Added to a Newsroom's numbers: what was applied before its channel started over. */
  private base = 0;
  private readonly values = new Map<string, { value: string | null; until: number }>();
  private readonly changed = new Map<string, { n: number; until: number }>();
  /** Keys this location's KV had the newest value of at a time (a write made here, once KV had it): older entries stand in for nothing. */
  private readonly inKV = new Map<string, { at: number; until: number }>();

  /** Applies an answer's entries this isolate has not seen; the KV keys they changed. */
  apply(answer: ChannelAnswer, now = Date.now()): string[] {
    for (const map of [this.values, this.changed, this.inKV]) for (const [key, { until }] of map) if (until <= now) map.delete(key);
    // A Newsroom whose channel numbers from below what was applied is a new one (restored into a fresh object, or
    // wiped): its entries go on above every number seen, so they outdate older copies, and the old one's values go.
    if (answer.cursor + this.base < this.cursor) {
      this.base = this.cursor;
      this.values.clear();
    }
    const keys: string[] = [];
    for (const entry of answer.entries) {
      const { key, value, at } = entry;
      const n = entry.n + this.base;
      const until = at + CHANNEL_WINDOW_MS;
      if (n <= this.cursor || until <= now) continue;
      if ((this.inKV.get(key)?.at ?? -Infinity) < at) this.values.set(key, { value, until });
      for (const dep of [...affected([key]), ANY_DEP]) this.changed.set(dep, { n, until });
      keys.push(key);
    }
    this.cursor = Math.max(this.cursor, answer.cursor + this.base);
    // (A clock that went back, a test's fake time, would otherwise leave it ahead for good.)
    this.knownAt = this.knownAt > now + CHANNEL_TRUST_MS ? answer.at : Math.max(this.knownAt, answer.at || 0);
    return keys;
  }

  /**
   * Whether `answer` teaches this isolate all it lacks: a whole window does; a recent one (`from`) only when this
   * isolate has applied every entry up to `from` of the same Newsroom (not one that numbers from below what was applied).
   */
  follows(answer: ChannelAnswer): boolean {
    if (answer.from === undefined) return true;
    return answer.cursor + this.base >= this.cursor && answer.from + this.base <= this.cursor;
  }

  /** Whether what is learned may be missing a commit made over `CHANNEL_TRUST_MS` ago (a clock gone back counts too). */
  behind(now = Date.now()): boolean {
    return Math.abs(now - this.knownAt) > CHANNEL_TRUST_MS;
  }

  /** Whether a learned value may stand in for KV's (one past its window counts until the next answer drops it). */
  holds(): boolean {
    return this.values.size > 0;
  }

  /** After a write made here, once this location's KV has it: KV holds the newest of `keys`, so no older entry stands in for it. */
  inKVNow(keys: readonly string[], now = Date.now()): void {
    for (const key of keys) {
      this.values.delete(key);
      this.inKV.set(key, { at: now, until: now + CHANNEL_WINDOW_MS });
    }
  }

  /** The channel's value of `key` while KV may still lag behind it (null: deleted); undefined: read KV. */
  value(key: string, now = Date.now()): string | null | undefined {
    const known = this.values.get(key);
    return known && known.until > now ? known.value : undefined;
  }

  /** Whether a copy resting on `deps`, built having applied entries up to `seen`, predates an entry this isolate knows. */
  outdated(deps: readonly string[] | undefined, seen: number | undefined, now = Date.now()): boolean {
    if (this.changed.size === 0) return false;
    if (!deps) return true;
    return deps.some((dep) => {
      const change = this.changed.get(dep);
      return change !== undefined && change.until > now && change.n > (seen ?? 0);
    });
  }
}
