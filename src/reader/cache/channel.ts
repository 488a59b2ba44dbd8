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
  /** The poll under way, if any. */
  private polling: Promise<void> | undefined;
  /** What requests wait for while this isolate catches up (`listen`). */
  private catching: Promise<void> | undefined;

  readonly learned: Learned;

  constructor(learned: Learned) {
    this.learned = learned;
  }

  /**
   * On every request, before it is served. What this isolate learned is recent (`Learned.behind`): when a poll is
   * due, starts one to run after the answer (`after`) and returns nothing to wait for, so a reader never waits on the
   * Newsroom. Otherwise (a new isolate, or one idle for a while) it returns what the request must wait for: this
   * location's latest answer from the Cache API; and if that is not recent either while a learned value stands in
   * for KV's, a poll, as such a value may be older than what this location's KV holds by now. When the channel is
   * down nothing waits for it: the values learned stand until their window ends (a takedown is not brought back).
   * `learnt` gets the keys each answer newly taught.
   */
  listen(
    ask: () => Promise<ChannelAnswer>,
    edge: Cache | undefined,
    learnt: (keys: string[]) => void,
    after: (work: Promise<void>) => void,
  ): Promise<void> | undefined {
    const now = Date.now();
    if (!this.learned.behind(now)) {
      if (this.due(now)) this.start(ask, edge, learnt, after, now);
      return undefined;
    }
    return (this.catching ??= this.catchUp(ask, edge, learnt, after).finally(() => (this.catching = undefined)));
  }

  private async catchUp(ask: () => Promise<ChannelAnswer>, edge: Cache | undefined, learnt: (keys: string[]) => void, after: (work: Promise<void>) => void) {
    // This location's latest answer, from the Cache API alone (never the Newsroom).
    const latest = await cachedAnswer(edge, LATEST_URL);
    if (latest) learnt(this.learned.apply(latest));
    const now = Date.now();
    const polled = this.due(now) ? this.start(ask, edge, learnt, after, now) : this.polling;
    if (this.learned.behind(now) && this.learned.holds() && this.state !== "down") await polled;
  }

  /** Whether a poll is due (at most one a poll period, one at a time). */
  private due(now: number): boolean {
    // A clock that went back (a test's fake time) would otherwise put the next poll out of reach.
    return !this.polling && !(now < this.next && now >= this.next - CHANNEL_POLL_MS);
  }

  private start(
    ask: () => Promise<ChannelAnswer>,
    edge: Cache | undefined,
    learnt: (keys: string[]) => void,
    after: (work: Promise<void>) => void,
    now: number,
  ) {
    this.next = now + CHANNEL_POLL_MS;
    const run = this.poll(ask, edge, now)
      .then(learnt)
      .finally(() => (this.polling = undefined));
    after((this.polling = run));
    return run;
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
    }
  }
}
