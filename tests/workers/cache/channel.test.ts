// The change channel (issue 37): a location learns the Newsroom's commits about once a second and
// serves the new state while its KV still lags. Each location here is a layer set of its own (its
// own Cache API, `caches.open`) whose isolates read KV through a lagging view of the real binding
// (tests/support/kv-lag.ts): up to the change a test makes, it sees every write at once; from the
// change on, 60 s late, by a clock the test moves once the Newsroom has committed and drained (the
// Newsroom's alarms run by the real clock). The Newsroom writes the real KV. Ids 437xxx.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../../../src/reader/app.ts";
import { createLayers, type Layers } from "../../../src/reader/cache/layers.ts";
import { forgetPurges } from "../../../src/reader/cache/purge.ts";
import { CANONICAL, loadSeedContent, newsroomStub, sampleArticle } from "../../support/helpers.ts";
import { type History, lagged, laggingKV, recordNewsroomWrites } from "../../support/kv-lag.ts";

const LAG_MS = 60_000;
const history: History = new Map();
let locations = 0;

beforeAll(async () => {
  await loadSeedContent();
  await recordNewsroomWrites(history);
}, 60_000);

afterEach(() => {
  vi.useRealTimers();
});

const path = (id: number) => `/Detail/2021/03/07/${id}/story`;

async function write(id: number, headline: string): Promise<void> {
  const result = await newsroomStub().publish(String(id), { ...sampleArticle(id, ["Channel"], "2021-03-07"), headline, slug: "story" }, "tests", {
    waitMs: 30_000,
  });
  expect([200, 201]).toContain(result.status);
}

/**
 * A location: its own Cache API; `isolate()` is a new isolate there (its own memory and channel state).
 * Its KV shows each write at once until `lagFrom()`; from then on, what was written 60 s before.
 */
async function location(options: { channelDown?: boolean } = {}) {
  let since: number | undefined;
  const visible = () => (since === undefined ? Date.now() : Math.max(since, Date.now() - LAG_MS));
  forgetPurges();
  const edge = await caches.open(`channel-location-${++locations}`);
  const points: AnalyticsEngineDataPoint[] = [];
  // Fault injection around the real bindings: the Newsroom's channel unreachable, the data points also kept here.
  const newsroom = options.channelDown
    ? (new Proxy(env.NEWSROOM, {
        get(target, prop) {
          if (prop !== "get") return Reflect.get(target, prop).bind(target);
          return (id: DurableObjectId) =>
            new Proxy(target.get(id), {
              get: (stub, method) => (method === "recentChanges" ? () => Promise.reject(new Error("unreachable")) : Reflect.get(stub, method)),
            });
        },
      }) as typeof env.NEWSROOM)
    : env.NEWSROOM;
  const metrics = { writeDataPoint: (p: AnalyticsEngineDataPoint) => (points.push(p), env.METRICS.writeDataPoint(p)) } as AnalyticsEngineDataset;
  const testEnv = { ...env, NEWS: laggingKV(env.NEWS, history, visible), NEWSROOM: newsroom, METRICS: metrics };
  const isolate = () => {
    const layers: Layers = { ...createLayers({ channel: true }), edge };
    const app = createApp(layers);
    return async (url: string, accept = "text/html"): Promise<{ status: number; body: string }> => {
      const ctx = createExecutionContext();
      const res = await app.fetch(new Request(CANONICAL + url, { headers: { Accept: accept } }), testEnv, ctx);
      const body = await res.text();
      await waitOnExecutionContext(ctx);
      return { status: res.status, body };
    };
  };
  const lagFrom = () => (since = Date.now());
  return { isolate, points, lagFrom, visible };
}

const later = (ms: number) => vi.setSystemTime(Date.now() + ms);
/** Every public representation that shows the article's headline: its page, its JSON, the API's, the front page, the section's feed. */
const views = (id: number): [string, string][] => [
  [path(id), "text/html"],
  [path(id), "application/json"],
  [`/api/v1/articles/${id}`, "application/json"],
  ["/", "application/json"],
  ["/Channel/rss.xml", "*/*"],
];

describe("the change channel (issue 37)", () => {
  it("never serves a copy built before a change once the location has learned of it, while its KV still shows the old value", async () => {
    const ID = 437_001;
    await write(ID, "Casualty figure first reported");
    const { isolate, lagFrom, visible } = await location();
    const a = isolate();
    const b = isolate();
    for (const [url, accept] of views(ID)) {
      expect((await a(url, accept)).body).toContain("Casualty figure first reported");
      expect((await b(url, accept)).body).toContain("Casualty figure first reported");
    }
    lagFrom();
    await write(ID, "Casualty figure corrected");
    vi.useFakeTimers({ toFake: ["Date"] });
    later(1_100); // the next poll is due
    await a("/robots.txt", "*/*"); // a's next request polls after its answer; a now knows, and so does the location's Cache API
    expect(lagged(history, `v1:article:${ID}`, visible())?.value).toContain("Casualty figure first reported"); // KV here still lags
    // b learns at its own next poll (each isolate polls about once a second; the one request it answers meanwhile may be old).
    await b("/robots.txt", "*/*");
    // From now on no isolate of the location (a and b, which built copies before, and c, new) serves the old state on any
    // representation, whichever isolate built the copy it finds, although this location's KV shows the old value for 60 s.
    const c = isolate();
    const start = Date.now();
    for (const step of [0, 5_000, 20_000, 45_000, 57_000, 90_000, 149_000, 200_000]) {
      vi.setSystemTime(start + step); // the clock moves on; polls keep coming
      for (const [name, reader] of Object.entries({ a, b, c }))
        for (const [url, accept] of views(ID)) {
          const { status, body } = await reader(url, accept);
          expect(status, `${name}: ${url} ${accept} at +${step} ms`).toBe(200);
          expect(body, `${name}: ${url} ${accept} at +${step} ms`).toContain("Casualty figure corrected");
          expect(body).not.toContain("Casualty figure first reported");
        }
    }
  }, 120_000);

  it("serves a new story once the location has learned of it, though its KV still misses it (and remembered the miss)", async () => {
    const ID = 437_004;
    const { isolate, lagFrom } = await location();
    const a = isolate();
    expect((await a(path(ID))).status).toBe(404);
    expect((await a(path(ID), "application/json")).status).toBe(404);
    lagFrom();
    await write(ID, "Breaking story");
    vi.useFakeTimers({ toFake: ["Date"] });
    later(1_100);
    await a("/robots.txt", "*/*");
    for (const [url, accept] of views(ID)) {
      const { status, body } = await a(url, accept);
      expect(status, `${url} ${accept}`).toBe(200);
      expect(body, `${url} ${accept}`).toContain("Breaking story");
    }
  }, 60_000);

  it("after an idle gap, serves what its location's KV holds by then, not an older value it learned before (the idle gap)", async () => {
    const ID = 437_005;
    await write(ID, "Ferry timetable first draft");
    const { isolate, lagFrom, visible } = await location();
    const a = isolate();
    expect((await a(path(ID))).body).toContain("Ferry timetable first draft");
    lagFrom();
    await write(ID, "Ferry timetable revised");
    vi.useFakeTimers({ toFake: ["Date"] });
    later(1_100);
    await a("/robots.txt", "*/*"); // a polls after its answer and learns the revision, which its KV still lacks
    expect((await a(path(ID))).body).toContain("Ferry timetable revised");
    // a goes idle (no request, so no poll); meanwhile the story is changed again, and by the time a is asked again
    // this location's KV holds the newer value. The Newsroom's drain runs by the real clock, so the write does too.
    vi.useRealTimers();
    await write(ID, "Ferry timetable final");
    vi.useFakeTimers({ toFake: ["Date"] });
    later(LAG_MS + 1_000);
    expect(lagged(history, `v1:article:${ID}`, visible())?.value).toContain("Ferry timetable final");
    // The first request after the gap, to a (which learned the revision) and to c (new: the location's latest answer it
    // starts from is as old as a's poll), serves the final state on every representation, never the revision again.
    const c = isolate();
    for (const [name, reader] of Object.entries({ c, a }))
      for (const [url, accept] of views(ID)) {
        const { status, body } = await reader(url, accept);
        expect(status, `${name}: ${url} ${accept}`).toBe(200);
        expect(body, `${name}: ${url} ${accept}`).toContain("Ferry timetable final");
        expect(body, `${name}: ${url} ${accept}`).not.toContain("Ferry timetable revised");
      }
  }, 120_000);

  it("degrades to the KV-lag bound, without an error, when the channel is unreachable, and says so in the metrics", async () => {
    const ID = 437_002;
    await write(ID, "Harbour reopens");
    const { isolate, points, lagFrom } = await location({ channelDown: true });
    const a = isolate();
    expect((await a(path(ID))).body).toContain("Harbour reopens");
    const changed = lagFrom();
    await write(ID, "Harbour reopens after storm");
    vi.useFakeTimers({ toFake: ["Date"] });
    let shown = NaN;
    for (let t = 0; t <= 200_000 && Number.isNaN(shown); t += 5_000) {
      vi.setSystemTime(changed + t);
      const { status, body } = await a(path(ID));
      expect(status).toBe(200);
      if (body.includes("Harbour reopens after storm")) shown = t;
    }
    // Not before this location's KV shows it (60 s here), and within today's bound (KV's lag and read cache, 150 s; Cache API 30 s; isolate 10 s).
    expect(shown).toBeGreaterThanOrEqual(LAG_MS);
    expect(shown).toBeLessThanOrEqual(190_000);
    expect(points.at(-1)?.blobs?.[4]).toBe("down");
  }, 120_000);

  it("never brings a takedown back from a late KV read, in isolates that knew the article or not", async () => {
    const ID = 437_003;
    await write(ID, "A story its editors take down");
    const { isolate, lagFrom, visible } = await location();
    const a = isolate();
    expect((await a(path(ID))).status).toBe(200);
    expect((await a(`/api/v1/articles/${ID}`, "application/json")).status).toBe(200);
    lagFrom();
    const removed = await newsroomStub().remove(String(ID), "tests", { waitMs: 30_000 });
    expect(removed.status).toBe(204);
    vi.useFakeTimers({ toFake: ["Date"] });
    later(1_100);
    await a("/robots.txt", "*/*");
    const start = Date.now();
    for (const t of [0, 1_000, 10_000, 30_000, 59_000, 61_000, 120_000, 149_000, 160_000, 300_000]) {
      vi.setSystemTime(start + t);
      // The late read: this location's KV still has the article for its first 60 s.
      if (t < LAG_MS - 5_000) expect(lagged(history, `v1:article:${ID}`, visible())?.value).toContain("A story its editors take down");
      for (const reader of [a, isolate()]) {
        const page = await reader(path(ID));
        expect(page.status, `page at +${t} ms`).toBe(410);
        expect((await reader(`/api/v1/articles/${ID}`, "application/json")).status, `API at +${t} ms`).toBe(410);
        expect((await reader("/", "application/json")).body).not.toContain(`"${ID}"`);
      }
    }
  }, 120_000);
});
