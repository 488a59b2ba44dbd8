// Defects found in review, each shown by the request that exposed it.
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../../../src/reader/app.ts";
import { parseHostTable } from "../../../src/reader/site/hosts.ts";
import { CANONICAL, CANONICAL_HOST, get, instrumentedKV, loadSeedContent, REDIRECT_WWW, SEED_PATH } from "../../support/helpers.ts";

beforeAll(loadSeedContent);

describe("wrangler.toml", () => {
  // Moved from hosts-unit (which runs in plain Node): it reads the real bindings.
  it("has a host table that parses, the canonical origin's host canonical, the tests' alternate hosts redirects", () => {
    const t = parseHostTable(env.CANONICAL_ORIGIN, env.HOSTS);
    expect(t.canonicalOrigin).toBe(CANONICAL);
    expect(t.exact.get(CANONICAL_HOST)).toBe("canonical");
    expect(t.exact.get("www.redirect.test")).toBe("redirect");
    expect(t.exact.get("redirect.test")).toBe("redirect");
  });
});

describe("alternate hosts (policy: redirect)", () => {
  it.each(["www.redirect.test", "redirect.test", "WWW.REDIRECT.TEST", "www.redirect.test."])(
    "%s → 301 to the canonical origin, path and query kept",
    async (host) => {
      const res = await get(`https://${host}/some/page?q=1`);
      expect(res.status).toBe(301);
      expect(res.headers.get("location")).toBe(`${CANONICAL}/some/page?q=1`);
    },
  );

  it("sends an article straight to its canonical path in one hop", async () => {
    const res = await get("https://www.redirect.test/detail/2020/02/27/100001/old-slug?x=1");
    expect(res.headers.get("location")).toBe(`${CANONICAL}${SEED_PATH}?x=1`);
    const next = await get(res.headers.get("location")!);
    expect(next.status).toBe(200);
  });

  it.each(["POST", "PUT", "DELETE"])("uses 308 for %s so the method is kept", async (method) => {
    const res = await get("https://redirect.test/x", {}, { method });
    expect(res.status).toBe(308);
    expect(res.headers.get("location")).toBe(`${CANONICAL}/x`);
  });

  it.each([
    ["//evil.example/x", "/evil.example/x"],
    ["/%2F%2Fevil.example/x", "/%2F%2Fevil.example/x"],
    ["/%5Cevil.example", "/%5Cevil.example"],
    ["/\\evil.example", "/evil.example"],
  ])("never lets %s leave the canonical origin", async (path, expected) => {
    const res = await get(`https://www.redirect.test${path}`);
    const location = res.headers.get("location")!;
    expect(location).toBe(CANONICAL + expected);
    expect(new URL(location).origin).toBe(CANONICAL);
  });

  it.each([["evil.example"], ["www.redirect.test"], [CANONICAL_HOST]])(
    "builds the target from configuration, not from a Host header of %s",
    async (hostHeader) => {
      const res = await get("https://www.redirect.test/x?y=1", { Host: hostHeader });
      expect(res.status).toBe(301);
      expect(res.headers.get("location")).toBe(`${CANONICAL}/x?y=1`);
    },
  );
});

describe("the canonical host", () => {
  it("answers a //-path that only looks like an article with a plain 404, never a redirect elsewhere", async () => {
    const res = await get(`${CANONICAL}//Detail/2020/02/27/100001/x`);
    // `//Detail/...` is not an article path (README: leading // never yields a Location off the origin)
    expect(res.status).toBe(404);
    expect(res.headers.get("location")).toBeNull();
  });

  it("canonical-path redirects name the canonical origin", async () => {
    const res = await get(`${CANONICAL}/detail/2020/02/27/100001/x?y=1`);
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe(`${CANONICAL}${SEED_PATH}?y=1`);
  });
});

describe("unknown hosts", () => {
  it.each(["evil.example", `${CANONICAL_HOST}.evil.example`, "redirect.test.evil.example", "[::1]"])("%s gets 421 and no redirect", async (host) => {
    const res = await get(`https://${host}${SEED_PATH}`, { Accept: "application/json" });
    expect(res.status).toBe(421);
    expect(res.headers.get("location")).toBeNull();
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.text()).not.toContain(host);
  });
});

describe("development hosts (policy: mirror)", () => {
  it.each(["http://localhost:8787", "http://127.0.0.1:8787", "https://edge-news.someone.workers.dev"])("%s serves directly", async (origin) => {
    const res = await get(origin + SEED_PATH, { Accept: "application/json" });
    expect(res.status).toBe(200);
    const a = await res.json<{ url: string; canonicalUrl: string }>();
    expect(a.url).toBe(origin + SEED_PATH);
    expect(a.canonicalUrl).toBe(CANONICAL + SEED_PATH);
    expect(res.headers.get("link")).toBe(`<${CANONICAL}${SEED_PATH}>; rel="canonical"`);
  });

  it("keeps non-canonical path redirects on the same host", async () => {
    const res = await get("http://127.0.0.1:8787/detail/2020/02/27/100001/x?y=1");
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe(SEED_PATH + "?y=1");
  });

  it("keeps HTML navigation on the host but the canonical link on the canonical origin", async () => {
    const html = await (await get("http://localhost:8787/")).text();
    expect(html).toContain(`<a href="${SEED_PATH}" dir="auto">`); // root-relative: it stays on this host
    expect(html).toContain(`<link rel="canonical" href="${CANONICAL}/"/>`);
  });
});

// From regressions-integration.test.ts: Defects found in review, each shown by the request that exposed it.
describe("defects found in review", () => {
  beforeAll(loadSeedContent);
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
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
      // An id the change channel never carried (it would stand in for KV): KV's failure decides alone.
      const res = await createApp().fetch(new Request(`${REDIRECT_WWW}/detail/2020/02/27/139999/x`, { redirect: "manual" }), { ...env, NEWS: kv });
      expect(res.status).toBe(301);
      expect(res.headers.get("location")).toBe(`${CANONICAL}/detail/2020/02/27/139999/x`);
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
});
