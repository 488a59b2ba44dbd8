/**
 * @module
 * Feeds, sitemaps and robots.txt: pure functions from index entries to response bodies.
 */

export { atomFeed } from "./atom.ts";
export { articleTagUri, type FeedContext, type FeedEntry, MAX_FEED_ITEMS } from "./entries.ts";
export { llmsTxt } from "./llms.ts";
export { robotsTxt } from "./robots.ts";
export { rssFeed } from "./rss.ts";
export { MAX_NEWS_URLS, MAX_SITEMAP_URLS, NEWS_WINDOW_MS, newsLanguage, newsSitemapXml, sitemapIndexXml, sitemapLastmod, sitemapXml } from "./sitemap.ts";

/** The `Content-Type` to serve each body with. */
export const FEED_CONTENT_TYPES = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  sitemap: "application/xml; charset=utf-8",
  robots: "text/plain; charset=utf-8",
  // llms.txt is Markdown, served as text/plain as the format's examples are, so a browser shows it.
  llms: "text/plain; charset=utf-8",
} as const;
