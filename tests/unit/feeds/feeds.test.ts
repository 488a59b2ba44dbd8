// Unit tests for src/feeds. workerd has no DOMParser and no XML package is installed, so every
// output goes through `parseXml` below: a small strict XML 1.0 + Namespaces checker (a subset: no
// DOCTYPE, no processing instructions after the declaration) that also returns a tree to assert on.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { absoluteUrl, dated } from "../../../src/reader/feeds/entries.ts";
import {
  articleTagUri,
  atomFeed,
  type FeedContext,
  type FeedEntry,
  NEWS_WINDOW_MS,
  newsSitemapXml,
  robotsTxt,
  rssFeed,
  sitemapXml,
} from "../../../src/reader/feeds/formats.ts";
import { sitemapIndexXml } from "../../../src/reader/feeds/sitemap.ts";
import { el, escapeAttr, escapeXml, xmlChars, xmlDocument } from "../../../src/reader/feeds/xml.ts";
import { elements, kids, one, parseXml, text, textOf } from "../../support/xml.ts";

describe("the XML checker used by these tests", () => {
  it("accepts a well-formed document and returns its tree", () => {
    const root = parseXml(`<?xml version="1.0" encoding="UTF-8"?>\n<!-- c --><a xmlns:n="urn:x" k='v &amp; &#x3C;w&#62;'><n:b/>t&lt;<![CDATA[<raw>]]></a>\n`);
    expect(root).toEqual({ name: "a", attrs: { "xmlns:n": "urn:x", k: "v & <w>" }, children: [{ name: "n:b", attrs: {}, children: [] }, "t<", "<raw>"] });
  });

  it.each([
    ["unclosed element", "<a><b></a>"],
    ["mismatched end tag", "<a></b>"],
    ["unquoted attribute", "<a k=v/>"],
    ["duplicate attribute", '<a k="1" k="2"/>'],
    ["attributes without whitespace", '<a k="1"j="2"/>'],
    ["raw ampersand", "<a>fish & chips</a>"],
    ["undefined entity", "<a>&nbsp;</a>"],
    ["'<' in an attribute", '<a k="<"/>'],
    ["'>' sequence ']]>' in text", "<a>]]></a>"],
    ["control character", "<a>\u0001</a>"],
    ["reference to a control character", "<a>&#0;</a>"],
    ["lone surrogate", "<a>\uD800</a>"],
    ["U+FFFE", "<a>\uFFFE</a>"],
    ["two roots", "<a/><b/>"],
    ["text after root", "<a/>x"],
    ["undeclared prefix", "<atom:link/>"],
    ["DOCTYPE", "<!DOCTYPE a><a/>"],
  ])("rejects %s", (_, doc) => {
    expect(() => parseXml(doc)).toThrow();
  });
});

// ---------------------------------------------------------------------------------------------
// Fixtures

const CANONICAL = "https://www.presstv.ir";
const MIRROR = "https://news.example.workers.dev";
const NOW = Date.UTC(2024, 4, 12, 12, 0, 0); // 2024-05-12T12:00:00Z
const HOSTILE = `<script>alert("x")</script> & 'quoted' ]]> &amp;`;

const SEED: FeedEntry = {
  id: "100001",
  path: "/Detail/2020/02/27/100001/34-Turkish-troops-killed-in-Syrias-Idlib-as-govt-forces-continue-gains",
  headline: "34 Turkish troops killed in Syria's Idlib as govt. forces continue gains",
  section: ["Middle East", "Syria"],
  published: "2020-02-27",
  modified: "2020-02-28T09:15:00+03:30",
  description: "At least 34 Turkish soldiers have been killed in an airstrike in Idlib.",
};

function entry(id: number, published: string, extra: Partial<FeedEntry> = {}): FeedEntry {
  return {
    id: String(id),
    path: `/Detail/${published.slice(0, 10).replaceAll("-", "/")}/${id}/Story-${id}`,
    headline: `Story ${id}`,
    section: ["World"],
    published,
    modified: published,
    ...extra,
  };
}

function context(extra: Partial<FeedContext> = {}): FeedContext {
  return { siteName: "Press TV", canonicalOrigin: CANONICAL, linkOrigin: CANONICAL, selfUrl: `${CANONICAL}/rss.xml`, title: "Press TV", now: NOW, ...extra };
}

const rss = (entries: FeedEntry[], ctx = context()) => one(parseXml(rssFeed(ctx, entries)), "channel");
const atom = (entries: FeedEntry[], ctx = context({ selfUrl: `${CANONICAL}/atom.xml` })) => parseXml(atomFeed(ctx, entries));

// ---------------------------------------------------------------------------------------------
// xml.ts

describe("XML escaping", () => {
  it("escapes the five special characters in text and attributes", () => {
    expect(escapeXml(`<a href="x">&'`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;");
    const root = parseXml(xmlDocument(el("a", { k: HOSTILE }, HOSTILE)));
    expect(root.attrs.k).toBe(HOSTILE);
    expect(text(root)).toBe(HOSTILE);
  });

  it("removes exactly the characters XML 1.0 forbids", () => {
    const forbidden = ["\u0000", "\u0008", "\u000B", "\u000C", "\u000E", "\u001F", "\uFFFE", "\uFFFF", "\uD800", "\uDBFF", "\uDC00", "\uDFFF"];
    const allowed = ["\t", "\n", "\r", " ", "\u007F", "\u0085", "\uD7FF", "\uE000", "\uFFFD", "😀", "\u{10FFFF}", "ش"];
    expect(xmlChars(forbidden.join("x"))).toBe("x".repeat(forbidden.length - 1));
    expect(xmlChars(allowed.join(""))).toBe(allowed.join(""));
    // A surrogate pair is one character and stays; reversed, it is two lone surrogates and goes.
    expect(xmlChars("\uD83D\uDE00")).toBe("😀");
    expect(xmlChars("\uDE00\uD83D")).toBe("");
  });

  it("round-trips any string, less forbidden characters, through content and attributes", () => {
    const codePoint = fc.integer({ min: 0, max: 0x10ffff }).map((c) => (c >= 0xd800 && c <= 0xdfff ? String.fromCharCode(c) : String.fromCodePoint(c)));
    const unit = fc.oneof(codePoint, fc.constantFrom("&", "<", ">", '"', "'", "\t", "\n", "\r", "\r\n", "]]>", "&amp;"));
    fc.assert(
      fc.property(fc.string({ unit }), (s) => {
        const root = parseXml(`<a k="${escapeAttr(s)}">${escapeXml(s)}</a>`);
        expect(root.attrs.k).toBe(xmlChars(s));
        expect(text(root)).toBe(xmlChars(s));
      }),
      { numRuns: 500 },
    );
  });

  it("builds elements: empty ones self-close, missing children are left out", () => {
    expect(el("a", { x: undefined, y: "1" }, undefined, false, null).xml).toBe('<a y="1"/>');
    expect(el("a", {}, "t").xml).toBe("<a>t</a>");
    expect(el("a", {}, el("b"), "<").xml).toBe("<a>\n<b/>\n&lt;\n</a>");
  });
});

// ---------------------------------------------------------------------------------------------
// Shared rules

describe("entries", () => {
  it("orders newest first, drops entries without a valid published date, never lets modified precede published", () => {
    const list = dated([
      entry(1, "2024-05-01"),
      entry(2, "not a date"),
      entry(3, "2024-05-03T00:00:00+05:00"), // 2024-05-02T19:00Z
      entry(4, "2024-05-02T20:00:00Z", { modified: "2024-05-01" }),
      entry(5, "2024-02-30"),
      entry(6, "2024-05-01"),
    ]);
    expect(list.map((e) => e.id)).toEqual(["4", "3", "6", "1"]);
    expect(list[0].modifiedMs).toBe(Date.UTC(2024, 4, 2, 20));
    expect(list[2].publishedMs).toBe(Date.UTC(2024, 4, 1)); // date-only: start of the UTC day
  });

  it("makes ids from the canonical host and the article id only", () => {
    expect(articleTagUri(CANONICAL, "100001")).toBe("tag:www.presstv.ir,2020:article:100001");
    expect(articleTagUri(`${CANONICAL}/`, "100001")).toBe("tag:www.presstv.ir,2020:article:100001");
    expect(articleTagUri(CANONICAL, "100002")).not.toBe(articleTagUri(CANONICAL, "100001"));
    expect(absoluteUrl(`${CANONICAL}/`, "/x")).toBe(`${CANONICAL}/x`);
  });
});

// ---------------------------------------------------------------------------------------------
// RSS

describe("RSS 2.0", () => {
  it("has the channel elements and an atom:link to itself", () => {
    const doc = parseXml(rssFeed(context({ description: "News & views" }), [SEED]));
    expect(doc.name).toBe("rss");
    expect(doc.attrs).toEqual({
      version: "2.0",
      "xmlns:atom": "http://www.w3.org/2005/Atom",
      "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
      "xmlns:media": "http://search.yahoo.com/mrss/",
      "xmlns:dc": "http://purl.org/dc/elements/1.1/",
    });
    const channel = one(doc, "channel");
    expect(textOf(channel, "title")).toBe("Press TV");
    expect(textOf(channel, "link")).toBe(`${CANONICAL}/`);
    expect(textOf(channel, "description")).toBe("News & views");
    expect(textOf(channel, "language")).toBe("en");
    expect(textOf(channel, "lastBuildDate")).toBe("Fri, 28 Feb 2020 05:45:00 GMT");
    expect(one(channel, "atom:link").attrs).toEqual({ href: `${CANONICAL}/rss.xml`, rel: "self", type: "application/rss+xml" });
  });

  it("describes each item with a stable guid, an RFC 822 date, categories and a summary", () => {
    const [item] = kids(rss([SEED]), "item");
    expect(elements(item).map((e) => e.name)).toEqual(["title", "link", "guid", "pubDate", "dc:creator", "category", "category", "description"]);
    // Unsigned: the publisher, as the Atom entry and the page's JSON-LD name it (issue 34, item 16).
    expect(textOf(item, "dc:creator")).toBe("Press TV");
    expect(kids(one(atom([SEED]), "entry"), "author").map((a) => textOf(a, "name"))).toEqual(["Press TV"]);
    expect(textOf(item, "title")).toBe(SEED.headline);
    expect(textOf(item, "link")).toBe(CANONICAL + SEED.path);
    expect(one(item, "guid").attrs).toEqual({ isPermaLink: "false" });
    expect(textOf(item, "guid")).toBe("tag:www.presstv.ir,2020:article:100001");
    expect(textOf(item, "pubDate")).toBe("Thu, 27 Feb 2020 00:00:00 GMT");
    expect(kids(item, "category").map(text)).toEqual(["Middle East", "Syria"]);
    expect(textOf(item, "description")).toBe(SEED.description);
  });

  it("carries the full body as entity-encoded HTML in content:encoded and the lead image as media:content", () => {
    const html = `<p>Fish &amp; chips <a href="https://x.example/?a=1&amp;b=2">here</a></p><figure><figcaption>${HOSTILE}</figcaption></figure>`;
    const [item] = kids(rss([{ ...SEED, contentHtml: html, image: { src: "https://img.example/a.jpg?x=1&y=2", alt: "A & B" } }]), "item");
    expect(
      elements(item)
        .map((e) => e.name)
        .slice(-3),
    ).toEqual(["description", "content:encoded", "media:content"]);
    expect(textOf(item, "content:encoded")).toBe(html);
    const media = one(item, "media:content");
    expect(media.attrs).toEqual({ url: "https://img.example/a.jpg?x=1&y=2", medium: "image" });
    expect(textOf(media, "media:description")).toBe("A & B");
  });

  it("names each author as dc:creator, and in Atom as author with uri", () => {
    const authors = [{ name: "Jane Doe", url: "https://example.com/jane" }, { name: HOSTILE }];
    const [item] = kids(rss([{ ...SEED, authors }]), "item");
    expect(kids(item, "dc:creator").map(text)).toEqual(["Jane Doe", HOSTILE]);
    const [e] = kids(atom([{ ...SEED, authors }]), "entry");
    expect(kids(e, "author").map((a) => [textOf(a, "name"), kids(a, "uri").map(text)])).toEqual([
      ["Jane Doe", ["https://example.com/jane"]],
      [HOSTILE, []],
    ]);
  });

  it("converts date-times with an offset to GMT", () => {
    const [item] = kids(rss([entry(7, "2024-05-12T10:30:00+03:30")]), "item");
    expect(textOf(item, "pubDate")).toBe("Sun, 12 May 2024 07:00:00 GMT");
  });

  it("keeps hostile text as text; the description is HTML-escaped because readers render it as HTML", () => {
    const out = rssFeed(context({ title: HOSTILE }), [{ ...SEED, headline: HOSTILE, section: [HOSTILE], description: HOSTILE }]);
    expect(out).not.toContain("<script>");
    const channel = one(parseXml(out), "channel");
    const [item] = kids(channel, "item");
    expect(textOf(channel, "title")).toBe(HOSTILE);
    expect(textOf(item, "title")).toBe(HOSTILE);
    expect(textOf(item, "category")).toBe(HOSTILE);
    // HTML-escaped where HTML needs it; quotes stay quotes (issue 34, item 16: `&apos;` reached readers as text).
    expect(textOf(item, "description")).toBe(`&lt;script&gt;alert("x")&lt;/script&gt; &amp; 'quoted' ]]&gt; &amp;amp;`);
  });

  it("leaves out the description when the entry has none, and keeps at most the limit, newest first", () => {
    const entries = Array.from({ length: 60 }, (_, n) =>
      entry(200 + n, `2024-01-${String((n % 28) + 1).padStart(2, "0")}T00:00:${String(n % 60).padStart(2, "0")}Z`),
    );
    const items = kids(rss(entries), "item");
    expect(items).toHaveLength(50); // README: "RSS 2.0 and Atom … (50 newest)"
    expect(kids(items[0], "description")).toHaveLength(0);
    const times = items.map((i) => Date.parse(textOf(i, "pubDate")));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(kids(one(parseXml(rssFeed(context(), entries, 3)), "channel"), "item")).toHaveLength(3);
  });
});

// ---------------------------------------------------------------------------------------------
// Atom

describe("Atom 1.0", () => {
  it("has the feed-level elements", () => {
    const feed = atom([SEED, entry(9, "2019-01-01")]);
    expect(feed.name).toBe("feed");
    expect(feed.attrs).toEqual({ xmlns: "http://www.w3.org/2005/Atom", "xmlns:media": "http://search.yahoo.com/mrss/", "xml:lang": "en" });
    expect(textOf(feed, "id")).toBe(`${CANONICAL}/atom.xml`);
    expect(textOf(feed, "title")).toBe("Press TV");
    expect(textOf(feed, "subtitle")).toBe("Latest news from Press TV");
    expect(textOf(feed, "updated")).toBe("2020-02-28T05:45:00Z");
    expect(kids(feed, "link").map((l) => l.attrs)).toEqual([
      { rel: "self", type: "application/atom+xml", href: `${CANONICAL}/atom.xml` },
      { rel: "alternate", type: "text/html", href: `${CANONICAL}/` },
    ]);
    expect(textOf(one(feed, "author"), "name")).toBe("Press TV");
    expect(kids(feed, "entry").map((e) => textOf(e, "title"))).toEqual([SEED.headline, "Story 9"]);
  });

  it("describes each entry with a tag URI id, dates, categories and a text summary", () => {
    const [entryEl] = kids(atom([SEED]), "entry");
    expect(textOf(entryEl, "id")).toBe("tag:www.presstv.ir,2020:article:100001");
    expect(textOf(entryEl, "title")).toBe(SEED.headline);
    expect(one(entryEl, "link").attrs).toEqual({ rel: "alternate", type: "text/html", href: CANONICAL + SEED.path });
    expect(textOf(entryEl, "published")).toBe("2020-02-27T00:00:00Z");
    expect(textOf(entryEl, "updated")).toBe("2020-02-28T05:45:00Z");
    expect(kids(entryEl, "category").map((c) => c.attrs)).toEqual([{ term: "Middle East" }, { term: "Syria" }]);
    expect(one(entryEl, "summary").attrs).toEqual({ type: "text" });
    expect(textOf(entryEl, "summary")).toBe(SEED.description);
  });

  it("carries the full body as content type=html", () => {
    const html = `<p>Fish &amp; chips</p><h2>${HOSTILE}</h2>`;
    const [entryEl] = kids(atom([{ ...SEED, contentHtml: html }]), "entry");
    expect(
      elements(entryEl)
        .map((e) => e.name)
        .slice(-2),
    ).toEqual(["summary", "content"]);
    expect(one(entryEl, "content").attrs).toEqual({ type: "html" });
    expect(textOf(entryEl, "content")).toBe(html);
  });

  it("keeps hostile text as text", () => {
    const out = atomFeed(context({ title: HOSTILE, siteName: HOSTILE }), [{ ...SEED, headline: HOSTILE, section: [HOSTILE], description: HOSTILE }]);
    expect(out).not.toContain("<script>");
    const feed = parseXml(out);
    const [e] = kids(feed, "entry");
    expect([textOf(feed, "title"), textOf(one(feed, "author"), "name"), textOf(e, "title"), one(e, "category").attrs.term, textOf(e, "summary")]).toEqual(
      Array(5).fill(HOSTILE),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Sitemaps

describe("sitemap.xml", () => {
  it("lists the front page and every article with lastmod", () => {
    const set = parseXml(sitemapXml(context(), [entry(9, "2019-01-01"), SEED]));
    expect(set.name).toBe("urlset");
    expect(set.attrs).toEqual({ xmlns: "http://www.sitemaps.org/schemas/sitemap/0.9" });
    expect(kids(set, "url").map((u) => [textOf(u, "loc"), textOf(u, "lastmod")])).toEqual([
      [`${CANONICAL}/`, "2020-02-28T05:45:00Z"],
      [CANONICAL + SEED.path, "2020-02-28T05:45:00Z"],
      [`${CANONICAL}/Detail/2019/01/01/9/Story-9`, "2019-01-01T00:00:00Z"],
    ]);
  });
});

describe("Google News sitemap", () => {
  const H = 60 * 60 * 1000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const ids = (entries: FeedEntry[]) => kids(parseXml(newsSitemapXml(context(), entries)), "url").map((u) => textOf(u, "loc").split("/")[7]);

  it("has the news elements for each article", () => {
    const recent = { ...SEED, published: "2024-05-12T08:00:00+02:00", modified: "2024-05-12T08:00:00+02:00" };
    const set = parseXml(newsSitemapXml(context({ language: "en" }), [recent]));
    expect(set.attrs).toEqual({ xmlns: "http://www.sitemaps.org/schemas/sitemap/0.9", "xmlns:news": "http://www.google.com/schemas/sitemap-news/0.9" });
    const [url] = kids(set, "url");
    expect(textOf(url, "loc")).toBe(CANONICAL + SEED.path);
    const news = one(url, "news:news");
    expect(elements(news).map((e) => e.name)).toEqual(["news:publication", "news:publication_date", "news:title"]);
    expect(textOf(one(news, "news:publication"), "news:name")).toBe("Press TV");
    expect(textOf(one(news, "news:publication"), "news:language")).toBe("en");
    expect(textOf(news, "news:publication_date")).toBe("2024-05-12T06:00:00Z");
    expect(textOf(news, "news:title")).toBe(SEED.headline);
  });

  it("includes exactly the articles published from now - 48 h to now", () => {
    expect(NEWS_WINDOW_MS).toBe(48 * H);
    const list = [
      entry(1, iso(NOW + 1)), // a millisecond in the future
      entry(2, iso(NOW)),
      entry(3, "2024-05-12T15:30:00+03:30"), // 12:00Z = now, given with an offset
      entry(4, iso(NOW - 48 * H)),
      entry(5, iso(NOW - 48 * H - 1)),
      entry(6, "2024-05-11"), // date-only: 2024-05-11T00:00Z, inside
      entry(7, "2024-05-10"), // date-only: 2024-05-10T00:00Z, 60 h before
      entry(8, "2024-05-10T15:30:00+03:30"), // 12:00Z, exactly on the lower edge
    ];
    expect(ids(list)).toEqual(["3", "2", "6", "8", "4"]);
  });

  it("lists only the front page, with no news:news, when nothing is new (a urlset needs a url)", () => {
    const set = parseXml(newsSitemapXml(context(), [entry(1, "2024-05-01"), entry(2, "2024-05-03T10:00:00Z", { modified: "2024-05-04T10:00:00Z" })]));
    const urls = kids(set, "url");
    expect(urls).toHaveLength(1);
    expect(elements(urls[0]).map((e) => [e.name, text(e)])).toEqual([
      ["loc", `${CANONICAL}/`],
      ["lastmod", "2024-05-04T10:00:00Z"],
    ]);
    expect(kids(one(parseXml(newsSitemapXml(context(), [])), "url"), "lastmod")).toHaveLength(0);
  });

  it("keeps at most 1000 articles, the newest", () => {
    const list = Array.from({ length: 1200 }, (_, n) => entry(1000 + n, iso(NOW - n * 60_000)));
    const got = ids(list);
    expect(got).toHaveLength(1000);
    expect(got[0]).toBe("1000");
    expect(got.at(-1)).toBe("1999");
  });

  it("keeps hostile and forbidden characters out of the markup", () => {
    const headline = `${HOSTILE}\u0000\u0008\u000B\u000C\u001F\uFFFE\uFFFF\uDC00\uD800`; // reversed pair: two lone surrogates
    const out = newsSitemapXml(context({ siteName: HOSTILE }), [entry(1, iso(NOW), { headline })]);
    const news = one(one(parseXml(out), "url"), "news:news");
    expect(textOf(news, "news:title")).toBe(HOSTILE);
    expect(textOf(one(news, "news:publication"), "news:name")).toBe(HOSTILE);
  });
});

// ---------------------------------------------------------------------------------------------
// Across formats

describe("every format", () => {
  const ALL = {
    rss: (ctx: FeedContext, e: FeedEntry[]) => rssFeed(ctx, e),
    atom: (ctx: FeedContext, e: FeedEntry[]) => atomFeed(ctx, e),
    sitemap: (ctx: FeedContext, e: FeedEntry[]) => sitemapXml(ctx, e),
    news: (ctx: FeedContext, e: FeedEntry[]) => newsSitemapXml(ctx, e),
  };
  const FORMATS = Object.entries(ALL);
  const recent = (extra: Partial<FeedEntry> = {}) => entry(100001, "2024-05-12T06:00:00Z", { path: SEED.path, ...extra });

  it.each(FORMATS)("%s strips control characters, non-characters and lone surrogates", (_, make) => {
    const dirty = "A\u0000B\u0008C\u000BD\u000CE\u000EF\u001FG\uFFFEH\uFFFFI\uD800J\uDFFFK 😀";
    const out = make(context({ title: dirty, siteName: dirty }), [recent({ headline: dirty, section: [dirty], description: dirty, path: `/x/${dirty}` })]);
    expect(out).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(out).toContain("ABCDEFGHIJK 😀");
    parseXml(out);
  });

  it.each(FORMATS)("%s is well-formed and empty for an empty list", (name, make) => {
    const doc = parseXml(make(context(), []));
    const count = name === "rss" ? kids(one(doc, "channel"), "item").length : kids(doc, name === "atom" ? "entry" : "url").length;
    expect(count).toBe(name === "sitemap" || name === "news" ? 1 : 0); // both sitemaps still list the front page
  });

  it("give empty feeds the required dates only", () => {
    expect(kids(rss([]), "lastBuildDate")).toHaveLength(0);
    expect(textOf(atom([]), "updated")).toBe("2024-05-12T12:00:00Z"); // Atom requires one: now
    const [home] = kids(parseXml(sitemapXml(context(), [])), "url");
    expect(textOf(home, "loc")).toBe(`${CANONICAL}/`);
    expect(kids(home, "lastmod")).toHaveLength(0);
  });

  it("link to the mirror from a mirror's feeds, but keep ids and sitemap locations canonical", () => {
    const onMirror = context({ linkOrigin: MIRROR, selfUrl: `${MIRROR}/atom.xml?section=World` });
    const rssItem = one(rss([recent()], onMirror), "item");
    expect(textOf(rssItem, "link")).toBe(MIRROR + SEED.path);
    expect(textOf(rssItem, "guid")).toBe("tag:www.presstv.ir,2020:article:100001");
    expect(textOf(rss([recent()], onMirror), "link")).toBe(`${MIRROR}/`);

    const feed = atom([recent()], onMirror);
    expect(textOf(feed, "id")).toBe(`${CANONICAL}/atom.xml?section=World`);
    expect(kids(feed, "link").map((l) => l.attrs.href)).toEqual([`${MIRROR}/atom.xml?section=World`, `${MIRROR}/`]);
    const atomEntry = one(feed, "entry");
    expect(one(atomEntry, "link").attrs.href).toBe(MIRROR + SEED.path);
    expect(textOf(atomEntry, "id")).toBe("tag:www.presstv.ir,2020:article:100001");

    for (const out of [sitemapXml(onMirror, [recent()]), newsSitemapXml(onMirror, [recent()])]) {
      expect(out).not.toContain(MIRROR);
      expect(kids(parseXml(out), "url").map((u) => textOf(u, "loc"))).toContain(CANONICAL + SEED.path);
    }
  });

  it("keep an article's guid and id when its headline, slug or dates are corrected", () => {
    const before = recent();
    const after = recent({
      headline: "Corrected",
      path: "/Detail/2024/05/11/100001/Corrected",
      published: "2024-05-11T06:00:00Z",
      modified: "2024-05-12T09:00:00Z",
    });
    const guid = (e: FeedEntry) => textOf(one(rss([e]), "item"), "guid");
    const atomId = (e: FeedEntry) => textOf(one(atom([e]), "entry"), "id");
    expect(guid(after)).toBe(guid(before));
    expect(atomId(after)).toBe(atomId(before));
    expect(atomId(before)).toBe(guid(before));
    expect(guid(recent({ id: "100002" }))).not.toBe(guid(before));
  });
});

// ---------------------------------------------------------------------------------------------
// robots.txt

describe("robots.txt", () => {
  it("allows crawling and names each sitemap by absolute URL", () => {
    expect(robotsTxt(CANONICAL, ["/sitemap.xml", "/news-sitemap.xml"])).toBe(
      `User-agent: *\nAllow: /\n\nSitemap: ${CANONICAL}/sitemap.xml\nSitemap: ${CANONICAL}/news-sitemap.xml\n`,
    );
  });

  it("can disallow everything, and needs no sitemaps", () => {
    expect(robotsTxt(MIRROR, [], { disallowAll: true })).toBe("User-agent: *\nDisallow: /\n");
  });
});

// From edges-unit.test.ts: Edge cases that mutation testing (npm run test:mutation) showed no other test pinned: each block names the module, each case the behaviour a surviving mutant had changed. Plain Node.
describe("edge cases mutation testing found no test pinning", () => {
  const CANONICAL = "https://www.presstv.ir";
  function entry(n: number, published: string, extra: Partial<FeedEntry> = {}): FeedEntry {
    return { id: String(n), path: `/Detail/x/${n}/S`, headline: `Story ${n}`, section: ["News"], published, modified: published, ...extra };
  }
  const ctx = (over: Partial<FeedContext> = {}): FeedContext => ({
    siteName: "Press TV",
    canonicalOrigin: CANONICAL,
    linkOrigin: CANONICAL,
    selfUrl: `${CANONICAL}/rss.xml`,
    title: "Press TV",
    now: Date.parse("2024-05-12T12:00:00Z"),
    ...over,
  });

  describe("feeds", () => {
    it("absoluteUrl joins an origin with trailing slashes and a path with or without its leading one", () => {
      expect(absoluteUrl("https://x.example//", "/a")).toBe("https://x.example/a");
      expect(absoluteUrl("https://x.example", "a")).toBe("https://x.example/a");
    });

    it("el() joins several text parts with nothing between them", () => {
      expect(el("a", {}, "x", "y").xml).toBe("<a>xy</a>");
    });

    it("RSS defaults its link to the front page and its description to the site's", () => {
      const channel = one(parseXml(rssFeed(ctx(), [entry(1, "2024-01-01")])), "channel");
      expect(textOf(channel, "link")).toBe(`${CANONICAL}/`);
      expect(textOf(channel, "description")).toBe("Latest news from Press TV");
    });

    it("Atom keeps the limit, links the front page by default, and has no summary without a description", () => {
      const feed = parseXml(atomFeed(ctx(), [entry(1, "2024-01-03"), entry(2, "2024-01-02"), entry(3, "2024-01-01")], 2));
      expect(kids(feed, "entry")).toHaveLength(2);
      expect(kids(feed, "link").find((l) => l.attrs.rel === "alternate")?.attrs.href).toBe(`${CANONICAL}/`);
      expect(kids(kids(feed, "entry")[0], "summary")).toHaveLength(0);
    });

    it("the news sitemap names the publication's language, en unless told", () => {
      const lang = (c: FeedContext) => {
        const url = one(parseXml(newsSitemapXml(c, [entry(1, "2024-05-12T11:00:00Z")])), "url");
        return textOf(one(one(url, "news:news"), "news:publication"), "news:language");
      };
      expect(lang(ctx())).toBe("en");
      expect(lang(ctx({ language: "fa" }))).toBe("fa");
    });

    it("a sitemap index names each sitemap, with lastmod where known", () => {
      const index = parseXml(
        sitemapIndexXml(CANONICAL, [{ path: "/sitemaps/1.xml", lastmod: Date.parse("2024-01-01T00:00:00Z") }, { path: "/sitemaps/2.xml" }]),
      );
      expect(index.name).toBe("sitemapindex");
      expect(index.attrs).toEqual({ xmlns: "http://www.sitemaps.org/schemas/sitemap/0.9" });
      expect(kids(index, "sitemap").map((s) => [textOf(s, "loc"), kids(s, "lastmod").length ? textOf(s, "lastmod") : null])).toEqual([
        [`${CANONICAL}/sitemaps/1.xml`, "2024-01-01T00:00:00Z"],
        [`${CANONICAL}/sitemaps/2.xml`, null],
      ]);
    });
  });
});

// From findings-feeds-unit.test.ts: Issue 23, the pure parts in plain Node: feeds, sitemaps and llms.txt for articles in another language and with photos (items 1, 2, 3, 5), and the article head's structured data (item 4). Each test is named after the defect it pins.
describe("issue 23's findings", () => {
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

  describe("Atom and RSS for an entry in another language, with a photo (issue 23, item 2)", () => {
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
});
