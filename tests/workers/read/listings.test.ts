// Listings as the README states them, in literals: 20 articles a page, per_page up to 100, strong ETags
// without Last-Modified, Link rel=canonical, next and prev.
import { beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../../tools/content/build.ts";
import { CANONICAL, get, store } from "../../support/helpers.ts";
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
