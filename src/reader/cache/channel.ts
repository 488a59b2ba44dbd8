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
 *
 * Catching up and polling are shared by the isolate's requests (one poll a period, not one per request), so a
 * request may wait on work another request started. Should that request be cancelled (its client went away),
 * workerd cancels its I/O, and the work may never settle: each waiter therefore waits by a timer of its own, at
 * most `CHANNEL_WAIT_MS`, and work older than that is given up, so the next request starts afresh.
 */

import type { ChannelAnswer } from "../../shared/freshness/channel-format.ts";
import {
  CHANNEL_ANSWER_CACHE,
  CHANNEL_LATEST_CACHE,
  CHANNEL_POLL_MS,
  CHANNEL_RECENT_MS,
  CHANNEL_TIMEOUT_MS,
  CHANNEL_WAIT_MS,
} from "../../shared/freshness/policy.ts";
import { CACHE_ORIGIN } from "../../shared/freshness/resources.ts";
import type { Learned } from "../read/learned.ts";

/** `live`: the last poll had an answer; `down`: it failed or timed out; `idle`: none made yet. */
export type ChannelState = "live" | "down" | "idle";

/** Asks the Newsroom for the channel: the keys changed in the last `recentMs`, or (undefined) the whole window. */
export type Ask = (recentMs?: number) => Promise<ChannelAnswer>;

/** The Cache API key of the answer for the poll period `now` falls in: the recent one, or (`whole`) the whole window. */
export const answerUrl = (now: number, whole = false): string => `${CACHE_ORIGIN}channel/${whole ? "whole/" : ""}${Math.floor(now / CHANNEL_POLL_MS)}`;
/** The Cache API key of the latest whole answer this location had: what a new isolate knows before its own first poll. */
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

/** The answer for this poll period (`whole`: of the whole window), from the location's Cache API, else the Newsroom's, put there. */
async function answerOf(ask: Ask, edge: Cache | undefined, now: number, whole: boolean): Promise<ChannelAnswer> {
  const url = answerUrl(now, whole);
  const cached = await cachedAnswer(edge, url);
  if (cached) return cached;
  let cancel = () => {};
  const timeout = new Promise<never>((_, reject) => {
    const timer = setTimeout(() => reject(new Error("channel timed out")), CHANNEL_TIMEOUT_MS);
    cancel = () => clearTimeout(timer);
  });
  const answer = await Promise.race([ask(whole ? undefined : CHANNEL_RECENT_MS), timeout]).finally(() => cancel());
  if (!isAnswer(answer)) throw new Error("channel answer malformed");
  const body = JSON.stringify(answer);
  await Promise.all([
    edge?.put(url, new Response(body, { headers: { "Cache-Control": CHANNEL_ANSWER_CACHE } })),
    answer.from === undefined && edge?.put(LATEST_URL, new Response(body, { headers: { "Cache-Control": CHANNEL_LATEST_CACHE } })),
  ]).catch(() => {});
  return answer;
}

/** Work one request started that others may wait on, with when it started. */
interface Shared {
  work: Promise<void>;
  since: number;
}

/** `shared`, unless it is missing or older than `CHANNEL_WAIT_MS` (its request ended without settling it). */
const current = (shared: Shared | undefined, now: number): Shared | undefined => (shared && now - shared.since < CHANNEL_WAIT_MS ? shared : undefined);

/** Waits for `shared` by a timer of this request's own: until it settles or `CHANNEL_WAIT_MS` after it started. */
function waitFor(shared: Shared, now: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.min(CHANNEL_WAIT_MS, Math.max(0, shared.since + CHANNEL_WAIT_MS - now)))));
  return Promise.race([shared.work, bound]).finally(() => timer !== undefined && clearTimeout(timer));
}

export class Channel {
  state: ChannelState = "idle";
  private next = 0;
  /** When this isolate last started to catch up. */
  private caughtUp = -Infinity;
  /** The poll under way, if any. */
  private polling: Shared | undefined;
  /** What requests wait for while this isolate catches up (`listen`). */
  private catching: Shared | undefined;

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
  listen(ask: Ask, edge: Cache | undefined, learnt: (keys: string[]) => void, after: (work: Promise<void>) => void): Promise<void> | undefined {
    const now = Date.now();
    // While the channel is down, an isolate is always behind: it catches up (one Cache API read) once a poll period, not on every request.
    if (!this.learned.behind(now) || (this.state === "down" && now - this.caughtUp < CHANNEL_POLL_MS && now >= this.caughtUp)) {
      if (this.due(now)) this.start(ask, edge, learnt, after, now);
      return undefined;
    }
    let shared = current(this.catching, now);
    if (!shared) {
      this.caughtUp = now;
      const started: Shared = { work: Promise.resolve(), since: now };
      started.work = this.catchUp(ask, edge, learnt, after)
        .catch(() => {})
        .finally(() => this.catching === started && (this.catching = undefined));
      after(started.work);
      shared = this.catching = started;
    }
    return waitFor(shared, now);
  }

  private async catchUp(ask: Ask, edge: Cache | undefined, learnt: (keys: string[]) => void, after: (work: Promise<void>) => void) {
    // This location's latest answer, from the Cache API alone (never the Newsroom).
    const latest = await cachedAnswer(edge, LATEST_URL);
    if (latest) learnt(this.learned.apply(latest));
    const now = Date.now();
    const polled = this.due(now) ? this.start(ask, edge, learnt, after, now) : current(this.polling, now);
    if (polled && this.learned.behind(now) && this.learned.holds() && this.state !== "down") await waitFor(polled, now);
  }

  /** Whether a poll is due (at most one a poll period, one at a time). */
  private due(now: number): boolean {
    // A clock that went back (a test's fake time) would otherwise put the next poll out of reach.
    return !current(this.polling, now) && !(now < this.next && now >= this.next - CHANNEL_POLL_MS);
  }

  private start(ask: Ask, edge: Cache | undefined, learnt: (keys: string[]) => void, after: (work: Promise<void>) => void, now: number): Shared {
    this.next = now + CHANNEL_POLL_MS;
    const started: Shared = { work: Promise.resolve(), since: now };
    started.work = this.poll(ask, edge, now)
      .then(learnt)
      .finally(() => this.polling === started && (this.polling = undefined));
    after(started.work);
    return (this.polling = started);
  }

  /** One poll; resolves with the KV keys newly learned (none when nothing changed or the channel failed). */
  async poll(ask: Ask, edge: Cache | undefined, now = Date.now()): Promise<string[]> {
    try {
      const recent = await answerOf(ask, edge, now, false);
      // An isolate that missed entries before the recent answer's first (new, idle, or a Newsroom that started over) reads the whole window.
      const keys = this.learned.apply(this.learned.follows(recent) ? recent : await answerOf(ask, edge, now, true));
      this.state = "live";
      return keys;
    } catch {
      this.state = "down";
      return [];
    }
  }
}
