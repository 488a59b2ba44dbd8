// Faults injected into the real KV namespace (corrupt values written to it) or around it
// (`instrumentedKV`: reads that throw or never answer), the structured error lines they leave, and
// the request metrics that replaced the per-request log line.
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../../../src/reader/app.ts";
import { isolateCache } from "../../../src/reader/cache/layers.ts";
import { dataPoint } from "../../../src/reader/metrics.ts";
import { countReads } from "../../../src/reader/read/kv.ts";
import { readArticle } from "../../../src/reader/read/store.ts";
import { CANONICAL, instrumentedKV, loadSeedContent, newsroomStub, REDIRECT_WWW, SEED_PATH } from "../../support/helpers.ts";

// Each test corrupts KV; the Newsroom's rebuild (what `npm run content:rebuild` does) repairs it.
beforeEach(async () => {
  await loadSeedContent();
  await newsroomStub().rebuild();
});
afterEach(() => {
  vi.restoreAllMocks();
});

let n = 0;
async function worker(kv: KVNamespace = env.NEWS) {
  const app = createApp({ isolate: isolateCache(), edge: await caches.open(`faults-${++n}`) });
  return (url: string, headers: Record<string, string> = {}) => app.fetch(new Request(url, { headers }), { ...env, NEWS: kv });
}

describe("corrupt values in KV", () => {
  it.each([
    ["not JSON", "{truncated"],
    ["JSON of the wrong shape", JSON.stringify({ id: "100001", headline: 42 })],
    [
      "another article's record",
      JSON.stringify({ id: "7", section: ["News"], headline: "H", published: "2020-01-01", body: [{ type: "paragraph", text: "t" }] }),
    ],
  ])("an article that is %s → 503 problem, nothing partial, one log line", async (_, value) => {
    await env.NEWS.put("v1:article:100001", value);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const fetch = await worker();
    for (const accept of ["application/json", "text/html"]) {
      const res = await fetch(CANONICAL + SEED_PATH, { Accept: accept });
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("30");
      const body = await res.text();
      expect(body).not.toContain("Turkish");
      expect(body).not.toMatch(/\bat \w+ \(|\.ts:\d+/);
    }
    expect(errors).toHaveBeenCalledTimes(2);
    const line = JSON.parse(errors.mock.calls[0][0] as string);
    expect(line).toMatchObject({ level: "error", error: "StorageError", path: SEED_PATH });
  });

  it("an index that is not JSON → 503 for listings, articles still served", async () => {
    const keys = (await env.NEWS.list({ prefix: "v1:index" })).keys;
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) await env.NEWS.put(k.name, "][");
    vi.spyOn(console, "error").mockImplementation(() => {});
    const fetch = await worker();
    expect((await fetch(CANONICAL + "/", { Accept: "application/json" })).status).toBe(503);
    expect((await fetch(CANONICAL + "/rss.xml")).status).toBe(503);
    expect((await fetch(CANONICAL + SEED_PATH)).status).toBe(200);
  });
});

describe("KV failing or slow", () => {
  it("a throwing KV with nothing cached → 503 for HTML readers too, as a complete error page", async () => {
    const { kv, state } = instrumentedKV();
    state.mode = "fail";
    vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await (await worker(kv))(CANONICAL + SEED_PATH, { Accept: "text/html" });
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html.trimEnd().endsWith("</html>")).toBe(true);
  });
});

describe("request metrics", () => {
  it("are Analytics Engine data points: layer as index, then representation, layer, host policy, method, the change channel's state; status, KV reads and sample interval as numbers", () => {
    expect(dataPoint({ method: "GET", status: 200, representation: "html", layer: "origin", policy: "canonical", kvReads: 1, channel: "down" })).toEqual({
      indexes: ["origin"],
      blobs: ["html", "origin", "canonical", "GET", "down"],
      doubles: [200, 1, 1],
    });
    expect(dataPoint({ method: "GET", status: 421, representation: null, layer: null, policy: null, kvReads: 0 })).toEqual({
      indexes: ["none"],
      blobs: ["", "", "", "GET", ""],
      doubles: [421, 0, 1],
    });
  });

  it("leave no log line: requests through every path, with the real METRICS binding, write nothing to the console", async () => {
    expect(env.METRICS).toBeDefined();
    const log = vi.spyOn(console, "log");
    const errors = vi.spyOn(console, "error");
    const fetch = await worker(env.NEWS);
    const statuses = [
      (await fetch(CANONICAL + SEED_PATH + "?token=secret", { Accept: "application/json" })).status, // origin
      (await fetch(CANONICAL + SEED_PATH, { Accept: "application/json" })).status, // isolate, hot path
      (await fetch(`${REDIRECT_WWW}/x`)).status, // redirect policy
      (await fetch("https://unknown.example/")).status, // no policy
      (await fetch(CANONICAL + "/%44etail/2020/02/27/100001/x")).status,
    ];
    expect(statuses).toEqual([200, 200, 301, 421, 301]);
    expect(log).not.toHaveBeenCalled();
    expect(errors).not.toHaveBeenCalled();
  });

  it("count each request's own KV reads, also when requests overlap", async () => {
    const one = { n: 0 };
    const two = { n: 0 };
    await Promise.all([
      countReads(one, () => readArticle(env.NEWS, "100001")),
      countReads(two, async () => {
        await readArticle(env.NEWS, "100001");
        await readArticle(env.NEWS, "999999991");
      }),
    ]);
    expect([one.n, two.n]).toEqual([1, 2]);
    await readArticle(env.NEWS, "100001"); // outside any request: counted nowhere
    expect([one.n, two.n]).toEqual([1, 2]);
  });

  it("are optional: without the METRICS binding every answer is the same", async () => {
    const app = createApp({ isolate: isolateCache(), edge: await caches.open(`faults-${++n}`) });
    const bare = { ...env, METRICS: undefined as unknown as AnalyticsEngineDataset };
    const first = await app.fetch(new Request(CANONICAL + SEED_PATH, { headers: { Accept: "text/html" } }), bare);
    const again = await app.fetch(new Request(CANONICAL + SEED_PATH, { headers: { Accept: "text/html" } }), bare);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(await again.text()).toBe(await first.text());
  });
});
