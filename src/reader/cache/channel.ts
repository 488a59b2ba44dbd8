/**
 * @module
 * The change channel at this location (issue 37). About once a second (`CHANNEL_POLL_MS`) an isolate
 * learns what the Newsroom committed lately (`recentChanges`: each changed KV key with its value),
 * always after the answer (`after()`), never on a reader's path. The answer is coalesced through
 * this location's Cache API, one entry per poll period: the first isolate to miss asks the Newsroom
 * and puts it, the others read it, so the Newsroom's load grows with locations, not with readers.
 * What is learned goes to `Learned` (read/learned.ts): copies built before it are outdated and
 * rebuilt from the channel's values until KV has caught up. An answer that fails or takes over
 * `CHANNEL_TIMEOUT_MS` leaves everything as it was (today's bound, by KV and the write log) and
 * marks the channel `down` for the metrics until an answer comes.
 */

import type { ChannelAnswer } from "../../shared/freshness/channel-format.ts";
import { CHANNEL_ANSWER_CACHE, CHANNEL_LATEST_CACHE, CHANNEL_POLL_MS, CHANNEL_TIMEOUT_MS } from "../../shared/freshness/policy.ts";
import { CACHE_ORIGIN } from "../../shared/freshness/resources.ts";
import type { Learned } from "../read/learned.ts";

/** `live`: the last poll had an answer; `down`: it failed or timed out; `idle`: none made yet. */
export type ChannelState = "live" | "down" | "idle";

/** The Cache API key of the answer for the poll period `now` falls in. */
export const answerUrl = (now: number): string => `${CACHE_ORIGIN}channel/${Math.floor(now / CHANNEL_POLL_MS)}`;
/** The Cache API key of the latest answer this location had: what a new isolate knows before its own first poll. */
export const LATEST_URL = `${CACHE_ORIGIN}channel/latest`;

function isAnswer(value: unknown): value is ChannelAnswer {
  const a = value as ChannelAnswer | null;
  return typeof a === "object" && a !== null && typeof a.cursor === "number" && Array.isArray(a.entries);
}

async function cachedAnswer(edge: Cache | undefined, url: string): Promise<ChannelAnswer | undefined> {
  const cached: unknown = await edge
    ?.match(url)
    .then((r) => r?.json())
    .catch(() => undefined);
  return isAnswer(cached) ? cached : undefined;
}

async function answerOf(ask: () => Promise<ChannelAnswer>, edge: Cache | undefined, now: number): Promise<ChannelAnswer> {
  const url = answerUrl(now);
  const cached = await cachedAnswer(edge, url);
  if (cached) return cached;
  let cancel = () => {};
  const timeout = new Promise<never>((_, reject) => {
    const timer = setTimeout(() => reject(new Error("channel timed out")), CHANNEL_TIMEOUT_MS);
    cancel = () => clearTimeout(timer);
  });
  const answer = await Promise.race([ask(), timeout]).finally(() => cancel());
  if (!isAnswer(answer)) throw new Error("channel answer malformed");
  const body = JSON.stringify(answer);
  await Promise.all([
    edge?.put(url, new Response(body, { headers: { "Cache-Control": CHANNEL_ANSWER_CACHE } })),
    edge?.put(LATEST_URL, new Response(body, { headers: { "Cache-Control": CHANNEL_LATEST_CACHE } })),
  ]).catch(() => {});
  return answer;
}

export class Channel {
  state: ChannelState = "idle";
  private next = 0;
  private polling = false;

  readonly learned: Learned;

  constructor(learned: Learned) {
    this.learned = learned;
  }

  /** Whether this isolate has yet to learn what the location knows (its first request waits for `prime`, a Cache API read). */
  get fresh(): boolean {
    return this.state === "idle" && !this.primed;
  }
  private primed = false;

  /** Learns this location's latest answer from the Cache API alone (never the Newsroom); the keys newly learned. */
  async prime(edge: Cache | undefined): Promise<string[]> {
    this.primed = true;
    const latest = await cachedAnswer(edge, LATEST_URL);
    return latest ? this.learned.apply(latest) : [];
  }

  /** Whether a poll is due, and if so claims it (cheap: called on every request); `poll` must follow a claim. */
  claim(now: number): boolean {
    // A clock that went back (a test's fake time) would otherwise put the next poll out of reach.
    if (this.polling || (now < this.next && now >= this.next - CHANNEL_POLL_MS)) return false;
    this.next = now + CHANNEL_POLL_MS;
    this.polling = true;
    return true;
  }

  /** One poll; resolves with the KV keys newly learned (none when nothing changed or the channel failed). */
  async poll(ask: () => Promise<ChannelAnswer>, edge: Cache | undefined, now = Date.now()): Promise<string[]> {
    try {
      const keys = this.learned.apply(await answerOf(ask, edge, now));
      this.state = "live";
      return keys;
    } catch {
      this.state = "down";
      return [];
    } finally {
      this.polling = false;
    }
  }
}
