// Sitemaps in plain Node: each article's own language in the Google News sitemap, and each sitemap's
// lastmod in the index the newest inside it.
import { describe, expect, it } from "vitest";
import { type FeedContext, type FeedEntry, newsLanguage, newsSitemapXml, sitemapLastmod, sitemapXml } from "../../../src/reader/feeds/formats.ts";
import { kids, one, parseXml, textOf } from "../../support/xml.ts";

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

describe("news:language per article (issue 23, item 1)", () => {
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

describe("a sitemap file's lastmod in the index (issue 23, item 3)", () => {
  it("is the newest lastmod inside the file, a corrected old article's included", () => {
    const entries = [entry("1", "2021-06-01T08:00:00Z"), entry("2", "2019-03-01", { modified: "2021-07-01T10:00:00Z" })];
    const inside = kids(parseXml(sitemapXml(ctx, entries)), "url").map((u) => textOf(u, "lastmod"));
    expect(new Date(sitemapLastmod(entries)!).toISOString().replace(".000Z", "Z")).toBe(inside.sort().at(-1));
    expect(sitemapLastmod(entries)).toBe(Date.UTC(2021, 6, 1, 10));
    expect(sitemapLastmod([])).toBeUndefined();
  });
});
