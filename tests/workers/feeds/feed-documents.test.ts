// Issue 23, data and formats (items 1, 2, 3, 5): what outside checkers and readers found in the
// feeds, the sitemaps and llms.txt, each test named after the defect. Ids 923101–923199 belong to
// this file; its articles are in section "Findings".
import { parseFeed } from "@rowanmanning/feed-parser";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { CANONICAL, CANONICAL_HOST, get, loadSeedContent, REDIRECT, SEED_PATH, SITE_NAME } from "../../support/helpers.ts";
import { kids, one, parseXml, text, textOf } from "../../support/xml.ts";

beforeAll(loadSeedContent);
afterEach(() => {
  vi.useRealTimers();
});

const TAG = `tag:${CANONICAL_HOST},2020:article:100001`;

async function xml(url: string, type: string) {
  const res = await get(url);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe(type);
  expect(res.headers.get("etag")).toMatch(/^"\w+-[\w-]{22}"$/);
  return parseXml(await res.text());
}

describe("feeds", () => {
  it("serves the site's RSS 2.0 with the article's stable id as guid", async () => {
    const channel = one(await xml(`${CANONICAL}/rss.xml`, "application/rss+xml; charset=utf-8"), "channel");
    const item = one(channel, "item");
    expect(textOf(item, "guid")).toBe(TAG);
    expect(textOf(item, "link")).toBe(CANONICAL + SEED_PATH);
    expect(textOf(item, "title")).toBe("34 Turkish troops killed in Syria's Idlib as govt. forces continue gains");
    expect(kids(item, "category").map(text)).toEqual(["News", "Syria", "Turkey"]);
  });

  it("serves Atom for the site and for each level of the article's section", async () => {
    for (const path of ["/atom.xml", "/News/atom.xml", "/News/Syria/atom.xml", "/News/Syria/Turkey/atom.xml"]) {
      const feed = await xml(CANONICAL + path, "application/atom+xml; charset=utf-8");
      expect(textOf(one(feed, "entry"), "id")).toBe(TAG);
    }
    expect((await get(`${CANONICAL}/News/Sport/rss.xml`)).status).toBe(404);
  });

  it("keeps feed links on a mirror but ids unchanged", async () => {
    const channel = one(await xml(`http://localhost:8787/rss.xml`, "application/rss+xml; charset=utf-8"), "channel");
    const item = one(channel, "item");
    expect(textOf(item, "link")).toBe("http://localhost:8787" + SEED_PATH);
    expect(textOf(item, "guid")).toBe(TAG);
  });
});

describe("full feeds, read by a feed parser (@rowanmanning/feed-parser)", () => {
  const PARAGRAPH =
    "The so-called Syrian Observatory for Human Rights reported that 34 Turkish soldiers had been killed in airstrikes in the area on Thursday.";

  it.each(["/rss.xml", "/atom.xml", "/News/Syria/rss.xml", "/News/Syria/atom.xml"])(
    "%s: each item has a summary, the full body and categories",
    async (path) => {
      const res = await get(CANONICAL + path);
      expect(res.status).toBe(200);
      const feed = parseFeed(await res.text());
      const item = feed.items[0];
      expect(item.title).toBe("34 Turkish troops killed in Syria's Idlib as govt. forces continue gains");
      expect(item.url).toBe(CANONICAL + SEED_PATH);
      // The seed has no description of its own: the summary is its first paragraph.
      expect(item.description).toMatch(/^Dozens of Turkish soldiers have reportedly been killed in Syria's northwestern province of Idlib/);
      expect(item.content).toContain(`<p>${PARAGRAPH}</p>`);
      expect(item.content).toContain("<h2>Erdogan holds emergency meeting over Syria's Idlib</h2>");
      expect(item.content).toContain("(Photo by SANA)</figcaption>");
      expect(item.categories.map((c) => c.term)).toEqual(["News", "Syria", "Turkey"]);
      if (path.startsWith("/News/Syria")) {
        expect(feed.title).toBe(`News / Syria | ${SITE_NAME}`);
        expect(feed.description).toBe(`Latest news in News / Syria from ${SITE_NAME}`);
      } else expect(feed.description).toBe(`Latest news from ${SITE_NAME}`);
    },
  );
});

describe("section feeds match their section in any case, as its pages do (issue 34, item 11)", () => {
  it.each([
    ["/news/rss.xml", "/News/rss.xml"],
    ["/NEWS/SYRIA/atom.xml", "/News/Syria/atom.xml"],
    ["/news/syria/turkey/rss.xml?utm_source=x", "/News/Syria/Turkey/rss.xml?utm_source=x"],
  ])("%s → 301 %s, which is the feed", async (path, to) => {
    const res = await get(CANONICAL + path);
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe(CANONICAL + to);
    expect(res.headers.get("cache-control")).toBe("public, max-age=60");
    expect((await get(CANONICAL + to)).status).toBe(200);
  });

  it("a redirect host sends another spelling to the canonical host, which sends it on to the feed", async () => {
    const res = await get(`${REDIRECT}/news/syria/rss.xml`);
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe(`${CANONICAL}/news/syria/rss.xml`);
    expect((await get(res.headers.get("location")!)).headers.get("location")).toBe(`${CANONICAL}/News/Syria/rss.xml`);
  });

  it("a section that does not exist, in any case, is still a 404", async () => {
    for (const path of ["/nope/rss.xml", "/News/Nope/atom.xml", "/news/nope/rss.xml"]) {
      const res = await get(CANONICAL + path);
      expect(res.status, path).toBe(404);
      await res.arrayBuffer();
    }
  });
});

describe("RSS and Atom say the same of an article (issue 34, item 16)", () => {
  it("an apostrophe in an RSS description is HTML text, not an entity escaped twice (Syria&amp;apos;s)", async () => {
    const xmlText = await (await get(`${CANONICAL}/rss.xml`)).text();
    expect(xmlText).not.toContain("&amp;apos;");
    const description = textOf(one(one(parseXml(xmlText), "channel"), "item"), "description");
    // Once the XML is read, the HTML text readers render: the seed's opening paragraph as written.
    expect(description).toMatch(/^Dozens of Turkish soldiers have reportedly been killed in Syria's northwestern province of Idlib/);
  });

  it("an unsigned article's author is the publisher in both", async () => {
    const authors = async (path: string) => parseFeed(await (await get(CANONICAL + path)).text()).items[0].authors.map((a) => a.name);
    expect(await authors("/rss.xml")).toEqual([SITE_NAME]);
    expect(await authors("/atom.xml")).toEqual([SITE_NAME]);
  });
});

describe("sitemaps and robots.txt", () => {
  it("serves a sitemap index whose sitemaps list the article", async () => {
    const index = await xml(`${CANONICAL}/sitemap.xml`, "application/xml; charset=utf-8");
    expect(index.name).toBe("sitemapindex");
    const loc = textOf(one(index, "sitemap"), "loc");
    expect(loc).toBe(`${CANONICAL}/sitemaps/1.xml`);
    const urlset = await xml(loc, "application/xml; charset=utf-8");
    const locs = kids(urlset, "url").map((u) => textOf(u, "loc"));
    expect(locs).toContain(CANONICAL + SEED_PATH);
    expect((await get(`${CANONICAL}/sitemaps/2.xml`)).status).toBe(404);
    expect((await get(`${CANONICAL}/sitemaps/x.xml`)).status).toBe(404);
  });

  it("lists the article in the Google News sitemap during its first 48 hours only", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.UTC(2020, 1, 28, 12));
    const news = await xml(`${CANONICAL}/news-sitemap.xml`, "application/xml; charset=utf-8");
    const url = one(news, "url");
    expect(textOf(url, "loc")).toBe(CANONICAL + SEED_PATH);
    expect(textOf(one(one(url, "news:news"), "news:publication"), "news:name")).toBe(SITE_NAME);
    // a week later (on another host, so no cached copy answers) the window has moved on: the one `url`
    // the schema requires is the front page, announced as no news article, with the newest change
    vi.setSystemTime(Date.UTC(2020, 2, 5));
    const later = await xml(`http://127.0.0.1:8787/news-sitemap.xml`, "application/xml; charset=utf-8");
    const [front] = kids(later, "url");
    expect(kids(later, "url")).toHaveLength(1);
    expect(textOf(front, "loc")).toBe("http://127.0.0.1:8787/");
    expect(textOf(front, "lastmod")).toBe("2020-02-27T00:00:00Z");
    expect(kids(front, "news:news")).toHaveLength(0);
  });

  it("names the sitemaps in robots.txt", async () => {
    const res = await get(`${CANONICAL}/robots.txt`);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const body = await res.text();
    expect(body).toContain(`Sitemap: ${CANONICAL}/sitemap.xml`);
    expect(body).toContain(`Sitemap: ${CANONICAL}/news-sitemap.xml`);
  });
});
