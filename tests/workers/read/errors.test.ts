// Errors through the Worker: problem responses readable cross-origin, the API's 406, a bad host
// configuration answered as a problem, never an exception.
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../../../src/reader/app.ts";
import { CANONICAL, get, loadSeedContent, SEED_PATH } from "../../support/helpers.ts";

beforeAll(loadSeedContent);
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
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
