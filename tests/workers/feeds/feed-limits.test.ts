// The README's sizes of feeds and sitemaps, stated as literals from its words (not from the constants in
// src/), so a change to a promise fails here until the README and this file change together.
import { beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../../tools/content/build.ts";
import { CANONICAL, get, SEED_PATH, store } from "../../support/helpers.ts";
import { SEED_FILE, SEED_SOURCE } from "../../support/seed.ts";
import { kids, one, parseXml, textOf } from "../../support/xml.ts";

// From promises-integration.test.ts: The README's promises that no other test pins with a literal: feed and sitemap sizes, page sizes and every Cache-Control string, written from the README's words (not from the constants in src/), so a change to a promise fails here until the README and this file change together. The README's table "What the README promises, and the test that pins it" names these tests.
describe("the README's promises, stated as literals", () => {
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
});
