// The cache layers: isolate memory, the Workers Cache API, then KV. Each test builds a Worker with
// its own isolate caches and its own Cache API cache, so tests do not depend on each other.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../../../src/reader/app.ts";
import { createLayers, isolateCache, type Layers } from "../../../src/reader/cache/layers.ts";
import { parseArticleSource } from "../../../tools/content/source.ts";
import { CANONICAL, instrumentedKV, loadSeedContent, newsroomStub, sampleArticle, SEED_PATH, store, unpublish } from "../../support/helpers.ts";
import { SEED_SOURCE } from "../../support/seed.ts";

beforeAll(async () => {
  await loadSeedContent();
  // A second article in the seed's own section (News/Syria/Turkey), so "More in" has a story.
  await store(sampleArticle(7101, ["News", "Syria", "Turkey"]));
});
afterEach(() => {
  vi.useRealTimers();
});

let cacheNames = 0;
async function layers(): Promise<Layers> {
  return { isolate: isolateCache(), edge: await caches.open(`test-${++cacheNames}`) };
}

function worker(l: Layers) {
  const app = createApp(l);
  const { kv, state } = instrumentedKV();
  const testEnv = { ...env, NEWS: kv };
  const fetch = async (url: string, headers: Record<string, string> = {}, method = "GET") => {
    const ctx = createExecutionContext();
    const res = await app.fetch(new Request(url, { headers, method, redirect: "manual" }), testEnv, ctx);
    const body = await res.arrayBuffer();
    await waitOnExecutionContext(ctx);
    return { status: res.status, headers: [...res.headers], body: new Uint8Array(body) };
  };
  return { fetch, kv: state };
}

const URL_ = CANONICAL + SEED_PATH;
// The README's numbers ("Caching and freshness"), written out rather than imported from
// src/shared/freshness/policy.ts, so a change to a constant there fails here until the README changes too.
const ISOLATE_SECONDS = 10;
const CACHE_API_SECONDS = 30;
/** Past both layers' trust: 10 s + 30 s and a millisecond. */
const PAST_BOTH = (ISOLATE_SECONDS + CACHE_API_SECONDS) * 1000 + 1;
const HTML = { Accept: "text/html" };
const articleReads = (w: { kv: { keys: string[] } }) => w.kv.keys.filter((k) => k === "v1:article:100001").length;
const JSON_ = { Accept: "application/json" };

describe("the hot path", () => {
  it("keeps at most 32 MiB of entries in this isolate's memory", () => {
    expect(createLayers().isolate.maxBytes).toBe(32 * 1024 * 1024); // README: a 32 MiB budget
  });

  it("reads KV once per article per isolate per TTL window, over many requests and both representations", async () => {
    const w = worker(await layers());
    for (let i = 0; i < 50; i++) {
      await w.fetch(URL_, i % 2 ? HTML : JSON_);
      await w.fetch("http://localhost:8787" + SEED_PATH, i % 3 ? HTML : JSON_);
    }
    expect(w.kv.keys.filter((k) => k === "v1:article:100001")).toHaveLength(1);
    // The page's menu and "More in" (the nav document, the section's listing) once each, too.
    expect(w.kv.keys).toContain("v1:nav");
    expect(new Set(w.kv.keys).size).toBe(w.kv.keys.length);
  });

  it("renders a second article of the same section without reading the menu or the section's listing again", async () => {
    const w = worker(await layers());
    await w.fetch(URL_, HTML);
    const before = w.kv.keys.length;
    await w.fetch(CANONICAL + "/Detail/2020/01/01/7101/Sample-article-7101", HTML);
    expect(w.kv.keys.slice(before)).toEqual(["v1:article:7101"]);
  });

  it("answers cache hits with the same bytes and headers as the miss", async () => {
    const l = await layers();
    const first = worker(l);
    const miss = await first.fetch(URL_, HTML);
    const isolateHit = await first.fetch(URL_, HTML);
    const edgeHit = await worker({ isolate: isolateCache(), edge: l.edge }).fetch(URL_, HTML);
    expect(isolateHit).toEqual(miss);
    expect(edgeHit).toEqual(miss);
    expect(miss.status).toBe(200);
  });

  it("gives each response its own headers, so changing one changes no other", async () => {
    const app = createApp(await layers());
    const testEnv = { ...env };
    const first = await app.fetch(new Request(URL_, { headers: HTML }), testEnv);
    first.headers.set("etag", '"tampered"');
    first.headers.append("x-extra", "1");
    const second = await app.fetch(new Request(URL_, { headers: HTML }), testEnv);
    expect(second.headers.get("etag")).toMatch(/^"html-/);
    expect(second.headers.get("x-extra")).toBeNull();
  });

  it("serves from the Cache API in a new isolate reading only the Newsroom's write log (for its purges), never the article", async () => {
    const l = await layers();
    await worker(l).fetch(URL_, JSON_);
    const fresh = worker({ isolate: isolateCache(), edge: l.edge });
    await fresh.fetch(URL_, JSON_);
    await fresh.fetch(URL_, JSON_);
    expect(fresh.kv.keys).toEqual(["v1:writes"]);
  });

  it("never swaps HTML and JSON through any layer", async () => {
    const l = await layers();
    const w = worker(l);
    const type = (r: { headers: [string, string][] }) => r.headers.find(([n]) => n === "content-type")?.[1];
    for (const [accept, expected] of [
      [HTML, "text/html; charset=utf-8"],
      [JSON_, "application/json; charset=utf-8"],
      [HTML, "text/html; charset=utf-8"],
      [JSON_, "application/json; charset=utf-8"],
    ] as const) {
      expect(type(await w.fetch(URL_, accept))).toBe(expected);
      expect(type(await worker({ isolate: isolateCache(), edge: l.edge }).fetch(URL_, accept))).toBe(expected);
    }
  });

  it("answers 304 from every layer", async () => {
    const l = await layers();
    const w = worker(l);
    const etag = (await w.fetch(URL_, HTML)).headers.find(([n]) => n === "etag")![1];
    const conditional = { ...HTML, "If-None-Match": etag };
    expect((await w.fetch(URL_, conditional)).status).toBe(304); // isolate
    expect((await worker({ isolate: isolateCache(), edge: l.edge }).fetch(URL_, conditional)).status).toBe(304); // Cache API
    expect((await worker(await layers()).fetch(URL_, conditional)).status).toBe(304); // KV and render
  });

  it("answers HEAD from the cache with no body", async () => {
    const w = worker(await layers());
    await w.fetch(URL_, HTML);
    const head = await w.fetch(URL_, HTML, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body.byteLength).toBe(0);
  });

  it("redirects a non-canonical path from the cache without reading KV again", async () => {
    const w = worker(await layers());
    await w.fetch(URL_, HTML);
    const before = w.kv.reads;
    const res = await w.fetch(CANONICAL + "/Detail/2020/02/27/100001/x", HTML);
    expect(res.status).toBe(301);
    expect(w.kv.reads).toBe(before);
  });
});

describe("when KV fails", () => {
  it("serves the cached copy once it is stale rather than an error", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const l = await layers();
    const w = worker(l);
    const good = await w.fetch(URL_, HTML);
    vi.setSystemTime(Date.now() + PAST_BOTH);
    w.kv.mode = "fail";
    const before = w.kv.keys.length;
    const res = await w.fetch(URL_, HTML);
    expect(w.kv.keys.slice(before)).toContain("v1:article:100001"); // KV was asked, and failed
    expect(res).toEqual(good);
  });

  it("serves a copy from the Cache API in an isolate that has none", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const l = await layers();
    const good = await worker(l).fetch(URL_, JSON_);
    vi.setSystemTime(Date.now() + CACHE_API_SECONDS * 1000 + 1);
    const fresh = worker({ isolate: isolateCache(), edge: l.edge });
    fresh.kv.mode = "fail";
    expect(await fresh.fetch(URL_, JSON_)).toEqual(good);
  });

  it("answers 503 problem+json with Retry-After when no copy exists", async () => {
    const w = worker(await layers());
    w.kv.mode = "fail";
    const res = await w.fetch(URL_, JSON_);
    expect(res.status).toBe(503);
    const headers = new Headers(res.headers);
    expect(headers.get("retry-after")).toBe("30");
    expect(headers.get("content-type")).toBe("application/problem+json");
    expect(JSON.parse(new TextDecoder().decode(res.body))).toMatchObject({ status: 503, title: "Service Unavailable" });
  });

  it("answers 503 when KV does not answer in time", async () => {
    const w = worker(await layers());
    w.kv.mode = "hang";
    const started = Date.now();
    const res = await w.fetch(URL_, HTML);
    // README: "If KV fails or does not answer within 3 s"; the upper bound leaves room for a loaded machine.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_990);
    expect(Date.now() - started).toBeLessThan(6_000);
    expect(res.status).toBe(503);
    expect(new TextDecoder().decode(res.body)).toContain("<h1>Temporarily unavailable</h1>");
  }, 10_000);
});

describe("freshness", () => {
  it("trusts this isolate's copy for 10 s and no longer", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    const w = worker({ isolate: isolateCache() }); // no Cache API: only the isolate layer
    await w.fetch(URL_, JSON_);
    expect(articleReads(w)).toBe(1);
    vi.setSystemTime(start + 9_999);
    await w.fetch(URL_, JSON_);
    expect(w.kv.reads).toBe(1);
    vi.setSystemTime(start + 10_001);
    await w.fetch(URL_, JSON_);
    // (and the write log, which renews nothing here: it reaches back less than 150 s before the build)
    expect(articleReads(w)).toBe(2);
  });

  it("trusts a Cache API copy for 30 s and no longer", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    const l = await layers();
    await worker(l).fetch(URL_, JSON_);
    vi.setSystemTime(start + 29_999);
    const within = worker({ isolate: isolateCache(), edge: l.edge });
    await within.fetch(URL_, JSON_);
    expect(articleReads(within)).toBe(0);
    vi.setSystemTime(start + 30_001);
    const after = worker({ isolate: isolateCache(), edge: l.edge });
    await after.fetch(URL_, JSON_);
    expect(articleReads(after)).toBe(1);
  });

  it("remembers a missing article for 5 s in the isolate, then reads KV again", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    const w = worker(await layers());
    const url = `${CANONICAL}/Detail/2020/01/01/15001/x`;
    const reads = () => w.kv.keys.filter((k) => k === "v1:article:15001").length;
    expect((await w.fetch(url, JSON_)).status).toBe(404);
    expect(reads()).toBe(1);
    vi.setSystemTime(start + 4_999);
    expect((await w.fetch(url, JSON_)).status).toBe(404);
    expect(reads()).toBe(1);
    vi.setSystemTime(start + 5_001);
    expect((await w.fetch(url, JSON_)).status).toBe(404);
    expect(w.kv.keys.filter((k) => k === "v1:article:15001")).toHaveLength(2);
  });

  it("shows a correction once the documented bound has passed, with a new ETag", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const l = await layers();
    const w = worker(l);
    const before = await w.fetch(URL_, JSON_);

    const source = SEED_SOURCE;
    const parsed = parseArticleSource(
      source.replace("published: 2020-02-27", "published: 2020-02-27\nmodified: 2020-02-28").replace("Dozens of Turkish", "CORRECTED Dozens of Turkish"),
    );
    if (!parsed.ok) throw new Error("bad fixture");
    await store(parsed.value);

    expect(await w.fetch(URL_, JSON_)).toEqual(before); // within the isolate TTL: the old copy

    vi.setSystemTime(Date.now() + PAST_BOTH);
    const after = await w.fetch(URL_, JSON_);
    const text = new TextDecoder().decode(after.body);
    expect(text).toContain("CORRECTED Dozens of Turkish");
    expect(JSON.parse(text).dateModified).toBe("2020-02-28");
    expect(new Headers(after.headers).get("etag")).not.toBe(new Headers(before.headers).get("etag"));
    expect(new Headers(after.headers).get("last-modified")).toBe("Fri, 28 Feb 2020 00:00:00 GMT");
    // The Newsroom shares this isolate's clock: back to the real one before it writes again.
    vi.useRealTimers();
    await loadSeedContent();
  }, 30_000); // two writes of the same keys: KV takes one a second
});

// README, "Caching and freshness": past both TTLs, a copy built from KV alone is renewed without a
// KV read (one read of the Newsroom's log of recent writes, `v1:writes`, per isolate per 10 s) while
// none of the keys it was built from has been written since 150 s before it was built, for at most
// 5 minutes. These tests write the log themselves, reaching back an hour.
describe("renewal by the Newsroom's write log", () => {
  const LOG = "v1:writes";
  const HOUR = 3_600_000;
  const log = (keys: Record<string, number | null>, since = Date.now() - HOUR) => env.NEWS.put(LOG, JSON.stringify({ since, keys }));
  const read = (w: { kv: { keys: string[] } }, from: number) => w.kv.keys.slice(from);

  beforeEach(async () => {
    // A log write the Newsroom still owes (it completes the log after answering) must not land on this test's.
    await newsroomStub().settled();
    vi.useFakeTimers({ toFake: ["Date"] });
  });
  afterEach(async () => {
    vi.useRealTimers();
    await env.NEWS.delete(LOG);
  });

  it("serves a page past both TTLs reading only the log, in this isolate and in another through the Cache API", async () => {
    const t0 = Date.now();
    await log({ "v1:article:999999": t0 });
    const l = await layers();
    const w = worker(l);
    const first = await w.fetch(URL_, HTML);
    expect(read(w, 0)).toContain("v1:article:100001");
    vi.setSystemTime(t0 + PAST_BOTH);
    const before = w.kv.keys.length;
    expect(await w.fetch(URL_, HTML)).toEqual(first);
    expect(read(w, before)).toEqual([LOG]);
    // Within the next 10 s the log is not read again.
    vi.setSystemTime(t0 + PAST_BOTH + ISOLATE_SECONDS * 1000 + 1);
    expect(await w.fetch(URL_, HTML)).toEqual(first);
    vi.setSystemTime(t0 + PAST_BOTH + ISOLATE_SECONDS * 1000 + 2);
    expect(await w.fetch(URL_, HTML)).toEqual(first);
    expect(read(w, before)).toEqual([LOG, LOG]);

    const other = worker({ isolate: isolateCache(), edge: l.edge });
    expect(await other.fetch(URL_, HTML)).toEqual(first);
    expect(read(other, 0)).toEqual([LOG]);
  });

  it("rebuilds a page once any key it was built from (its record, the menu, a listing) has been written since, reading only that again", async () => {
    const first = worker(await layers());
    const t0 = Date.now();
    await log({});
    await first.fetch(URL_, HTML);
    const keys = [...new Set(read(first, 0))].filter((k) => k !== LOG);
    expect(keys).toEqual(expect.arrayContaining(["v1:article:100001", "v1:nav"]));
    expect(keys.some((k) => k.startsWith("v1:index:"))).toBe(true);
    for (const key of keys) {
      vi.setSystemTime(t0);
      const w = worker(await layers());
      await log({});
      // The front page first: the article's page then takes the menu from this isolate's memory.
      await w.fetch(CANONICAL + "/", HTML);
      await w.fetch(URL_, HTML);
      await log({ [key]: t0 + 1 });
      vi.setSystemTime(t0 + PAST_BOTH);
      const before = w.kv.keys.length;
      await w.fetch(URL_, HTML);
      // The written key is read again; the record, when unwritten, comes from memory, renewed the same way.
      expect(read(w, before), key).toContain(key);
      if (key !== "v1:article:100001") expect(read(w, before), key).not.toContain("v1:article:100001");
    }
  });

  it("rebuilds while a write of one of its keys is in progress", async () => {
    const t0 = Date.now();
    await log({});
    const w = worker(await layers());
    await w.fetch(URL_, JSON_);
    await log({ "v1:article:100001": null });
    vi.setSystemTime(t0 + PAST_BOTH);
    const before = w.kv.keys.length;
    await w.fetch(URL_, JSON_);
    expect(read(w, before)).toEqual([LOG, "v1:article:100001"]);
  });

  it("remembers a missing article past its 5 s while the log shows its record unwritten, and reads it once it is written", async () => {
    const t0 = Date.now();
    await log({});
    const w = worker(await layers());
    const url = `${CANONICAL}/Detail/2020/01/01/15002/x`;
    expect((await w.fetch(url, JSON_)).status).toBe(404);
    vi.setSystemTime(t0 + 5_001);
    let before = w.kv.keys.length;
    expect((await w.fetch(url, JSON_)).status).toBe(404);
    // Renewed by the copy of the log read for the first request (at most 10 s old), so nothing is read.
    expect(read(w, before)).toEqual([]);
    await log({ "v1:article:15002": t0 + 5_002 });
    vi.setSystemTime(t0 + 5_001 + ISOLATE_SECONDS * 1000 + 1);
    before = w.kv.keys.length;
    expect((await w.fetch(url, JSON_)).status).toBe(404);
    // A miss reads the article's tombstone too (410 or 404, issue 34 item 20), remembered with it.
    expect(read(w, before)).toEqual([LOG, "v1:article:15002", "v1:gone:15002"]);
  });

  it("renews for 5 minutes after the copy was built, then rebuilds", async () => {
    const t0 = Date.now();
    await log({});
    const w = worker(await layers());
    await w.fetch(URL_, JSON_);
    vi.setSystemTime(t0 + 300_000);
    let before = w.kv.keys.length;
    await w.fetch(URL_, JSON_);
    expect(read(w, before)).toEqual([LOG]);
    vi.setSystemTime(t0 + 300_000 + ISOLATE_SECONDS * 1000 + 1);
    before = w.kv.keys.length;
    await w.fetch(URL_, JSON_);
    expect(read(w, before)).toEqual([LOG, "v1:article:100001"]);
  });

  it("rebuilds as before when there is no log, or one that cannot be read, and answers 200 either way", async () => {
    for (const value of [null, "not JSON", JSON.stringify({ since: "yesterday", keys: {} })]) {
      const t0 = Date.now();
      if (value === null) await env.NEWS.delete(LOG);
      else await env.NEWS.put(LOG, value);
      const w = worker(await layers());
      await w.fetch(URL_, JSON_);
      vi.setSystemTime(t0 + PAST_BOTH);
      const before = w.kv.keys.length;
      const res = await w.fetch(URL_, JSON_);
      expect(res.status).toBe(200);
      expect(read(w, before)).toEqual([LOG, "v1:article:100001"]);
    }
  });

  it("never renews a page built while one of its reads failed (it rests on a fallback)", async () => {
    const t0 = Date.now();
    await log({});
    const w = worker(await layers());
    // The listings fail: the page is built without its "More in" box.
    w.kv.failing = /^v1:index:/;
    const degraded = await w.fetch(URL_, HTML);
    expect(degraded.status).toBe(200);
    expect(new TextDecoder().decode(degraded.body)).not.toContain('class="more-in"');
    w.kv.failing = undefined;
    vi.setSystemTime(t0 + PAST_BOTH);
    const res = await w.fetch(URL_, HTML);
    expect(new TextDecoder().decode(res.body)).toContain('class="more-in"');
  });
});

// Issue 20: the Newsroom's own purge after a drain reaches only the cache of the Worker it runs in
// (another location's, deployed; another Worker's, in `wrangler dev`). Here the reader's copies are in
// a Cache API cache of their own, which the Newsroom never purges: only the write log can reach them.
describe("purges by the Newsroom's write log, at a location the Newsroom's purge does not reach", () => {
  it("a write the log names is seen at once by a new isolate, though a Cache API copy of the page is 0 s old", async () => {
    await store(sampleArticle(7301, ["News", "Syria", "Turkey"], "2026-11-30"));
    const l = await layers();
    const api = CANONICAL + "/api/v1/articles/7301";
    const before = await worker(l).fetch(api, JSON_);
    expect(before.status).toBe(200);
    expect(new TextDecoder().decode(before.body)).toContain("Sample article 7301");
    // The same copy is what a second isolate gets while nothing was written.
    expect(await worker({ isolate: isolateCache(), edge: l.edge }).fetch(api, JSON_)).toEqual(before);

    await store({ ...sampleArticle(7301, ["News", "Syria", "Turkey"], "2026-11-30"), headline: "Corrected 7301" });
    const after = worker({ isolate: isolateCache(), edge: l.edge });
    const res = await after.fetch(api, JSON_);
    expect(new TextDecoder().decode(res.body)).toContain("Corrected 7301");
    expect(after.kv.keys).toContain("v1:article:7301");
    // Another isolate at the location finds the purge record and the rebuilt copy: no second rebuild.
    const third = worker({ isolate: isolateCache(), edge: l.edge });
    expect(await third.fetch(api, JSON_)).toEqual(res);
    expect(third.kv.keys).not.toContain("v1:article:7301");
  });
});

// From regressions-integration.test.ts: Defects found in review, each shown by the request that exposed it.
describe("defects found in review", () => {
  beforeAll(loadSeedContent);
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  describe("a deleted article", () => {
    it("never comes back from a stale copy when KV later fails", async () => {
      await store(sampleArticle(7005));
      const app = createApp({ isolate: isolateCache(), edge: await caches.open("regressions-deleted") });
      const { kv, state } = instrumentedKV();
      const testEnv = { ...env, NEWS: kv };
      const url = `${CANONICAL}/Detail/2020/01/01/7005/Sample-article-7005`;
      expect((await app.fetch(new Request(url), testEnv)).status).toBe(200);
      await unpublish("7005");
      // Only the reader's clock is moved on, once the Newsroom (whose drain keeps time) is done.
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(Date.now() + 40_001); // README: 10 s isolate + 30 s Cache API
      // Removed: 410 Gone (issue 34, item 20), a copy that replaced the article's in both caches.
      expect((await app.fetch(new Request(url), testEnv)).status).toBe(410);
      vi.setSystemTime(Date.now() + 35_001); // README: 10 s isolate, 30 s Cache API
      state.mode = "fail";
      vi.spyOn(console, "error").mockImplementation(() => {});
      // The stale copy KV's failure falls back to is the 410, never the article.
      expect((await app.fetch(new Request(url), testEnv)).status).toBe(410);
    });
  });
});
