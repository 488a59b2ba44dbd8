/**
 * @module
 * Atom 1.0 (RFC 4287).
 */

import { absoluteUrl, articleTagUri, dated, type FeedContext, type FeedEntry, isoDate, MAX_FEED_ITEMS, newest } from "./entries.ts";
import { el, type Xml, xmlDocument } from "./xml.ts";

/** Media RSS's `media:content` for a lead image: what RSS items carry, and feed readers read in Atom too. */
export function mediaContent(image: FeedEntry["image"]): Xml | undefined {
  return (
    image &&
    el(
      "media:content",
      { url: image.src, medium: "image", width: image.width?.toString(), height: image.height?.toString() },
      image.alt && el("media:description", { type: "plain" }, image.alt),
    )
  );
}

/**
 * The newest `limit` entries as an Atom feed. The feed id is the canonical form of `selfUrl` and
 * entry ids are the articles' tag URIs, so neither changes with the host that serves the feed.
 * RFC 4287 §4.2.15 requires `updated`; a feed with no entries uses `now`. An entry in another language
 * than the feed's says so (`xml:lang`, RFC 4287 §2), and a lead image is `media:content`, as in RSS.
 */
export function atomFeed(ctx: FeedContext, entries: readonly FeedEntry[], limit = MAX_FEED_ITEMS): string {
  const items = dated(entries).slice(0, limit);
  const self = new URL(ctx.selfUrl);
  const language = ctx.language ?? "en";
  return xmlDocument(
    el(
      "feed",
      { xmlns: "http://www.w3.org/2005/Atom", "xmlns:media": "http://search.yahoo.com/mrss/", "xml:lang": language },
      el("id", {}, absoluteUrl(ctx.canonicalOrigin, self.pathname + self.search)),
      el("title", {}, ctx.title),
      el("subtitle", {}, ctx.description ?? `Latest news from ${ctx.siteName}`),
      el("updated", {}, isoDate(newest(items) ?? ctx.now)),
      el("link", { rel: "self", type: "application/atom+xml", href: ctx.selfUrl }),
      ctx.hub ? el("link", { rel: "hub", href: ctx.hub }) : undefined,
      el("link", { rel: "alternate", type: "text/html", href: absoluteUrl(ctx.linkOrigin, ctx.htmlPath ?? "/") }),
      el("author", {}, el("name", {}, ctx.siteName)),
      ...items.map((e) =>
        el(
          "entry",
          { "xml:lang": e.language && e.language !== language ? e.language : undefined },
          el("id", {}, articleTagUri(ctx.canonicalOrigin, e.id)),
          el("title", {}, e.headline),
          el("link", { rel: "alternate", type: "text/html", href: absoluteUrl(ctx.linkOrigin, e.path) }),
          el("published", {}, isoDate(e.publishedMs)),
          el("updated", {}, isoDate(e.modifiedMs)),
          // Unsigned: the publisher, named on the entry too (RFC 4287 lets it inherit the feed's author,
          // which not every reader does), as RSS's dc:creator names it.
          ...(e.authors?.length ? e.authors : [{ name: ctx.siteName, url: undefined }]).map((a) =>
            el("author", {}, el("name", {}, a.name), a.url && el("uri", {}, a.url)),
          ),
          ...e.section.map((term) => el("category", { term })),
          e.description !== undefined && el("summary", { type: "text" }, e.description),
          // RFC 4287 §3.1.1.2: type="html" content is escaped HTML, which `el` does to the string.
          e.contentHtml !== undefined && el("content", { type: "html" }, e.contentHtml),
          mediaContent(e.image),
        ),
      ),
    ),
  );
}
