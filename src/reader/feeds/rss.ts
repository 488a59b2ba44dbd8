/**
 * @module
 * RSS 2.0 (https://www.rssboard.org/rss-specification) with an Atom `rel="self"` link, the full
 * body in `content:encoded` (RSS 1.0 content module) and the lead image as `media:content` (Media RSS).
 */

import { absoluteUrl, articleTagUri, dated, type FeedContext, type FeedEntry, MAX_FEED_ITEMS, newest, rfc822Date } from "./entries.ts";
import { mediaContent } from "./atom.ts";
import { el, xmlDocument } from "./xml.ts";

/** Plain text as HTML text: only what HTML would read as markup is escaped (quotes stay as they are). */
export function htmlText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
}

/**
 * The newest `limit` entries as an RSS 2.0 document. Each `guid` is the article's tag URI with
 * `isPermaLink="false"`: the canonical URL contains the slug, which changes when a headline is
 * corrected, and a changed guid makes readers show the article again as new. RSS has no language per
 * item: one in another language than the channel's carries Dublin Core's `dc:language`.
 */
export function rssFeed(ctx: FeedContext, entries: readonly FeedEntry[], limit = MAX_FEED_ITEMS): string {
  const items = dated(entries).slice(0, limit);
  const updated = newest(items);
  const language = ctx.language ?? "en";
  return xmlDocument(
    el(
      "rss",
      {
        version: "2.0",
        "xmlns:atom": "http://www.w3.org/2005/Atom",
        "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        "xmlns:media": "http://search.yahoo.com/mrss/",
        "xmlns:dc": "http://purl.org/dc/elements/1.1/",
      },
      el(
        "channel",
        {},
        el("title", {}, ctx.title),
        el("link", {}, absoluteUrl(ctx.linkOrigin, ctx.htmlPath ?? "/")),
        el("description", {}, ctx.description ?? `Latest news from ${ctx.siteName}`),
        el("language", {}, language),
        updated !== undefined && el("lastBuildDate", {}, rfc822Date(updated)),
        el("atom:link", { href: ctx.selfUrl, rel: "self", type: "application/rss+xml" }),
        ctx.hub ? el("atom:link", { href: ctx.hub, rel: "hub" }) : undefined,
        ...items.map((e) =>
          el(
            "item",
            {},
            el("title", {}, e.headline),
            el("link", {}, absoluteUrl(ctx.linkOrigin, e.path)),
            el("guid", { isPermaLink: "false" }, articleTagUri(ctx.canonicalOrigin, e.id)),
            el("pubDate", {}, rfc822Date(e.publishedMs)),
            // RSS `author` must be an e-mail address; Dublin Core's creator takes a name. Unsigned, the
            // publisher is the author, as Atom says (its feed's author) and the page's JSON-LD.
            ...(e.authors?.length ? e.authors : [{ name: ctx.siteName }]).map((a) => el("dc:creator", {}, a.name)),
            ...e.section.map((name) => el("category", {}, name)),
            e.language && e.language !== language && el("dc:language", {}, e.language),
            // "the description contains the text (entity-encoded HTML is allowed)": readers render it as
            // HTML, so the plain-text summary is HTML-escaped first (`&`, `<`, `>`: what HTML text needs;
            // an apostrophe as `&apos;` reached readers as "Syria&apos;s") and XML-escaped by `el` on top.
            e.description !== undefined && el("description", {}, htmlText(e.description)),
            // The content module: "the content MUST be … entity-encoded" HTML, which `el` does to the string.
            e.contentHtml !== undefined && el("content:encoded", {}, e.contentHtml),
            mediaContent(e.image),
          ),
        ),
      ),
    ),
  );
}
