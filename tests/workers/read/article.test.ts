// Defects found in review, each shown by the request that exposed it.
import { env } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { articlePath } from "../../../src/shared/model/paths.ts";
import { loadContent } from "../../../tools/content/build.ts";
import { CANONICAL, get, loadSeedContent, sampleArticle, SEED_ID, SEED_PATH, store } from "../../support/helpers.ts";

beforeAll(loadSeedContent);

const URL_ = CANONICAL + SEED_PATH;

describe("negotiation through the Worker", () => {
  it.each([
    [undefined, "text/html; charset=utf-8"],
    ["*/*", "text/html; charset=utf-8"],
    ["text/html", "text/html; charset=utf-8"],
    ["application/json", "application/json; charset=utf-8"],
    ["application/json, text/plain, */*", "application/json; charset=utf-8"],
    ["text/html;q=0.1, application/json;q=0.2", "application/json; charset=utf-8"],
    ["text/*", "text/html; charset=utf-8"],
    ["application/*", "application/json; charset=utf-8"],
    ["garbage", "text/html; charset=utf-8"],
  ])("Accept %j → %s, with Vary: Accept", async (accept, type) => {
    const res = await get(URL_, accept === undefined ? {} : { Accept: accept });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(type);
    expect(res.headers.get("vary")).toBe("Accept");
  });

  it.each(["image/png", "text/html;q=0, application/json;q=0", "*/*;q=0"])("Accept %j → 406 listing what is available", async (accept) => {
    const res = await get(URL_, { Accept: accept });
    expect(res.status).toBe(406);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.headers.get("vary")).toBe("Accept");
    expect(await res.json()).toMatchObject({ status: 406, available: ["text/html", "application/json", "text/markdown"] });
  });

  it("gives HTML and JSON of the same article different ETags", async () => {
    const html = await get(URL_, { Accept: "text/html" });
    const json = await get(URL_, { Accept: "application/json" });
    expect(html.headers.get("etag")).toMatch(/^"html-[\w-]{22}"$/);
    expect(json.headers.get("etag")).toMatch(/^"json-[\w-]{22}\.[\w-]{16}"$/);
    expect(html.headers.get("etag")).not.toBe(json.headers.get("etag"));
  });
});

describe("the HTML page", () => {
  let html = "";
  beforeAll(async () => {
    html = await (await get(URL_)).text();
  });

  it("is a complete document with canonical, alternate, OpenGraph and JSON-LD", () => {
    expect(html.startsWith('<!DOCTYPE html><html lang="en" dir="ltr">')).toBe(true);
    expect(html).toContain(`<link rel="canonical" href="${URL_}"/>`);
    expect(html).toContain(`<link rel="alternate" type="application/json" href="${URL_}"/>`);
    expect(html).toContain(`<meta property="og:url" content="${URL_}"/>`);
    expect(html).toContain(`<meta property="og:type" content="article"/>`);
    expect(html).toContain(`<meta property="og:title" content="34 Turkish troops killed in Syria&#39;s Idlib as govt. forces continue gains"/>`);
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)![1]);
    expect(ld).toMatchObject({
      "@type": "NewsArticle",
      // A date-only article: the start of its day in UTC, as feeds say (issue 34, item 12).
      datePublished: "2020-02-27T00:00:00Z",
      url: URL_,
      mainEntityOfPage: URL_,
      articleSection: ["News", "Syria", "Turkey"],
    });
  });

  it("shows breadcrumb, headline, date, figures with credits and subheadings", () => {
    // README "The reader's site": the breadcrumb links each section of the path to its page.
    expect(html).toContain('<nav class="crumbs" aria-label="Breadcrumb">');
    for (const path of ["/News", "/News/Syria", "/News/Syria/Turkey"])
      expect(html).toMatch(new RegExp(`<nav class="crumbs"[^]*?<a href="${CANONICAL}${path}">[^]*?</nav>`));
    expect(html).toContain("<h1>34 Turkish troops killed in Syria&#39;s Idlib as govt. forces continue gains</h1>");
    expect(html).toContain('<time datetime="2020-02-27">Thursday 27 February 2020</time>');
    expect(html.match(/<figcaption>/g)).toHaveLength(2);
    expect(html).toContain("(Photo by AFP)</figcaption>");
    expect(html).toContain("(Photo by SANA)</figcaption>");
    expect(html).toContain("<h2>Erdogan holds emergency meeting over Syria&#39;s Idlib</h2>");
    expect(html).not.toMatch(/<script(?! type="application\/ld\+json")/);
  });

  it("sends the security headers for HTML", async () => {
    const res = await get(URL_);
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });

  it("inlines public/fonts.css and public/site.css (read through ASSETS) as the head's last element, allowed by its SHA-256 in the CSP", async () => {
    const site = await (await env.ASSETS.fetch("https://assets.invalid/site.css")).text();
    const fonts = await (await env.ASSETS.fetch("https://assets.invalid/fonts.css")).text();
    expect(site).toContain(":root{color-scheme:light dark;");
    expect(fonts).toContain("@font-face{");
    const css = fonts + site;
    for (const [url, headers] of [
      [URL_, {}],
      [CANONICAL + "/", {}],
      [CANONICAL + "/no-such-page", {}],
    ] as const) {
      const res = await get(url, headers);
      const html = await res.text();
      expect(html).toContain(`<style>${css}</style></head>`);
      expect(html.match(/<style>/g)).toHaveLength(1);
      const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(css));
      const hash = btoa(String.fromCharCode(...new Uint8Array(digest)));
      expect(res.headers.get("content-security-policy")).toContain(`style-src 'sha256-${hash}'`);
    }
  });
});

describe("the JSON representation", () => {
  it("has the documented shape", async () => {
    const res = await get(URL_, { Accept: "application/json" });
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toBeNull();
    const a = await res.json<Record<string, unknown>>();
    // v1's members in v1's order, then those added since (a v1 client ignores them).
    expect(Object.keys(a)).toEqual([
      "id",
      "url",
      "canonicalUrl",
      "section",
      "headline",
      "description",
      "datePublished",
      "dateModified",
      "image",
      "body",
      "authors",
      "tags",
      "language",
      "corrections",
    ]);
    expect(a).toMatchObject({
      id: SEED_ID,
      url: URL_,
      canonicalUrl: URL_,
      section: ["News", "Syria", "Turkey"],
      datePublished: "2020-02-27",
      dateModified: "2020-02-27",
      image: { credit: "Photo by AFP" },
      authors: [],
      tags: [],
      language: "en",
      corrections: [],
    });
    const body = a.body as { type: string }[];
    expect(new Set(body.map((b) => b.type))).toEqual(new Set(["paragraph", "heading", "figure"]));
    expect(body[0]).toMatchObject({ type: "figure", credit: "Photo by AFP" });
  });
});

describe("the front page", () => {
  it("lists the articles as HTML for browsers", async () => {
    const res = await get(CANONICAL + "/", { Accept: "text/html" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<a href="${SEED_PATH}" dir="auto">34 Turkish troops killed`);
  });

  it("lists the articles as JSON with canonical URLs for apps", async () => {
    const res = await get(CANONICAL + "/", { Accept: "application/json" });
    expect(res.headers.get("vary")).toBe("Accept");
    const list = await res.json<{ total: number; articles: { id: string; canonicalUrl: string }[] }>();
    expect(list.total).toBe(1);
    expect(list.articles[0]).toMatchObject({ id: SEED_ID, canonicalUrl: URL_ });
  });
});

describe("canonical paths", () => {
  it.each([
    ["another slug", "/Detail/2020/02/27/100001/wrong-slug"],
    ["no slug", "/Detail/2020/02/27/100001"],
    ["a trailing slash", SEED_PATH + "/"],
    ["lower case", SEED_PATH.toLowerCase()],
    ["another date", "/Detail/2019/1/1/100001/x"],
  ])("%s → 301 to the canonical path, query kept", async (_, path) => {
    const res = await get(CANONICAL + path + "?utm_source=x&a=%3Cb%3E");
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe(URL_ + "?utm_source=x&a=%3Cb%3E");
  });

  it.each(["/Detail/2020/02/27/999999/x", "/Detail/2020/02/27/100001/x/y", "/nothing", "/Detail"])("%s → 404", async (path) => {
    expect((await get(CANONICAL + path)).status).toBe(404);
  });
});

describe("validators and methods", () => {
  it.each(["text/html", "application/json"])("answers 304 to a matching If-None-Match for %s", async (accept) => {
    const first = await get(URL_, { Accept: accept });
    const etag = first.headers.get("etag")!;
    const res = await get(URL_, { Accept: accept, "If-None-Match": etag });
    expect(res.status).toBe(304);
    expect(res.headers.get("etag")).toBe(etag);
    expect(res.headers.get("vary")).toBe("Accept");
    expect(res.headers.get("cache-control")).toBe(first.headers.get("cache-control"));
    expect(await res.text()).toBe("");
  });

  it("does not answer 304 to the other representation's ETag", async () => {
    const json = await get(URL_, { Accept: "application/json" });
    const res = await get(URL_, { Accept: "text/html", "If-None-Match": json.headers.get("etag")! });
    expect(res.status).toBe(200);
  });

  it("sends Last-Modified and honours If-Modified-Since", async () => {
    const first = await get(URL_);
    expect(first.headers.get("last-modified")).toBe("Thu, 27 Feb 2020 00:00:00 GMT");
    expect((await get(URL_, { "If-Modified-Since": "Fri, 28 Feb 2020 00:00:00 GMT" })).status).toBe(304);
    expect((await get(URL_, { "If-Modified-Since": "Wed, 26 Feb 2020 00:00:00 GMT" })).status).toBe(200);
  });

  it.each(["text/html", "application/json"])("sends the README's article Cache-Control for %s", async (accept) => {
    // README "Caching and freshness": browsers max-age=60, stale-while-revalidate=300, stale-if-error=86400; shared caches s-maxage=300.
    const res = await get(URL_, { Accept: accept });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, no-cache, stale-if-error=86400");
  });

  it("answers HEAD with the headers of GET and no body", async () => {
    const getRes = await get(URL_, { Accept: "application/json" });
    const head = await get(URL_, { Accept: "application/json" }, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("etag")).toBe(getRes.headers.get("etag"));
    expect(head.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await head.text()).toBe("");
  });

  it.each(["POST", "PUT", "DELETE", "PATCH"])("answers %s with 405 and Allow", async (method) => {
    const res = await get(URL_, { Accept: "application/json" }, { method, body: method === "DELETE" ? undefined : "x" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("answers OPTIONS with Allow", async () => {
    const res = await get(URL_, {}, { method: "OPTIONS" });
    expect(res.status).toBe(204);
    expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
  });
});

describe("errors", () => {
  it("is an HTML page for browsers", async () => {
    const res = await get(CANONICAL + "/Detail/2020/02/27/999999/<script>alert(1)</script>", { Accept: "text/html" });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await res.text();
    expect(html).toContain("<h1>Page not found</h1>");
    expect(html).not.toContain("<script>alert");
  });

  it("is application/problem+json (RFC 9457) for JSON callers", async () => {
    const res = await get(CANONICAL + "/nothing", { Accept: "application/json" });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toEqual({
      type: "about:blank",
      status: 404,
      title: "Not Found",
      detail: "There is no page at this address. It may have been moved or never existed.",
    });
  });
});

describe("percent-encoded spellings of the canonical path", () => {
  it("redirect to the canonical spelling, so each article has one URL", async () => {
    const encoded = SEED_PATH.replace("/Detail/", "/%44etail/").replace("100001", "%3100001");
    const res = await get(CANONICAL + encoded);
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe(URL_);
  });
});

// From regressions-integration.test.ts: Defects found in review, each shown by the request that exposed it.
describe("defects found in review", () => {
  beforeAll(loadSeedContent);
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
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
});

// From schema-integration.test.ts: The served side of tests/unit/model/schema-properties.test.ts (which runs in plain Node): an article the content build accepts is served, here inside workerd, stored through the Newsroom and read from real KV.
describe("the served side of the schema's properties", () => {
  // Without `description`, it comes from the first paragraph (up to 20 000 characters), while a given
  // one may have at most 500. It once was the whole paragraph: the value did not validate again, and
  // `readArticle`, which re-validates what it reads from KV, answered 503 for such an article.
  describe("an article without description and a first paragraph over 500 characters", () => {
    it("is served after the content build accepted it", async () => {
      const source = [
        "---",
        "id: 900001",
        "section: News",
        "headline: A long first paragraph",
        "published: 2021-05-01",
        "---",
        "",
        "word ".repeat(120).trim(),
        "",
      ].join("\n");
      const built = loadContent([{ name: "long.md", source }]);
      expect(built.ok).toBe(true);
      if (!built.ok) return;
      await store(...built.value);
      const res = await get(`${CANONICAL}${articlePath({ id: "900001", slug: "A-long-first-paragraph", published: "2021-05-01" })}`, {
        Accept: "application/json",
      });
      expect(res.status).toBe(200);
    });
  });
});
