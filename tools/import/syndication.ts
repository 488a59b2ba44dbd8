/**
 * @module
 * RSS 2.0 and Atom feeds as published: each item an article, with its full content where the feed
 * has it (`content:encoded`, Atom `content`), else its summary (`description`, `summary`). Dates
 * keep their offsets; authors are `dc:creator`/`author`; categories become tags (a feed names no
 * section: items go to `--section`); a lead image from `media:content` when the body has none. The
 * item's `link` path is its old path.
 */

import { attr, list, parseXml, raw, text } from "./xml-read.ts";
import { distinct, isoDate, modifiedAfter, type Parsed, type ParseOptions, plainText, rfc822Date, type SourceItem } from "./items.ts";

export function isFeed(root: Record<string, unknown>): "rss" | "atom" | undefined {
  if (root.rss && typeof root.rss === "object") return "rss";
  if (root.feed && typeof root.feed === "object") return "atom";
  return undefined;
}

/** The largest image of `media:content`, as a figure in front of the body (HTML, converted with the rest). */
function leadImage(item: Record<string, unknown>, headline: string, credit: string): string {
  const images = list(item["media:content"]).filter((m) => attr(m, "url") && (!attr(m, "medium") || attr(m, "medium") === "image"));
  const best = images.sort((a, b) => Number(attr(b, "width") || 0) - Number(attr(a, "width") || 0))[0];
  if (!best) return "";
  const caption = plainText(text(best["media:description"])) || headline;
  const by = text(best["media:credit"]) || credit;
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  return `<figure><img src="${esc(attr(best, "url"))}" alt=""><figcaption>${esc(caption)}<cite>${esc(by)}</cite></figcaption></figure>`;
}

export function parseFeed(xml: string, options: ParseOptions): Parsed {
  const root = parseXml(xml);
  const kind = isFeed(root)!;
  const parsed: Parsed = { format: kind, title: "", items: [], sections: [], ignored: {} };
  if (kind === "rss") {
    const channel = ((root.rss as Record<string, unknown>).channel ?? {}) as Record<string, unknown>;
    parsed.title = plainText(text(channel.title));
    for (const item of list(channel.item)) {
      const link = text(item.link);
      const guid = text(item.guid) || link;
      const headline = plainText(text(item.title)).slice(0, 300).trim();
      const published = rfc822Date(text(item.pubDate)) ?? isoDate(text(item["dc:date"]));
      const full = raw(item["content:encoded"]);
      const summary = raw(item.description);
      const creators = [...list(item["dc:creator"]).map((c) => text(c)), ...list(item.author).map((a) => text(a))];
      const tags = distinct(
        list(item.category).map((c) => text(c)),
        30,
        100,
      );
      parsed.items.push(
        entry(
          `feed:${guid}`,
          headline,
          link,
          published,
          undefined,
          creators,
          tags,
          leadImage(item, headline, parsed.title) + (full.trim() ? full : summary),
          options,
        ),
      );
    }
  } else {
    const feed = root.feed as Record<string, unknown>;
    parsed.title = plainText(text(feed.title));
    const feedAuthors = list(feed.author).map((a) => text(a.name));
    const base = list(feed.link).find((l) => (attr(l, "rel") || "alternate") === "alternate");
    for (const e of list(feed.entry)) {
      const links = list(e.link);
      const alternate = links.find((l) => (attr(l, "rel") || "alternate") === "alternate") ?? links[0];
      const href = alternate ? attr(alternate, "href") : "";
      const link = href && base && URL.canParse(href, attr(base, "href")) ? new URL(href, attr(base, "href")).href : href;
      const headline = plainText(atomText(e.title)).slice(0, 300).trim();
      const published = isoDate(text(e.published)) ?? isoDate(text(e.updated));
      const authors = list(e.author).map((a) => text(a.name));
      const tags = distinct(
        list(e.category).map((c) => attr(c, "label") || attr(c, "term")),
        30,
        100,
      );
      const body = atomText(e.content).trim() ? atomText(e.content) : atomText(e.summary);
      parsed.items.push(
        entry(`feed:${text(e.id) || link}`, headline, link, published, isoDate(text(e.updated)), authors.length ? authors : feedAuthors, tags, body, options),
      );
    }
  }
  return parsed;
}

/** An Atom text construct as HTML: `html` as it is, `text` escaped, `xhtml` (a div) as its markup. */
function atomText(value: unknown): string {
  if (value === undefined) return "";
  const node = (typeof value === "object" && value !== null ? value : { "#text": value }) as Record<string, unknown>;
  const type = attr(node, "type") || "text";
  if (type === "xhtml") return raw(node.div ?? node);
  const t = raw(node);
  return type === "text"
    ? t
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/\n\s*\n/g, "</p><p>")
    : t;
}

function entry(
  source: string,
  headline: string,
  link: string,
  published: string | undefined,
  updated: string | undefined,
  authors: string[],
  tags: string[],
  html: string,
  options: ParseOptions,
): SourceItem {
  const names = distinct(authors, 20, 200);
  const item: SourceItem = {
    source,
    label: `${JSON.stringify(headline)} (${link || source})`,
    article: {
      section: [options.section],
      headline,
      ...(published && { published }),
      ...modifiedAfter(published, updated),
      ...(names.length && { authors: names.map((name) => ({ name })) }),
      ...(tags.length && { tags }),
    },
    html,
    base: link || undefined,
    oldPaths: link ? [link] : [],
  };
  if (!published) item.refused = "the item has no date (pubDate, dc:date, published or updated)";
  return item;
}
