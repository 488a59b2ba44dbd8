// Feeds, sitemaps and llms.txt for articles in another language and with photos: what outside checkers
// and feed readers found (issue 23). Ids 923101–923199 belong to this file; its articles are in section "Findings".
import { parseFeed } from "@rowanmanning/feed-parser";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import jpegUrl from "../../support/fixtures/media/photo-1600x900.jpg?inline";
import { CANONICAL, get, loadSeedContent, store, TOKEN } from "../../support/helpers.ts";
import { kids, one, parseXml, textOf, type XmlElement } from "../../support/xml.ts";

// From findings-feeds-integration.test.ts: Issue 23, data and formats (items 1, 2, 3, 5): what outside checkers and readers found in the feeds, the sitemaps and llms.txt, each test named after the defect. Ids 923101–923199 belong to this file; its articles are in section "Findings".
describe("issue 23's findings: feeds, sitemaps and llms.txt", () => {
  const auth = { Authorization: `Bearer ${TOKEN}` };
  const PERSIAN = "923101";
  const ENGLISH = "923102";
  const CORRECTED = "923103";
  let media: { id: string; url: string; width: number; height: number };

  beforeAll(async () => {
    await loadSeedContent();
    const bytes = Uint8Array.from(atob(jpegUrl.slice(jpegUrl.indexOf(",") + 1)), (c) => c.charCodeAt(0));
    media = await (await get(`${CANONICAL}/api/v1/media`, auth, { method: "POST", body: bytes })).json();
    const figure = { type: "figure", caption: "The harbour.", credit: "Photo by Test", alt: "Ships", src: media.url, width: media.width, height: media.height };
    await store(
      // A Persian photo story, and an English one an hour later: the two newest.
      {
        id: PERSIAN,
        section: ["Findings"],
        headline: "بندر پس از توفان بازگشایی شد",
        language: "fa",
        published: "2021-06-01T08:00:00Z",
        body: [figure, { type: "paragraph", text: "بندر روز یکشنبه بازگشایی شد." }],
      },
      {
        id: ENGLISH,
        section: ["Findings"],
        headline: "Harbour reopens after the storm",
        published: "2021-06-01T09:00:00Z",
        body: [{ type: "paragraph", text: "The harbour reopened." }],
      },
      // An old article corrected after both: its lastmod is the newest in the sitemap.
      {
        id: CORRECTED,
        section: ["Findings", "Archive"],
        headline: "An old story, corrected",
        published: "2019-03-01",
        modified: "2021-07-01T10:00:00Z",
        body: [{ type: "paragraph", text: "Corrected text." }],
      },
    );
  });
  afterEach(() => vi.useRealTimers());

  async function xml(path: string): Promise<XmlElement> {
    const res = await get(CANONICAL + path);
    expect(res.status).toBe(200);
    return parseXml(await res.text());
  }
  const entryOf = (feed: XmlElement, id: string) => kids(feed, "entry").find((e) => textOf(e, "id").endsWith(`:article:${id}`))!;
  const itemOf = (channel: XmlElement, id: string) => kids(channel, "item").find((e) => textOf(e, "guid").endsWith(`:article:${id}`))!;

  describe("the Google News sitemap (issue 23, item 1)", () => {
    it("names each article's own language, not the site's, for a Persian article", async () => {
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(Date.UTC(2021, 5, 1, 12));
      const urls = kids(await xml("/news-sitemap.xml"), "url");
      const language = (id: string) =>
        textOf(
          one(
            one(
              urls.find((u) => textOf(u, "loc").includes(`/${id}/`))!,
              "news:news",
            ),
            "news:publication",
          ),
          "news:language",
        );
      expect(language(PERSIAN)).toBe("fa");
      expect(language(ENGLISH)).toBe("en");
    });
  });

  describe("feeds for an article in another language, with a photo (issue 23, item 2)", () => {
    it("Atom: the Persian entry has xml:lang of its own, and a photo entry its image as media:content", async () => {
      const feed = await xml("/Findings/atom.xml");
      expect(feed.attrs["xml:lang"]).toBe("en");
      expect(entryOf(feed, PERSIAN).attrs["xml:lang"]).toBe("fa");
      expect(entryOf(feed, ENGLISH).attrs["xml:lang"]).toBeUndefined();
      const image = one(entryOf(feed, PERSIAN), "media:content");
      expect(image.attrs).toEqual({ url: `${CANONICAL}/media/${media.id}/1280`, medium: "image", width: "1280", height: "720" });
      expect(textOf(image, "media:description")).toBe("Ships");
      expect(kids(entryOf(feed, ENGLISH), "media:content")).toEqual([]);
    });

    it("RSS: an item in another language than the channel's says which (dc:language)", async () => {
      const channel = one(await xml("/Findings/rss.xml"), "channel");
      expect(textOf(channel, "language")).toBe("en");
      expect(textOf(itemOf(channel, PERSIAN), "dc:language")).toBe("fa");
      expect(kids(itemOf(channel, ENGLISH), "dc:language")).toEqual([]);
    });

    it("a feed parser finds the Atom entry's image, as it finds the RSS item's", async () => {
      for (const path of ["/Findings/atom.xml", "/Findings/rss.xml"]) {
        const feed = parseFeed(await (await get(CANONICAL + path)).text());
        const item = feed.items.find((i) => i.title === "بندر پس از توفان بازگشایی شد")!;
        expect(
          item.media.map((m) => m.url),
          path,
        ).toEqual([`${CANONICAL}/media/${media.id}/1280`]);
      }
    });
  });

  describe("the sitemap index (issue 23, item 3)", () => {
    it("states as each sitemap's lastmod the newest lastmod inside it, a correction included", async () => {
      const index = await xml("/sitemap.xml");
      const entry = one(index, "sitemap");
      expect(textOf(entry, "loc")).toBe(`${CANONICAL}/sitemaps/1.xml`);
      const inside = kids(await xml("/sitemaps/1.xml"), "url").map((u) => textOf(u, "lastmod"));
      const newest = inside.sort().at(-1);
      expect(newest).toBe("2021-07-01T10:00:00Z");
      expect(textOf(entry, "lastmod")).toBe(newest);
    });
  });

  describe("/llms.txt (issue 23, item 5)", () => {
    it("writes links as [title](url), the destination without angle brackets", async () => {
      const body = await (await get(`${CANONICAL}/llms.txt`)).text();
      const links = [...body.matchAll(/\]\(([^)]*)\)/g)].map((m) => m[1]);
      expect(links.length).toBeGreaterThan(8);
      expect(links.filter((url) => !url.startsWith(`${CANONICAL}/`) || /\s/.test(url))).toEqual([]);
      expect(body).not.toContain("](<");
      expect(body).toContain(`(${CANONICAL}/Findings)`);
    });
  });
});
