// Faults injected into the real KV namespace (corrupt values written to it) or around it
// (`instrumentedKV`: reads that throw or never answer), and the structured log lines they leave.
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../src/app.ts";
import { LruCache } from "../src/http/lru.ts";
import { CANONICAL, instrumentedKV, loadSeedContent, newsroomStub, SEED_PATH } from "./helpers.ts";

// Each test corrupts KV; the Newsroom's rebuild (what `npm run content:rebuild` does) repairs it.
beforeEach(async () => {
  await loadSeedContent();
  await newsroomStub().rebuild();
});
afterEach(() => {
  vi.restoreAllMocks();
});

let n = 0;
async function worker(kv: KVNamespace = env.NEWS, log = "off") {
  const app = createApp({ isolate: new LruCache(100), edge: await caches.open(`faults-${++n}`) });
  return (url: string, headers: Record<string, string> = {}) => app.fetch(new Request(url, { headers }), { ...env, NEWS: kv, REQUEST_LOG: log });
}

describe("corrupt values in KV", () => {
  it.each([
    ["not JSON", "{truncated"],
    ["JSON of the wrong shape", JSON.stringify({ id: "100001", headline: 42 })],
    ["another article's record", JSON.stringify({ id: "7", section: ["News"], headline: "H", published: "2020-01-01", body: [{ type: "paragraph", text: "t" }] })],
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

describe("the request log", () => {
  it("writes one JSON line per request with method, path, status, representation and cache layer", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const fetch = await worker(env.NEWS, "on");
    await fetch(CANONICAL + SEED_PATH + "?token=secret", { Accept: "application/json", "User-Agent": "agent/1", "X-Forwarded-For": "203.0.113.9" });
    await fetch(CANONICAL + SEED_PATH, { Accept: "application/json" });
    await fetch("https://www.presstv.co.uk/x");
    await fetch(CANONICAL + "/%44etail/2020/02/27/100001/x");
    expect(log).toHaveBeenCalledTimes(4);
    const lines = log.mock.calls.map((c) => JSON.parse(c[0] as string));
    expect(lines[0]).toEqual({ method: "GET", path: SEED_PATH, status: 200, representation: "json", cache: "origin", ms: expect.any(Number) });
    expect(lines[1]).toMatchObject({ status: 200, cache: "isolate" });
    expect(lines[2]).toMatchObject({ path: "/x", status: 301, representation: null, cache: null });
    // paths are logged as sent, on the router's path as on the hot path
    expect(lines[3]).toMatchObject({ path: "/%44etail/2020/02/27/100001/x", status: 301 });
    const raw = log.mock.calls.map((c) => c[0]).join("\n");
    expect(raw).not.toContain("secret");
    expect(raw).not.toContain("203.0.113.9");
    expect(raw).not.toContain("agent/1");
  });

  it("is silent when REQUEST_LOG is off", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await (await worker(env.NEWS, "off"))(CANONICAL + SEED_PATH);
    expect(log).not.toHaveBeenCalled();
  });
});
