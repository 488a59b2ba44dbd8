// The change channel when shared work never settles (issue 37). An isolate's requests share one catch-up and one
// poll; should the request that started one be cancelled (its client went away), workerd cancels its I/O and the
// work may never settle. A request waiting on it must still be answered, by a timer of its own, and the next
// request must start afresh rather than wait on it again: else every request of the isolate would hang. Each test
// has a location of its own: the real Cache API, wrapped so its reads hang on demand (what a waiter meets when the
// request that began them is gone), and the real Newsroom.
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../../../src/reader/app.ts";
import { Channel } from "../../../src/reader/cache/channel.ts";
import { createLayers } from "../../../src/reader/cache/layers.ts";
import { Learned } from "../../../src/reader/read/learned.ts";
import type { ChannelAnswer } from "../../../src/shared/freshness/channel-format.ts";
import { CANONICAL, newsroomStub, sampleArticle, TOKEN } from "../../support/helpers.ts";

/** The longest a request waits on its isolate's catch-up (docs/caching.md: a poll's 3 s timeout and one 1 s period). */
const WAIT_MS = 4_000;
let locations = 0;

afterEach(() => {
  vi.useRealTimers();
});

/** A location's real Cache API whose reads of the keys `stalls` picks never answer while `state.stalled`; `state.matches` counts reads. */
async function location(stalls: (url: string) => boolean = () => true) {
  const real = await caches.open(`channel-stalls-${++locations}`);
  const state = { stalled: true, matches: 0 };
  const edge = new Proxy(real, {
    get(target, prop) {
      if (prop === "match")
        return (request: RequestInfo, options?: CacheQueryOptions) => {
          state.matches++;
          const url = typeof request === "string" ? request : request.url;
          return state.stalled && stalls(url) ? new Promise<never>(() => {}) : target.match(request, options);
        };
      const value: unknown = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  }) as Cache;
  return { edge, state };
}

const ask = (recentMs?: number): Promise<ChannelAnswer> => newsroomStub().recentChanges(recentMs);

describe("the change channel when shared work never settles (issue 37)", () => {
  it("answers every request waiting on a catch-up that never settles within the wait bound, and the next request starts afresh", async () => {
    expect(env.NEWSROOM).toBeDefined();
    const { edge, state } = await location();
    const channel = new Channel(new Learned());
    const works: Promise<void>[] = [];
    const after = (work: Promise<void>) => void works.push(work);
    const started = Date.now();
    // A new isolate is behind: its first requests wait for it to catch up, on one shared catch-up, whose Cache API read hangs.
    const waiting = [channel.listen(ask, edge, () => {}, after), channel.listen(ask, edge, () => {}, after)];
    expect(waiting.every((w) => w instanceof Promise)).toBe(true);
    await Promise.all(waiting);
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(WAIT_MS - 50);
    expect(waited).toBeLessThan(WAIT_MS + 5_000); // answered by their own timers, however loaded the machine
    expect(state.matches).toBe(1); // one catch-up, shared
    // The hung catch-up is given up: the next request catches up by itself, and the channel is learned again.
    state.stalled = false;
    await channel.listen(ask, edge, () => {}, after);
    await Promise.all(works.slice(1));
    expect(state.matches).toBeGreaterThan(1);
    expect(channel.state).toBe("live");
    expect(channel.learned.behind()).toBe(false);
  }, 30_000);

  it("gives up a poll that never settles, so the isolate polls again once it is due", async () => {
    // Only the poll's read of this period's answer hangs; the location's latest answer is read as usual.
    const { edge, state } = await location((url) => !url.endsWith("/latest"));
    const channel = new Channel(new Learned());
    const works: Promise<void>[] = [];
    const after = (work: Promise<void>) => void works.push(work);
    vi.useFakeTimers({ toFake: ["Date"] });
    // The first request catches up: it reads the latest answer and starts a poll, whose read hangs (it need not wait for it).
    await channel.listen(ask, edge, () => {}, after);
    expect(channel.state).toBe("idle");
    const polls = state.matches;
    // Within the bound the hung poll counts as under way: no second poll starts.
    vi.setSystemTime(Date.now() + 1_500);
    await channel.listen(ask, edge, () => {}, after);
    expect(channel.state).toBe("idle");
    // Past it, the poll is given up, and the next one, now answered, teaches the isolate the channel.
    state.stalled = false;
    vi.setSystemTime(Date.now() + WAIT_MS);
    const hung = works.length; // the hung poll's work is among these; it never settles
    await channel.listen(ask, edge, () => {}, after);
    await Promise.all(works.slice(hung));
    expect(state.matches).toBeGreaterThan(polls);
    expect(channel.state).toBe("live");
  }, 30_000);

  it("while the channel is down, reads the location's latest answer once a poll period, not on every request", async () => {
    const { edge, state } = await location(() => false);
    const channel = new Channel(new Learned());
    const works: Promise<void>[] = [];
    const after = (work: Promise<void>) => void works.push(work);
    // The Newsroom unreachable, as a failed RPC call answers.
    const down = (): Promise<ChannelAnswer> => Promise.reject(new Error("the Newsroom is unreachable"));
    vi.useFakeTimers({ toFake: ["Date"] });
    await channel.listen(down, edge, () => {}, after);
    await Promise.all(works);
    expect(channel.state).toBe("down");
    const reads = state.matches;
    for (let i = 0; i < 20; i++) expect(channel.listen(down, edge, () => {}, after)).toBeUndefined();
    expect(state.matches).toBe(reads);
    // A poll period later, one request catches up (and polls) again.
    vi.setSystemTime(Date.now() + 1_100);
    await channel.listen(down, edge, () => {}, after);
    await Promise.all(works);
    expect(state.matches).toBeGreaterThan(reads);
    expect(channel.state).toBe("down");
  }, 30_000);

  it("never holds a write for its isolate's catch-up: a PUT is answered while a read of the same isolate waits", async () => {
    const ID = 437_101;
    const { edge } = await location((url) => url.includes("/channel/"));
    const app = createApp({ ...createLayers({ channel: true }), edge });
    const send = async (request: Request) => {
      const ctx = createExecutionContext();
      const started = Date.now();
      const res = await app.fetch(request, env, ctx);
      await res.body?.cancel();
      return { status: res.status, ms: Date.now() - started };
    };
    const article = { ...sampleArticle(ID, ["Channel"], "2021-03-08"), slug: "story" };
    const headers = { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" };
    const [read, write] = await Promise.all([
      send(new Request(`${CANONICAL}/robots.txt`)),
      send(new Request(`${CANONICAL}/api/v1/articles/${ID}`, { method: "PUT", headers, body: JSON.stringify(article) })),
    ]);
    expect([200, 201]).toContain(write.status);
    expect(read.status).toBe(200);
    // The read waited for the catch-up (its channel reads hang here) until its bound; the write did not.
    expect(read.ms).toBeGreaterThanOrEqual(WAIT_MS - 50);
    expect(write.ms).toBeLessThan(read.ms);
  }, 30_000);
});
