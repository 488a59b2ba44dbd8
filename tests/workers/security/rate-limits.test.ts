// Rate limits on the real Rate Limiting binding (wrangler.toml: 300 writes per 10 s per editor, 60
// searches per 10 s per client). Each test has its own limiter key.
import { beforeAll, describe, expect, it } from "vitest";
import { CANONICAL, get, loadSeedContent } from "../../support/helpers.ts";

beforeAll(loadSeedContent);

describe("rate limits", { timeout: 60_000 }, () => {
  // The binding counts in fixed 10 s windows, so a burst may straddle two: the first 429 comes after
  // at least 300 writes, and within two windows' worth.
  it("after 300 writes in a 10 s window one editor gets 429 with Retry-After and the RateLimit fields", async () => {
    const bob = { Authorization: "Bearer test-editor-bob", "Content-Type": "text/plain" };
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 601 && last?.status !== 429; i++) {
      last = await get(`${CANONICAL}/api/v1/articles/306001`, bob, { method: "PUT", body: "x" });
      statuses.push(last.status);
    }
    expect(statuses.length).toBeGreaterThan(300);
    expect(statuses.slice(0, 300).every((s) => s === 415)).toBe(true);
    last = last!;
    expect(last.status).toBe(429);
    expect(last.headers.get("retry-after")).toBe("10");
    expect(last.headers.get("ratelimit-policy")).toBe('"publish";q=300;w=10');
    expect(last.headers.get("ratelimit")).toBe('"publish";r=0;t=10');
    expect(last.headers.get("content-type")).toBe("application/problem+json");
    // Another editor is not affected.
    expect(
      (
        await get(
          `${CANONICAL}/api/v1/articles/306001`,
          { Authorization: "Bearer test-editor-alice", "Content-Type": "text/plain" },
          { method: "PUT", body: "x" },
        )
      ).status,
    ).toBe(415);
  });

  it("the 61st search in 10 s from one client that reaches the Newsroom gets 429; cached answers never do", async () => {
    const client = { Accept: "application/json", "CF-Connecting-IP": "203.0.113.61" };
    const first = await get(`${CANONICAL}/api/v1/search?q=Idlib`, client);
    expect(first.status).toBe(200);
    expect(first.headers.get("ratelimit-policy")).toBe('"search";q=60;w=10');
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 1; i <= 121 && limited?.status !== 429; i++) {
      limited = await get(`${CANONICAL}/api/v1/search?q=nothing${i}`, client);
      statuses.push(limited.status);
    }
    expect(statuses.length).toBeGreaterThan(59);
    expect(statuses.slice(0, 59).every((s) => s === 200)).toBe(true);
    limited = limited!;
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("10");
    expect(limited.headers.get("ratelimit")).toBe('"search";r=0;t=10');
    // A query this location has cached is answered whatever the client's quota.
    expect((await get(`${CANONICAL}/api/v1/search?q=Idlib`, client)).status).toBe(200);
    // Reading articles is never limited.
    expect((await get(`${CANONICAL}/api/v1/articles`, client)).status).toBe(200);
  });
});
