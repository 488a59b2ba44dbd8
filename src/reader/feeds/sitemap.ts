/**
 * @module
 * sitemap.xml (https://www.sitemaps.org/protocol.html) and the Google News sitemap
 * (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap).
 * Both always list canonical URLs, whichever host serves them.
 */

import { absoluteUrl, dated, type FeedContext, type FeedEntry, isoDate, newest } from "./entries.ts";
import { el, xmlDocument } from "./xml.ts";

const SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9";

/** "A Sitemap file can contain no more than 50,000 URLs"; the front page takes one of them. */
export const MAX_SITEMAP_URLS = 50_000;
/** Google News: "Include no more than 1,000 news:news tags in your news sitemap". */
export const MAX_NEWS_URLS = 1000;
/** Google News: "Only include articles that were published in the last two days". */
export const NEWS_WINDOW_MS = 48 * 60 * 60 * 1000;

/** The front page, then every article (newest first), with `lastmod` = last modification. */
export function sitemapXml(ctx: Pick<FeedContext, "canonicalOrigin">, entries: readonly FeedEntry[]): string {
  const items = dated(entries).slice(0, MAX_SITEMAP_URLS - 1);
  const home = newest(items);
  return xmlDocument(
    el(
      "urlset",
      { xmlns: SITEMAP_NS },
      el("url", {}, el("loc", {}, absoluteUrl(ctx.canonicalOrigin, "/")), home !== undefined && el("lastmod", {}, isoDate(home))),
      ...items.map((e) => el("url", {}, el("loc", {}, absoluteUrl(ctx.canonicalOrigin, e.path)), el("lastmod", {}, isoDate(e.modifiedMs)))),
    ),
  );
}

/**
 * A BCP 47 tag as Google News wants it: the ISO 639 language code alone (`pt-BR` → `pt`), except
 * Chinese, which is `zh-cn` (Simplified) or `zh-tw` (Traditional).
 */
export function newsLanguage(tag: string): string {
  const language = tag.toLowerCase().split("-")[0];
  return language !== "zh" ? language : /-(hant|tw|hk|mo)\b/i.test(tag) ? "zh-tw" : "zh-cn";
}

/**
 * Articles published in the 48 hours up to and including `now` (none from the future), newest first,
 * at most 1000. With none, the sitemap 0.9 schema still requires one `url` in a `urlset`: the front
 * page, with no `news:news`, so nothing old is announced as news and the file stays valid. Its
 * `lastmod` is the newest change among the entries given, so it is never stale either.
 */
export function newsSitemapXml(ctx: Pick<FeedContext, "canonicalOrigin" | "siteName" | "language" | "now">, entries: readonly FeedEntry[]): string {
  const items = dated(entries)
    .filter((e) => e.publishedMs <= ctx.now && e.publishedMs >= ctx.now - NEWS_WINDOW_MS)
    .slice(0, MAX_NEWS_URLS);
  // Each article's own language, so a Persian article is not announced as English.
  const publication = (language = ctx.language ?? "en") =>
    el("news:publication", {}, el("news:name", {}, ctx.siteName), el("news:language", {}, newsLanguage(language)));
  const home = newest(dated(entries));
  const frontPage =
    items.length === 0 && el("url", {}, el("loc", {}, absoluteUrl(ctx.canonicalOrigin, "/")), home !== undefined && el("lastmod", {}, isoDate(home)));
  return xmlDocument(
    el(
      "urlset",
      { xmlns: SITEMAP_NS, "xmlns:news": NEWS_NS },
      frontPage,
      ...items.map((e) =>
        el(
          "url",
          {},
          el("loc", {}, absoluteUrl(ctx.canonicalOrigin, e.path)),
          el("news:news", {}, publication(e.language), el("news:publication_date", {}, isoDate(e.publishedMs)), el("news:title", {}, e.headline)),
        ),
      ),
    ),
  );
}

/** What a sitemap file's `lastmod` in the index must be: the newest `lastmod` inside it (`sitemapXml`'s). */
export function sitemapLastmod(entries: readonly FeedEntry[]): number | undefined {
  return newest(dated(entries).slice(0, MAX_SITEMAP_URLS - 1));
}

/** A sitemap index (https://www.sitemaps.org/protocol.html#index) naming each sitemap by absolute URL. */
export function sitemapIndexXml(origin: string, sitemaps: readonly { path: string; lastmod?: number }[]): string {
  return xmlDocument(
    el(
      "sitemapindex",
      { xmlns: SITEMAP_NS },
      ...sitemaps.map((s) => el("sitemap", {}, el("loc", {}, absoluteUrl(origin, s.path)), s.lastmod !== undefined && el("lastmod", {}, isoDate(s.lastmod)))),
    ),
  );
}
