// Planted-bug checks for the workerd-bound modules (src/reader/cache/layers.ts and policy.ts, src/reader/app.ts, src/reader/routes/*), which
// StrykerJS cannot mutate (its vitest runner cannot drive the workerd pool). Each test is named after
// the bug it catches; `npm run test:planted` plants each bug in turn (scripts/test/planted-bugs.ts), runs
// this file and fails unless exactly that test fails. Expectations are the README's words, as literals.
// Ids 15001–15099 belong to this file.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../../../src/reader/app.ts";
import type { Layers } from "../../../src/reader/cache/layers.ts";
import { isolateCache } from "../../../src/reader/cache/layers.ts";
import { loadContent } from "../../../tools/content/build.ts";
import { CANONICAL, get, instrumentedKV, REDIRECT, REDIRECT_WWW, SEED_PATH, store } from "../../support/helpers.ts";
import { SEED_FILE, SEED_SOURCE } from "../../support/seed.ts";
import { kids, one, parseXml } from "../../support/xml.ts";

/** The seed and 51 articles in section "Planted" (ids 15001–15051), so a feed has more than 50 to choose from. */
beforeAll(async () => {
  const files = [{ name: SEED_FILE, source: SEED_SOURCE }];
  for (let n = 1; n <= 51; n++) {
    const day = String(1 + (n % 28)).padStart(2, "0");
    files.push({
      name: `p${n}.md`,
      source: `---\nid: ${15000 + n}\nsection: Planted\nheadline: Planted ${n}\npublished: 2019-0${1 + (n % 9)}-${day}\n---\n\nText ${n}.\n`,
    });
  }
  const built = loadContent(files);
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  await store(...built.value);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

let caches_ = 0;
async function freshLayers(): Promise<Layers> {
  return { isolate: isolateCache(), edge: await caches.open(`planted-${++caches_}`) };
}

/** A Worker with its own caches over an instrumented (real) KV: counts reads, can fail them. */
function worker(layers: Layers) {
  const app = createApp(layers);
  const { kv, state } = instrumentedKV();
  const testEnv = { ...env, NEWS: kv };
  const fetch = async (url: string, headers: Record<string, string> = {}, method = "GET") => {
    const ctx = createExecutionContext();
    const res = await app.fetch(new Request(url, { headers, method, redirect: "manual" }), testEnv, ctx);
    const body = await res.text();
    await waitOnExecutionContext(ctx);
    return { status: res.status, headers: res.headers, body };
  };
  return { fetch, kv: state };
}

const URL_ = CANONICAL + SEED_PATH;
const JSON_ = { Accept: "application/json" };
const HTML = { Accept: "text/html" };
/** Reads of the seed's record (past a TTL the Newsroom's write log is read too). */
const articleReads = (w: { kv: { keys: string[] } }) => w.kv.keys.filter((k) => k === "v1:article:100001").length;

describe("src/reader/cache/layers.ts and policy.ts", () => {
  it("catches: isolate TTL raised above 10 s", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    const w = worker({ isolate: isolateCache() });
    await w.fetch(URL_, JSON_);
    vi.setSystemTime(start + 10_001);
    await w.fetch(URL_, JSON_);
    expect(articleReads(w)).toBe(2);
  });

  it("catches: isolate TTL lowered below 10 s", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    const w = worker({ isolate: isolateCache() });
    await w.fetch(URL_, JSON_);
    vi.setSystemTime(start + 9_999);
    await w.fetch(URL_, JSON_);
    expect(w.kv.reads).toBe(1);
  });

  it("catches: Cache API TTL raised above 30 s", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    const l = await freshLayers();
    await worker(l).fetch(URL_, JSON_);
    vi.setSystemTime(start + 30_001);
    const next = worker({ isolate: isolateCache(), edge: l.edge });
    await next.fetch(URL_, JSON_);
    expect(articleReads(next)).toBe(1);
  });

  it("catches: a missing article remembered longer than 5 s", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    const w = worker(await freshLayers());
    const url = `${CANONICAL}/Detail/2020/01/01/15090/x`;
    expect((await w.fetch(url, JSON_)).status).toBe(404);
    vi.setSystemTime(start + 5_001);
    expect((await w.fetch(url, JSON_)).status).toBe(404);
    expect(w.kv.keys.filter((k) => k === "v1:article:15090")).toHaveLength(2);
  });

  it("catches: no stale copy served when KV fails", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    // A listing: an article would also be kept by app.ts's own article cache, masking this layer.
    const w = worker(await freshLayers());
    const good = await w.fetch(`${CANONICAL}/Planted`, HTML);
    expect(good.status).toBe(200);
    vi.setSystemTime(start + 40_001);
    w.kv.mode = "fail";
    const stale = await w.fetch(`${CANONICAL}/Planted`, HTML);
    expect(stale.status).toBe(200);
    expect(stale.body).toBe(good.body);
  });

  it("catches: 304 answered to an If-None-Match that does not match", async () => {
    const w = worker(await freshLayers());
    await w.fetch(URL_, HTML);
    expect((await w.fetch(URL_, { ...HTML, "If-None-Match": '"html-nope"' })).status).toBe(200);
  });

  it("catches: HEAD answered with a body", async () => {
    const w = worker(await freshLayers());
    await w.fetch(URL_, HTML);
    const head = await w.fetch(URL_, HTML, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
  });

  it("catches: a cache key that leaves out the representation (HTML and JSON swapped)", async () => {
    const l = await freshLayers();
    await worker(l).fetch(URL_, HTML);
    const other = worker({ isolate: isolateCache(), edge: l.edge });
    expect((await other.fetch(URL_, JSON_)).headers.get("content-type")).toBe("application/json; charset=utf-8");
  });
});

describe("src/reader/app.ts", () => {
  it("catches: a redirect host answering 404 when a Host header is present", async () => {
    const res = await get(`${REDIRECT_WWW}/x?y=1`, { Host: "www.redirect.test" });
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe(`${CANONICAL}/x?y=1`);
  });

  it("catches: a redirect target built from the Host header", async () => {
    const res = await get(`${REDIRECT}/x`, { Host: "evil.example" });
    expect(res.headers.get("location")).toBe(`${CANONICAL}/x`);
  });

  it("catches: the hot path skipping its path check", async () => {
    const w = worker(await freshLayers());
    await w.fetch(URL_, HTML);
    const res = await w.fetch(CANONICAL + SEED_PATH.replace("34-Turkish", "old-slug"), HTML);
    expect(res.status).toBe(301);
  });

  it("catches: 405 without Allow", async () => {
    const res = await get(URL_, {}, { method: "PATCH", body: "x" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
  });

  it("catches: Strict-Transport-Security sent from a mirror", async () => {
    expect((await get("https://edge-news.someone.workers.dev" + SEED_PATH, HTML)).headers.get("strict-transport-security")).toBeNull();
  });
});

describe("src/reader/routes/*", () => {
  it("catches: an article Cache-Control other than the README's", async () => {
    for (const accept of ["text/html", "application/json"]) {
      const res = await get(URL_, { Accept: accept });
      expect(res.headers.get("cache-control")).toBe("public, no-cache, stale-if-error=86400");
    }
  });

  it("catches: a listing Cache-Control other than the README's", async () => {
    const res = await get(`${CANONICAL}/Planted`, JSON_);
    expect(res.headers.get("cache-control")).toBe("public, max-age=5, stale-if-error=86400");
  });

  it("catches: feeds cut below the 50 newest", async () => {
    const channel = one(parseXml(await (await get(`${CANONICAL}/Planted/rss.xml`)).text()), "channel");
    expect(kids(channel, "item")).toHaveLength(50);
  });

  it("catches: a listing page size other than 20", async () => {
    const body = await (await get(`${CANONICAL}/Planted`, JSON_)).json<{ articles: unknown[]; perPage: number }>();
    expect(body.perPage).toBe(20);
    expect(body.articles).toHaveLength(20);
  });

  it("catches: per_page above 100 accepted", async () => {
    expect((await get(`${CANONICAL}/api/v1/articles?per_page=101`)).status).toBe(400);
  });

  it("catches: a 404 without Vary: Accept or with a long cache life", async () => {
    const res = await get(`${CANONICAL}/Detail/2020/01/01/15091/x`);
    expect(res.status).toBe(404);
    expect(res.headers.get("vary")).toBe("Accept");
    expect(res.headers.get("cache-control")).toBe("public, max-age=30, s-maxage=60");
  });

  it("catches: no 406 when nothing acceptable is offered", async () => {
    const res = await get(URL_, { Accept: "image/png" });
    expect(res.status).toBe(406);
  });

  it("catches: a 503 without Retry-After: 30", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const w = worker(await freshLayers());
    w.kv.mode = "fail";
    const res = await w.fetch(URL_, JSON_);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("30");
  });
});
