// Issue 23, the pure parts in plain Node: feeds, sitemaps and llms.txt for articles in another
// language and with photos (items 1, 2, 3, 5), and the article head's structured data (item 4).
// Each test is named after the defect it pins.
import { describe, expect, it } from "vitest";
import {
  atomFeed,
  type FeedContext,
  type FeedEntry,
  llmsTxt,
  newsLanguage,
  newsSitemapXml,
  rssFeed,
  sitemapLastmod,
  sitemapXml,
} from "../src/feeds/formats.ts";
import { ogLocale, twitterHandle } from "../src/render/article-head.tsx";
import { kids, one, parseXml, text, textOf } from "./xml.ts";

const ORIGIN = "https://www.presstv.ir";
const ctx: FeedContext = {
  siteName: "Press TV",
  canonicalOrigin: ORIGIN,
  linkOrigin: ORIGIN,
  selfUrl: `${ORIGIN}/atom.xml`,
  title: "Press TV",
  language: "en",
  now: Date.UTC(2021, 5, 1, 12),
};
const entry = (id: string, published: string, extra: Partial<FeedEntry> = {}): FeedEntry => ({
  id,
  path: `/Detail/2021/06/01/${id}/x`,
  headline: `Story ${id}`,
  section: ["News"],
  published,
  modified: published,
  ...extra,
});
const IMAGE = { src: `${ORIGIN}/media/${"a".repeat(64)}/1280`, width: 1280, height: 720, alt: "Ships" };

describe("item 1: news:language per article", () => {
  it("is each article's own language, in the form Google News takes", () => {
    const xml = parseXml(
      newsSitemapXml(ctx, [
        entry("1", "2021-06-01T08:00:00Z", { language: "fa" }),
        entry("2", "2021-06-01T09:00:00Z"),
        entry("3", "2021-06-01T10:00:00Z", { language: "pt-BR" }),
      ]),
    );
    const languages = kids(xml, "url").map((u) => textOf(one(one(u, "news:news"), "news:publication"), "news:language"));
    expect(languages).toEqual(["pt", "en", "fa"]);
  });

  it.each([
    ["fa", "fa"],
    ["EN", "en"],
    ["pt-BR", "pt"],
    ["zh", "zh-cn"],
    ["zh-Hans-CN", "zh-cn"],
    ["zh-Hant", "zh-tw"],
    ["zh-TW", "zh-tw"],
    ["zh-HK", "zh-tw"],
    ["ckb", "ckb"],
  ])("newsLanguage(%j) is %j", (tag, expected) => {
    expect(newsLanguage(tag)).toBe(expected);
  });
});

describe("item 2: Atom and RSS for an entry in another language, with a photo", () => {
  const entries = [
    entry("1", "2021-06-01T08:00:00Z", { language: "fa", image: IMAGE }),
    entry("2", "2021-06-01T09:00:00Z", { language: "en" }),
    entry("3", "2021-06-01T07:00:00Z", { image: { src: "https://img.example/a.jpg" } }),
  ];

  it("Atom: xml:lang only where the entry's language differs from the feed's; the image as media:content", () => {
    const feed = parseXml(atomFeed(ctx, entries));
    expect(feed.attrs["xmlns:media"]).toBe("http://search.yahoo.com/mrss/");
    const [english, persian, plain] = kids(feed, "entry");
    expect([english.attrs, persian.attrs, plain.attrs]).toEqual([{}, { "xml:lang": "fa" }, {}]);
    expect(one(persian, "media:content").attrs).toEqual({ url: IMAGE.src, medium: "image", width: "1280", height: "720" });
    expect(textOf(one(persian, "media:content"), "media:description")).toBe("Ships");
    expect(one(plain, "media:content")).toEqual({ name: "media:content", attrs: { url: "https://img.example/a.jpg", medium: "image" }, children: [] });
    expect(kids(english, "media:content")).toEqual([]);
    // A feed in Persian marks the English entry instead (an entry naming no language has the feed's).
    const persianFeed = parseXml(atomFeed({ ...ctx, language: "fa" }, entries));
    expect(kids(persianFeed, "entry").map((e) => e.attrs["xml:lang"])).toEqual(["en", undefined, undefined]);
  });

  it("RSS: dc:language on an item whose language differs from the channel's", () => {
    const channel = one(parseXml(rssFeed(ctx, entries)), "channel");
    expect(textOf(channel, "language")).toBe("en");
    expect(kids(channel, "item").map((i) => kids(i, "dc:language").map(text))).toEqual([[], ["fa"], []]);
    expect(textOf(one(parseXml(rssFeed({ ...ctx, language: "fa" }, entries)), "channel"), "language")).toBe("fa");
  });
});

describe("item 3: a sitemap file's lastmod in the index", () => {
  it("is the newest lastmod inside the file, a corrected old article's included", () => {
    const entries = [entry("1", "2021-06-01T08:00:00Z"), entry("2", "2019-03-01", { modified: "2021-07-01T10:00:00Z" })];
    const inside = kids(parseXml(sitemapXml(ctx, entries)), "url").map((u) => textOf(u, "lastmod"));
    expect(new Date(sitemapLastmod(entries)!).toISOString().replace(".000Z", "Z")).toBe(inside.sort().at(-1));
    expect(sitemapLastmod(entries)).toBe(Date.UTC(2021, 6, 1, 10));
    expect(sitemapLastmod([])).toBeUndefined();
  });
});

describe("item 5: llms.txt links", () => {
  const slug = (names: string[]) => "/" + names.join("/");
  it("are [title](url) where the URL needs no brackets, and <url> only where CommonMark needs them", () => {
    const text = llmsTxt({ siteName: "Press TV", origin: ORIGIN }, [{ ...entry("1", "2021-06-01"), section: ["News", "Middle East"] }], slug);
    expect(text).toContain(`- [Story 1](${ORIGIN}/Detail/2021/06/01/1/x): News / Middle East, 2021-06-01`);
    expect(text).toContain(`- [News](${ORIGIN}/News)`);
    // A space (or a parenthesis) in a URL: the destination must be bracketed, with < > \ encoded.
    expect(text).toContain(`- [News / Middle East](<${ORIGIN}/News/Middle East>)`);
    const odd = llmsTxt({ siteName: "P", origin: ORIGIN }, [{ ...entry("2", "2021-06-01"), section: ["A(b)", "C<d>\\"] }], slug);
    expect(odd).toContain(`- [A(b)](<${ORIGIN}/A(b)>)`);
    expect(odd).toContain(`(<${ORIGIN}/A(b)/C%3Cd%3E%5C>)`);
  });
});

describe("item 4: og:locale and twitter:site", () => {
  it.each([
    ["en", "en_US"],
    ["fa", "fa_IR"],
    ["pt-BR", "pt_BR"],
    ["ar", "ar_EG"],
  ])("og:locale for %j is %j", (language, locale) => {
    expect(ogLocale(language)).toBe(locale);
  });

  it.each([
    ["@PressTV", "@PressTV"],
    ["PressTV", undefined],
    ["", undefined],
    [undefined, undefined],
    ["not a handle", undefined],
    ["@a_very_long_handle_x", undefined],
  ])("twitter:site for SITE_TWITTER %j is %j", (value, handle) => {
    expect(twitterHandle(value)).toBe(handle);
  });
});
