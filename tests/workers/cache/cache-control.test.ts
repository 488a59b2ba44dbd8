// Every Cache-Control the README states, as a literal from its words (not from the constants in src/),
// so a change to a promise fails here until the README and this file change together.
import { beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../../tools/content/build.ts";
import { CANONICAL, get, REDIRECT, SEED_PATH, store } from "../../support/helpers.ts";
import { SEED_FILE, SEED_SOURCE } from "../../support/seed.ts";

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

const LISTING_CACHE = "public, max-age=5, stale-if-error=86400";
const ARTICLE_CACHE = "public, no-cache, stale-if-error=86400";

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

  it("a browser revalidates an article before every use and gets a 304 without a body; a listing after 5 s (issue 37)", async () => {
    const first = await get(CANONICAL + SEED_PATH, { Accept: "text/html" });
    const etag = first.headers.get("etag")!;
    // No freshness lifetime a browser could reuse the old page by, and no stale-while-revalidate it would show it once more under.
    expect(first.headers.get("cache-control")).not.toMatch(/max-age|stale-while-revalidate/);
    const again = await get(CANONICAL + SEED_PATH, { Accept: "text/html", "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const list = await get(CANONICAL + "/", { Accept: "text/html" });
    expect(list.headers.get("cache-control")).toMatch(/^public, max-age=5,/);
    const listAgain = await get(CANONICAL + "/", { Accept: "text/html", "If-None-Match": list.headers.get("etag")! });
    expect(listAgain.status).toBe(304);
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
