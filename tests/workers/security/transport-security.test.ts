// Strict-Transport-Security (README, Mirror domains: "only from the canonical host"): on everything the
// canonical host answers — pages, error pages, feeds, sitemaps, the API, the desk, redirects, 304s — and
// on nothing a mirror or a redirect host answers.
import { beforeAll, describe, expect, it } from "vitest";
import { CANONICAL, get, loadSeedContent, REDIRECT, SEED_PATH } from "../../support/helpers.ts";

beforeAll(loadSeedContent);

const HSTS = "max-age=31536000";
const MIRROR = "https://mirror.test";

/** A path, the headers to send, and the status the canonical host answers. */
const ANSWERS: [string, Record<string, string>, number][] = [
  [SEED_PATH, {}, 200],
  [SEED_PATH, { Accept: "application/json" }, 200],
  [SEED_PATH, { Accept: "text/markdown" }, 200],
  ["/no-such-page", {}, 404],
  ["/no-such-page", { Accept: "application/json" }, 404],
  ["/Detail/2020/02/27/100001/another-slug", {}, 301],
  [SEED_PATH, { Accept: "image/png" }, 406],
  ["/rss.xml", {}, 200],
  ["/News/atom.xml", {}, 200],
  ["/sitemap.xml", {}, 200],
  ["/robots.txt", {}, 200],
  ["/api/v1/articles", { Accept: "application/json" }, 200],
  ["/api/v1/articles/424242", { Accept: "application/json" }, 404],
  ["/api/v1/search?q=", { Accept: "application/json" }, 400],
  ["/openapi.json", {}, 200],
  ["/favicon.ico", {}, 200],
  ["/desk/", {}, 303],
  ["/desk/api/session", {}, 401],
];

describe("HSTS from the canonical host on every answer (issue 34, item 15)", () => {
  it.each(ANSWERS)("%s %j → %i, with HSTS", async (path, headers, status) => {
    const res = await get(CANONICAL + path, headers);
    expect(res.status).toBe(status);
    expect(res.headers.get("strict-transport-security")).toBe(HSTS);
    await res.arrayBuffer();
  });

  it("on a 304 and on a HEAD, served from this isolate's memory as from the routes", async () => {
    for (let i = 0; i < 2; i++) {
      const ok = await get(CANONICAL + SEED_PATH, { Accept: "application/json" });
      const again = await get(CANONICAL + SEED_PATH, { Accept: "application/json", "If-None-Match": ok.headers.get("etag")! });
      expect(again.status).toBe(304);
      expect(again.headers.get("strict-transport-security")).toBe(HSTS);
      const head = await get(CANONICAL + "/rss.xml", {}, { method: "HEAD" });
      expect(head.headers.get("strict-transport-security")).toBe(HSTS);
    }
  });

  it.each(ANSWERS)("never from a mirror: %s %j", async (path, headers) => {
    const res = await get(MIRROR + path, headers);
    expect(res.headers.get("strict-transport-security")).toBeNull();
    await res.arrayBuffer();
  });

  it("never from a redirect host", async () => {
    for (const path of [SEED_PATH, "/rss.xml", "/api/v1/articles"]) {
      const res = await get(REDIRECT + path);
      expect(res.status).toBe(301);
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
  });
});
