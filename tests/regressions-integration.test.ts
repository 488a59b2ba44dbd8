// Defects found in review, each shown by the request that exposed it.
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../src/app.ts";
import { readListing } from "../src/read/listing.ts";
import { validateArticle } from "../src/model/schema.ts";
import { isolateCache } from "../src/cache/layers.ts";
import { CANONICAL, get, instrumentedKV, REDIRECT_WWW, loadSeedContent, sampleArticle, SEED_PATH, store, TOKEN, unpublish, WAIT } from "./helpers.ts";

beforeAll(loadSeedContent);
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("no request costs seconds of CPU", () => {
  it.each([
    ["a long almost-section path", `/${"a".repeat(5000)}!`],
    ["a long almost-section feed path", `/${"a".repeat(5000)}!/rss.xml`],
    ["a long almost-section query", `/api/v1/articles?section=${"a".repeat(5000)}!`],
    ["many short segments", `/${"a/".repeat(2000)}!`],
  ])("%s answers 4xx at once", async (_, path) => {
    const started = performance.now();
    const res = await get(CANONICAL + path);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("validates a body of 250,000 spaces between two words at once", () => {
    const started = performance.now();
    const r = validateArticle({ ...sampleArticle(7), headline: `x${" ".repeat(250_000)}x` });
    expect(r.ok).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe("publishing", () => {
  const put = (id: string, body: unknown) =>
    get(
      `${CANONICAL}/api/v1/articles/${id}`,
      { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json", ...WAIT },
      { method: "PUT", body: JSON.stringify(body) },
    );

  it("moves an article that is alone in its sections to a new date", async () => {
    expect((await put("7001", sampleArticle(7001, ["Lone", "Section"], "2019-05-01"))).status).toBe(201);
    expect((await put("7001", sampleArticle(7001, ["Lone", "Section"], "2019-05-02"))).status).toBe(200);
    for (const scope of ["all", "Lone", "Lone/Section"]) {
      const { entries } = await readListing(env.NEWS, scope, 0, 100);
      expect(entries.filter((e) => e.id === "7001").map((e) => e.path)).toEqual(["/Detail/2019/05/02/7001/Sample-article-7001"]);
    }
    expect((await get(`${CANONICAL}/api/v1/articles/7001`, { Authorization: `Bearer ${TOKEN}`, ...WAIT }, { method: "DELETE" })).status).toBe(204);
    expect((await readListing(env.NEWS, "Lone", 0, 10)).total).toBe(0);
    // …and the emptied scope takes a new article again
    expect((await put("7002", sampleArticle(7002, ["Lone"], "2019-05-03"))).status).toBe(201);
    expect((await readListing(env.NEWS, "Lone", 0, 10)).entries.map((e) => e.id)).toEqual(["7002"]);
  });

  it("shows a new article in its section's cached listing at once, here", async () => {
    const before = await (await get(`${CANONICAL}/News/Fresh`, { Accept: "application/json" })).status;
    expect(before).toBe(404);
    await put("7003", sampleArticle(7003, ["News", "Fresh"]));
    await get(`${CANONICAL}/api/v1/articles/7003`);
    await put("7004", sampleArticle(7004, ["News", "Fresh"], "2019-12-31"));
    const list = await (await get(`${CANONICAL}/News/Fresh`, { Accept: "application/json" })).json<{ articles: { id: string }[] }>();
    expect(list.articles.map((a) => a.id)).toEqual(["7003", "7004"]);
    const api = await (await get(`${CANONICAL}/api/v1/articles/7003?fields=headline`)).json();
    // fields= always gives the id and the link (issue 23, item 8).
    expect(api).toEqual({ id: "7003", url: `${CANONICAL}/Detail/2020/01/01/7003/Sample-article-7003`, headline: "Sample article 7003" });
  });
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
    expect((await app.fetch(new Request(url), testEnv)).status).toBe(404);
    vi.setSystemTime(Date.now() + 35_001); // README: a miss 5 s in the isolate, 30 s Cache API
    state.mode = "fail";
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect((await app.fetch(new Request(url), testEnv)).status).toBe(503);
  });
});

describe("redirects", () => {
  it("to a canonical article path are cached briefly, since a correction changes them", async () => {
    const res = await get(`${CANONICAL}/Detail/2020/02/27/100001/old`);
    expect(res.status).toBe(301);
    expect(res.headers.get("cache-control")).toBe("public, max-age=60");
  });

  it("carry Access-Control-Allow-Origin so cross-origin apps can follow them", async () => {
    const res = await get(`${CANONICAL}/Detail/2020/02/27/100001/old`, { Origin: "https://app.example", Accept: "application/json" });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("from an alternate host still work when KV fails, to the path as sent", async () => {
    const { kv, state } = instrumentedKV();
    state.mode = "fail";
    const res = await createApp().fetch(new Request(`${REDIRECT_WWW}/detail/2020/02/27/100001/x`, { redirect: "manual" }), { ...env, NEWS: kv });
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe(`${CANONICAL}/detail/2020/02/27/100001/x`);
  });
});

describe("errors", () => {
  it("problem responses carry Access-Control-Allow-Origin", async () => {
    const res = await get(`${CANONICAL}/api/v1/articles/424242`, { Origin: "https://app.example" });
    expect(res.status).toBe(404);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("the JSON API's 406 names only JSON as available", async () => {
    const res = await get(`${CANONICAL}/api/v1/articles/100001`, { Accept: "text/html" });
    expect(res.status).toBe(406);
    expect(await res.json()).toMatchObject({ available: ["application/json"] });
  });

  it("a bad host configuration is a 500 problem response, not an exception", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await createApp().fetch(new Request(CANONICAL + SEED_PATH, { headers: { Accept: "application/json" } }), {
      ...env,
      HOSTS: { [new URL(CANONICAL).hostname]: "proxy" },
    });
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });
});

describe("Last-Modified", () => {
  it("ignores an If-Modified-Since that is not an HTTP-date", async () => {
    expect((await get(CANONICAL + SEED_PATH, { "If-Modified-Since": "2030" })).status).toBe(200);
    expect((await get(CANONICAL + SEED_PATH, { "If-Modified-Since": "Sun, 01 Jan 2030 00:00:00 GMT" })).status).toBe(304);
  });

  it("is not sent for listings, whose changes an ETag alone describes", async () => {
    const res = await get(CANONICAL + "/", { Accept: "application/json" });
    expect(res.headers.get("last-modified")).toBeNull();
    expect((await get(CANONICAL + "/", { Accept: "application/json", "If-Modified-Since": "Sun, 01 Jan 2090 00:00:00 GMT" })).status).toBe(200);
  });

  it("is never in the future", async () => {
    // A future publication date would be a scheduled article (unseen until then); a future `modified` is not.
    await store({ ...sampleArticle(7006, ["News", "Future"], "2020-01-01"), modified: "2099-01-01" });
    const res = await get(`${CANONICAL}/Detail/2020/01/01/7006/Sample-article-7006`);
    expect(res.status).toBe(200);
    expect(Date.parse(res.headers.get("last-modified")!)).toBeLessThanOrEqual(Date.now());
  });
});

describe("a redirect host with a trailing slash", () => {
  // Found by routing-property (seed 912659685): a redirect host's /news-sitemap.xml/ went to the canonical
  // /news-sitemap.xml/, which redirected again to /news-sitemap.xml: two hops.
  it.each(["/news-sitemap.xml/", "/rss.xml/", "/News/Syria/rss.xml//"])("sends %s to the canonical path in one hop", async (path) => {
    const res = await get(REDIRECT_WWW + path, {}, { redirect: "manual" });
    expect(res.status).toBe(301);
    const location = res.headers.get("location")!;
    expect(location).toBe(CANONICAL + path.replace(/\/+$/, ""));
    const next = await get(location, {}, { redirect: "manual" });
    expect(next.status).toBe(200);
  });

  it("keeps the front page's single slash", async () => {
    expect((await get(`${REDIRECT_WWW}/`, {}, { redirect: "manual" })).headers.get("location")).toBe(CANONICAL + "/");
  });
});
