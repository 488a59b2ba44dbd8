// The README's promises that no other test pins with a literal: feed and sitemap sizes, page sizes and
// every Cache-Control string, written from the README's words (not from the constants in src/), so a
// change to a promise fails here until the README and this file change together. The README's table
// "What the README promises, and the test that pins it" names these tests.
import { beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../tools/content/build.ts";
import { CANONICAL, get, REDIRECT, SEED_PATH, store } from "./helpers.ts";
import { SEED_FILE, SEED_SOURCE } from "./seed.ts";
import { kids, one, parseXml, textOf } from "./xml.ts";

/** 1000 articles besides the seed (ids 15100…16099), the newest 55 in section "Feedsize": 1001 in all. */
const EXTRA = 1000;
const FEED_SECTION_SIZE = 55;

function source(n: number): string {
  // n = 0 is the newest: 2019-12-31 minus n hours (all older than the seed of 2020-02-27).
  const published = new Date(Date.UTC(2019, 11, 31, 23) - n * 3_600_000).toISOString().replace(".000Z", "Z");
  const section = n < FEED_SECTION_SIZE ? "Feedsize" : "Bulk / Older";
  return `---\nid: ${15100 + n}\nsection: ${section}\nheadline: Promise article ${n}\npublished: ${published}\n---\n\nParagraph ${n}.\n`;
}

beforeAll(async () => {
  const files = [{ name: SEED_FILE, source: SEED_SOURCE }];
  for (let n = 0; n < EXTRA; n++) files.push({ name: `extra-${n}.md`, source: source(n) });
  const built = loadContent(files);
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  await store(...built.value);
}, 60_000);

const LISTING_CACHE = "public, max-age=30, s-maxage=60, stale-while-revalidate=60, stale-if-error=86400";
const ARTICLE_CACHE = "public, max-age=60, s-maxage=300, stale-while-revalidate=300, stale-if-error=86400";

describe("feeds: the 50 newest", () => {
  it.each([
    ["/rss.xml", "item", 15100],
    ["/atom.xml", "entry", 15100],
    ["/Feedsize/rss.xml", "item", 15100],
    ["/Feedsize/atom.xml", "entry", 15100],
  ])("%s carries exactly 50 %ss, newest first", async (path, element, newestExtra) => {
    const res = await get(CANONICAL + path);
    expect(res.status).toBe(200);
    const root = parseXml(await res.text());
    const items = kids(root.name === "rss" ? one(root, "channel") : root, element);
    expect(items).toHaveLength(50);
    const ids = items.map((i) => /article:(\d+)$/.exec(textOf(i, element === "item" ? "guid" : "id"))![1]);
    // The site feed starts with the seed (2020-02-27); the section feed with its newest article.
    const expected = path.startsWith("/Feedsize")
      ? Array.from({ length: 50 }, (_, n) => String(newestExtra + n))
      : ["100001", ...Array.from({ length: 49 }, (_, n) => String(newestExtra + n))];
    expect(ids).toEqual(expected);
  });
});

describe("sitemaps: 1000 articles a sitemap", () => {
  it("names two sitemaps for 1001 articles, the first with 1000 articles and the second with 1", async () => {
    const index = parseXml(await (await get(`${CANONICAL}/sitemap.xml`)).text());
    expect(kids(index, "sitemap").map((s) => textOf(s, "loc"))).toEqual([`${CANONICAL}/sitemaps/1.xml`, `${CANONICAL}/sitemaps/2.xml`]);
    const articleLocs = async (n: number) => {
      const res = await get(`${CANONICAL}/sitemaps/${n}.xml`);
      expect(res.status).toBe(200);
      return kids(parseXml(await res.text()), "url")
        .map((u) => textOf(u, "loc"))
        .filter((loc) => loc.startsWith(`${CANONICAL}/Detail/`));
    };
    const first = await articleLocs(1);
    expect(first).toHaveLength(1000);
    expect(first[0]).toBe(CANONICAL + SEED_PATH);
    expect(await articleLocs(2)).toEqual([`${CANONICAL}/Detail/2019/11/20/16099/Promise-article-999`]);
    expect((await get(`${CANONICAL}/sitemaps/3.xml`)).status).toBe(404);
  });
});

describe("page sizes", () => {
  it("the front page and a section list 20 articles a page", async () => {
    for (const path of ["/", "/Bulk"]) {
      const body = await (
        await get(CANONICAL + path, { Accept: "application/json" })
      ).json<{ articles: unknown[]; perPage: number; total: number; pages: number }>();
      expect(body.perPage).toBe(20);
      expect(body.articles).toHaveLength(20);
      expect(body.pages).toBe(Math.ceil(body.total / 20));
    }
  });

  it("the API lists 20 by default and per_page up to 100, and refuses 101 with a 400 problem", async () => {
    const api = `${CANONICAL}/api/v1/articles`;
    expect((await (await get(api)).json<{ articles: unknown[] }>()).articles).toHaveLength(20);
    expect((await (await get(`${api}?per_page=100`)).json<{ articles: unknown[] }>()).articles).toHaveLength(100);
    const refused = await get(`${api}?per_page=101`);
    expect(refused.status).toBe(400);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
  });
});

describe("Cache-Control, as the README states it", () => {
  it.each([
    ["an article, HTML", SEED_PATH, "text/html", ARTICLE_CACHE],
    ["an article, JSON", SEED_PATH, "application/json", ARTICLE_CACHE],
    ["an article from the API", "/api/v1/articles/100001", "application/json", ARTICLE_CACHE],
    ["the front page, HTML", "/", "text/html", LISTING_CACHE],
    ["the front page, JSON", "/", "application/json", LISTING_CACHE],
    ["a section page", "/Feedsize", "text/html", LISTING_CACHE],
    ["the API list", "/api/v1/articles", "application/json", LISTING_CACHE],
    ["the RSS feed", "/rss.xml", "*/*", LISTING_CACHE],
    ["a section's Atom feed", "/Feedsize/atom.xml", "*/*", LISTING_CACHE],
    ["the sitemap index", "/sitemap.xml", "*/*", LISTING_CACHE],
    ["a sitemap", "/sitemaps/1.xml", "*/*", LISTING_CACHE],
    ["the news sitemap", "/news-sitemap.xml", "*/*", LISTING_CACHE],
    ["robots.txt", "/robots.txt", "*/*", LISTING_CACHE],
  ])("%s → %s", async (_, path, accept, expected) => {
    const res = await get(CANONICAL + path, { Accept: accept });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe(expected);
  });

  it("a 404 is cached briefly: max-age=30, s-maxage=60", async () => {
    const res = await get(`${CANONICAL}/Detail/2020/01/01/15099/x`);
    expect(res.status).toBe(404);
    expect(res.headers.get("cache-control")).toBe("public, max-age=30, s-maxage=60");
  });

  it("a redirect decided by the host table is cached an hour; one to an article's canonical path a minute", async () => {
    const host = await get(`${REDIRECT}/News`);
    expect(host.status).toBe(301);
    expect(host.headers.get("cache-control")).toBe("public, max-age=3600");
    const article = await get(`${REDIRECT}/detail/2020/02/27/100001/x`);
    expect(article.status).toBe(301);
    expect(article.headers.get("cache-control")).toBe("public, max-age=60");
  });

  it("errors that must not be cached say no-store (406, 405)", async () => {
    const notAcceptable = await get(CANONICAL + SEED_PATH, { Accept: "image/png" });
    expect(notAcceptable.status).toBe(406);
    expect(notAcceptable.headers.get("cache-control")).toBe("no-store");
    const method = await get(CANONICAL + SEED_PATH, {}, { method: "POST", body: "x" });
    expect(method.status).toBe(405);
    expect(method.headers.get("cache-control")).toBe("no-store");
  });
});

describe("validators and links on listings and feeds", () => {
  it.each([
    ["/", "application/json", "/"],
    ["/Feedsize", "text/html", "/Feedsize"],
    ["/rss.xml", "*/*", "/rss.xml"],
    ["/Feedsize/atom.xml", "*/*", "/Feedsize/atom.xml"],
    ["/api/v1/articles", "application/json", "/api/v1/articles"],
  ])("%s has a strong ETag, no Last-Modified, and Link rel=canonical", async (path, accept, canonical) => {
    const res = await get(CANONICAL + path, { Accept: accept });
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toMatch(/^"[a-z]+-[\w-]{22}"$/);
    expect(res.headers.get("last-modified")).toBeNull();
    expect(res.headers.get("link")).toContain(`<${CANONICAL}${canonical}>; rel="canonical"`);
  });

  it("a listing links its next and previous pages", async () => {
    const second = await get(`${CANONICAL}/Bulk?page=2`, { Accept: "application/json" });
    expect(second.headers.get("link")).toContain(`<${CANONICAL}/Bulk>; rel="prev"`);
    expect(second.headers.get("link")).toContain(`<${CANONICAL}/Bulk?page=3>; rel="next"`);
  });
});
