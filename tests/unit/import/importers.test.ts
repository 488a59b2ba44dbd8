// The importers on real files nobody here wrote (tests/support/fixtures/import/README.md): WordPress's own
// importer test exports, The Guardian's RSS 2.0 and heise's Atom feed as published, IPTC's ninjs 2.1
// examples. Every item is either ready for the Newsroom or refused with a reason; bodies, sections,
// authors, statuses and dates are what the source says. Plain Node: no bindings.
import { describe, expect, it } from "vitest";
import { oldPathOf, oldPathOfUrl } from "../../../src/shared/model/old-paths.ts";
import { validateArticle } from "../../../src/shared/model/schema.ts";
import { parseSource, SourceError } from "../../../tools/import/detect.ts";
import { htmlBlocks } from "../../../tools/import/html-blocks.ts";
import { rfc822Date, wordpressDate } from "../../../tools/import/items.ts";
import { prepare } from "../../../tools/import/prepare.ts";

import apImage from "../../support/fixtures/import/ninjs/ap_image.json?raw";
import dpa from "../../support/fixtures/import/ninjs/dpa_text.json?raw";
import simpleText from "../../support/fixtures/import/ninjs/ninjsExSimpleText_2.json?raw";
import ntb from "../../support/fixtures/import/ninjs/ntb_text.json?raw";
import guardian from "../../support/fixtures/import/rss-parser/guardian.rss?raw";
import heise from "../../support/fixtures/import/rss-parser/heise.atom?raw";
import crazyCdata from "../../support/fixtures/import/wordpress-importer/crazy-cdata.xml?raw";
import smallExport from "../../support/fixtures/import/wordpress-importer/small-export.xml?raw";
import themeUnitTest from "../../support/fixtures/import/wordpress-importer/theme-unit-test-data.xml?raw";
import validWxr11 from "../../support/fixtures/import/wordpress-importer/valid-wxr-1.1.xml?raw";
import utf8Challenges from "../../support/fixtures/import/wordpress-importer/wxr-utf-8-challenges.xml?raw";

const FILES: Record<string, string> = {
  "wordpress-importer/small-export.xml": smallExport,
  "wordpress-importer/theme-unit-test-data.xml": themeUnitTest,
  "wordpress-importer/valid-wxr-1.1.xml": validWxr11,
  "wordpress-importer/crazy-cdata.xml": crazyCdata,
  "wordpress-importer/wxr-utf-8-challenges.xml": utf8Challenges,
  "rss-parser/guardian.rss": guardian,
  "rss-parser/heise.atom": heise,
  "ninjs/dpa_text.json": dpa,
  "ninjs/ntb_text.json": ntb,
  "ninjs/ninjsExSimpleText_2.json": simpleText,
  "ninjs/ap_image.json": apImage,
};
const read = (file: string) => FILES[file];
const remote = async (src: string) => ({ src: src.replace(/^http:/, "https:"), remote: true as const });
const OPTIONS = { section: "News", pages: true };

async function load(file: string, options = OPTIONS) {
  const parsed = parseSource(read(file), options, file);
  const prepared = await prepare(parsed.items, parsed.title, remote);
  // Every item read is either ready or refused with a reason.
  expect(prepared.ready.length + prepared.refused.length).toBe(parsed.items.length);
  for (const r of prepared.refused) expect(r.reason).toMatch(/\S/);
  for (const r of prepared.ready) expect(validateArticle({ ...r.article, id: "1" }).ok).toBe(true);
  const by = (source: string) => prepared.ready.find((r) => r.source === source)?.article as Record<string, any>;
  return { parsed, prepared, by };
}

describe("WordPress export (WXR), WordPress/wordpress-importer's fixtures", () => {
  it("small-export.xml: posts and pages, category hierarchy, authors, drafts, dates, old paths", async () => {
    const { parsed, prepared, by } = await load("wordpress-importer/small-export.xml");
    expect(parsed.format).toBe("wxr");
    expect(parsed.items).toHaveLength(11);
    expect(prepared.refused).toEqual([]);
    const child = by("wxr:localhost:post:15");
    expect(child.section).toEqual(["Bar", "Foo"]);
    expect(child.headline).toBe("Foo-child");
    expect(child.published).toBe("2011-01-18T07:48:07+00:00");
    expect(child.authors).toEqual([{ name: "editor" }]);
    expect(child.body).toEqual([{ type: "paragraph", text: "Post associated with the Foo category that is a child of Bar." }]);
    expect(by("wxr:localhost:post:17").section).toEqual(["Foo"]);
    expect(by("wxr:localhost:post:13").status).toBe("draft"); // private
    expect(by("wxr:localhost:post:13").tags).toEqual(["Tag1", "Tag2", "Tag3"]);
    expect(by("wxr:localhost:page:9").status).toBe("draft");
    expect(by("wxr:localhost:post:1").status).toBeUndefined();
    expect(prepared.ready.find((r) => r.source === "wxr:localhost:post:1")!.oldPaths).toEqual(["http://localhost/?p=1", "/?p=1"]);
    // The page's blank-line paragraphs and its two block quotes.
    expect(by("wxr:localhost:page:2").body.map((b: { type: string }) => b.type)).toEqual(["paragraph", "quote", "paragraph", "quote", "paragraph"]);
    expect(parsed.sections).toContainEqual({ section: ["Bar", "Foo"], oldPaths: ["/category/bar/foo-bar/", "/?cat=5"] });
  });

  it("without --pages, pages are not articles (counted)", async () => {
    const { parsed } = await load("wordpress-importer/small-export.xml", { section: "News", pages: false });
    expect(parsed.items).toHaveLength(6);
    expect(parsed.ignored).toEqual({ "page (import with --pages)": 5 });
  });

  it("theme-unit-test-data.xml: offsets, scheduled, embeds, figures, quotes; the rest refused with reasons or dropped and counted", async () => {
    const { parsed, prepared, by } = await load("wordpress-importer/theme-unit-test-data.xml");
    expect(parsed.items).toHaveLength(79);
    expect(parsed.ignored).toEqual({ attachment: 37, nav_menu_item: 70 });
    expect(prepared.ready).toHaveLength(73);
    expect(prepared.refused.map((r) => [r.source.split(":").at(-1), r.reason])).toEqual([
      ["568", "body must contain a paragraph"],
      ["575", "body must contain a paragraph"],
      ["1158", "body must contain a paragraph"],
      ["1169", "headline must not be empty"],
      ["1170", "body must be a list of 1 to 1000 blocks"],
      ["1813", "body must be a list of 1 to 1000 blocks"],
    ]);
    const site = "wxr:wpthemetestdata.wordpress.com";
    // 12:00:18 local, 19:00:18 UTC: the site's offset then, and a date in 2030 stays scheduled.
    expect(by(`${site}:post:1153`).published).toBe("2030-01-01T12:00:18-07:00");
    expect(by(`${site}:post:1161`).body[0]).toEqual({ type: "embed", url: "https://www.youtube.com/watch?v=SQEQr7c0-dw" });
    expect(by(`${site}:post:1179`).body[0]).toEqual({ type: "embed", url: "https://twitter.com/nacin/status/319508408669708289" });
    const embeds = by(`${site}:post:1738`).body.filter((b: { type: string }) => b.type === "embed");
    expect(embeds.map((e: { url: string }) => new URL(e.url).hostname)).toEqual(["twitter.com", "youtu.be", "www.facebook.com", "www.instagram.com"]);
    const caption = by(`${site}:post:1163`).body[0];
    expect(caption.type).toBe("figure");
    expect(caption.src).toMatch(/^https:\/\/wpthemetestdata\.files\.wordpress\.com\//);
    const quotes = by(`${site}:post:1749`).body.filter((b: { type: string }) => b.type === "quote");
    expect(quotes.some((q: { attribution?: string }) => q.attribution)).toBe(true);
    expect(prepared.dropped).toMatchObject({ shortcode: 37, table: 8, code: 10, video: 7, audio: 2 });
    expect(prepared.remote.every((u) => u.startsWith("https://"))).toBe(true);
  });

  it.each(["valid-wxr-1.1.xml", "crazy-cdata.xml", "wxr-utf-8-challenges.xml"])("%s imports every item or says why not", async (file) => {
    const { parsed, prepared } = await load(`wordpress-importer/${file}`);
    expect(parsed.items.length).toBeGreaterThan(0);
    expect(prepared.ready.length).toBeGreaterThan(0);
  });
});

describe("RSS 2.0 and Atom as published (rbren/rss-parser's fixtures)", () => {
  it("The Guardian's RSS: every item, its date with its offset, tags, lead image with credit", async () => {
    const { parsed, prepared } = await load("rss-parser/guardian.rss");
    expect(parsed.format).toBe("rss");
    expect(parsed.items).toHaveLength(55);
    expect(prepared.refused).toEqual([]);
    const first = prepared.ready[0];
    expect(first.article.headline).toBe("Trump State of the Union address promised unity but emphasized discord");
    expect(first.article.section).toEqual(["News"]);
    expect(first.oldPaths).toEqual(["https://www.theguardian.com/us-news/2018/jan/31/donald-trump-state-of-the-union-address-unity-discord"]);
    expect(first.article.published).toMatch(/^2018-0[12]-\d\dT\d\d:\d\d:\d\dZ$/);
    const lead = (first.article.body as Record<string, unknown>[])[0];
    expect(lead).toMatchObject({ type: "figure", src: expect.stringMatching(/^https:\/\/i\.guim\.co\.uk\//) });
    expect(prepared.ready.every((r) => (r.article.tags as string[] | undefined)?.length)).toBe(true);
  });

  it("heise's Atom: full content, the offset kept, the author", async () => {
    const { parsed, prepared } = await load("rss-parser/heise.atom");
    expect(parsed.format).toBe("atom");
    expect(parsed.items).toHaveLength(15);
    expect(prepared.refused).toEqual([]);
    const first = prepared.ready[0].article;
    expect(first.headline).toBe("Java-Anwendungsserver: Red Hat gibt WildFly 10 frei");
    expect(first.published).toBe("2016-02-01T17:22:00+01:00");
    expect(first.modified).toBe("2016-02-01T17:54:50+01:00");
    expect(first.authors).toEqual([{ name: "heise online" }]);
    expect((first.body as unknown[]).length).toBeGreaterThan(1);
  });
});

describe("IPTC ninjs 2.1 examples", () => {
  it("dpa's text: language, byline, HTML body as paragraphs", async () => {
    const { prepared } = await load("ninjs/dpa_text.json");
    const a = prepared.ready[0].article as Record<string, any>;
    expect(a).toMatchObject({
      headline: "Faktencheck Derby-Elfmeter: Hat Schiedsrichter Zwayer recht?",
      language: "de",
      published: "2019-05-10T16:02:28+02:00",
    });
    expect(a.authors).toEqual([{ name: "Von Christian Hollmann, dpa" }]);
    expect(a.body).toHaveLength(9);
    expect(a.body.every((b: { type: string }) => b.type === "paragraph")).toBe(true);
  });

  it("the simple text example's XHTML body; NTB's item without a body and AP's photo refused with reasons", async () => {
    expect((await load("ninjs/ninjsExSimpleText_2.json")).prepared.ready[0].article.body).toHaveLength(4);
    expect((await load("ninjs/ntb_text.json")).prepared.refused[0].reason).toBe("body must be a list of 1 to 1000 blocks");
    expect((await load("ninjs/ap_image.json")).prepared.refused[0].reason).toBe("a ninjs picture item has no text body to make an article of");
  });
});

describe("JSON: WordPress REST API and the service's own article JSON", () => {
  const rest = [
    {
      id: 42,
      date: "2020-02-27T10:00:00",
      date_gmt: "2020-02-27T07:00:00",
      modified: "2020-02-28T09:00:00",
      modified_gmt: "2020-02-28T06:00:00",
      slug: "turkish-troops",
      status: "publish",
      type: "post",
      link: "https://old.example/2020/02/27/turkish-troops/",
      title: { rendered: "Turkish troops &#8211; Idlib" },
      content: { rendered: "<p>First.</p>\n<p>Second <em>one</em>.</p>" },
      excerpt: { rendered: "<p>First.</p>" },
      _embedded: {
        author: [{ name: "Jane Doe" }],
        "wp:term": [[{ taxonomy: "category", name: "World", slug: "world" }], [{ taxonomy: "post_tag", name: "Syria" }]],
      },
    },
    {
      id: 43,
      date: "2020-03-01T10:00:00",
      date_gmt: "2020-03-01T07:00:00",
      status: "draft",
      type: "post",
      title: { rendered: "Later" },
      content: { rendered: "Text" },
      link: "",
    },
  ];
  it("REST posts: offsets, section, author, tags, drafts", async () => {
    const parsed = parseSource(JSON.stringify(rest), OPTIONS);
    expect(parsed.format).toBe("wp-rest");
    const { ready } = await prepare(parsed.items, "", remote);
    expect(ready[0].article).toMatchObject({
      headline: "Turkish troops – Idlib",
      published: "2020-02-27T10:00:00+03:00",
      modified: "2020-02-28T09:00:00+03:00",
      section: ["World"],
      authors: [{ name: "Jane Doe" }],
      tags: ["Syria"],
      slug: "turkish-troops",
    });
    expect(ready[0].oldPaths).toEqual(["https://old.example/2020/02/27/turkish-troops/", "/?p=42"]);
    expect(ready[1].article.status).toBe("draft");
  });

  it("the service's own JSON comes back as it was, with its id", async () => {
    const own = {
      id: "100001",
      url: "https://www.presstv.ir/Detail/2020/02/27/100001/a-b",
      canonicalUrl: "https://www.presstv.ir/Detail/2020/02/27/100001/a-b",
      section: ["News"],
      headline: "A b",
      description: "Text.",
      datePublished: "2020-02-27",
      dateModified: "2020-02-27",
      image: null,
      body: [{ type: "paragraph", text: "Text." }],
      authors: [],
      tags: [],
      language: "en",
      corrections: [],
    };
    const parsed = parseSource(JSON.stringify(own), OPTIONS);
    expect(parsed.format).toBe("article-json");
    const { ready } = await prepare(parsed.items, "", remote);
    expect(ready[0]).toMatchObject({ id: "100001", article: { slug: "a-b", headline: "A b", published: "2020-02-27", body: own.body } });
  });

  it("anything else is a clear SourceError", () => {
    expect(() => parseSource("<html><body>x</body></html>", OPTIONS)).toThrow(SourceError);
    expect(() => parseSource('{"x":1}', OPTIONS)).toThrow(SourceError);
    expect(() => parseSource("not anything", OPTIONS)).toThrow(SourceError);
  });
});

describe("HTML to blocks", () => {
  it("keeps what the schema has and counts what it drops", () => {
    const html = `Intro with <b>bold</b> and <a href="/x">a link</a>.

Second<br>line [gallery ids="1,2"] [sic]
<h1>Head</h1><h5>Small</h5>
<ul><li>one<ul><li>nested</li></ul></li><li><em>two</em></li></ul>
<blockquote><p>To be or not</p><cite>Hamlet</cite></blockquote>
<figure><img src="/wp-content/uploads/a.jpg" alt="Alt"><figcaption>Troops (Photo by AFP)</figcaption></figure>
<p><iframe src="https://player.vimeo.com/video/123" title="Clip"></iframe></p>
<script>alert(1)</script><form><input></form><table><tr><td>x</td></tr></table><pre>code</pre>`;
    const { blocks, dropped } = htmlBlocks(html, { base: "https://old.example/post/", credit: "Old site" });
    expect(blocks).toEqual([
      {
        type: "paragraph",
        text: "Intro with bold and a link.",
        runs: [{ text: "Intro with " }, { text: "bold", strong: true }, { text: " and " }, { text: "a link", href: "/x" }, { text: "." }],
      },
      { type: "paragraph", text: "Second line [sic]" },
      { type: "heading", text: "Head" },
      { type: "heading", text: "Small", level: 3 },
      { type: "list", ordered: false, items: [{ text: "one" }, { text: "nested" }, { text: "two", runs: [{ text: "two", em: true }] }] },
      { type: "quote", paragraphs: [{ text: "To be or not" }], attribution: "Hamlet" },
      { type: "figure", caption: "Troops", credit: "AFP", src: "https://old.example/wp-content/uploads/a.jpg", alt: "Alt" },
      { type: "embed", url: "https://vimeo.com/123", title: "Clip" },
    ]);
    expect(dropped).toEqual({ shortcode: 1, script: 1, form: 1, table: 1, code: 1 });
  });
});

describe("dates and old paths", () => {
  it("WordPress and RSS dates keep their offsets", () => {
    expect(wordpressDate("2030-01-01 12:00:18", "2030-01-01 19:00:18")).toBe("2030-01-01T12:00:18-07:00");
    expect(wordpressDate("2020-02-27 10:00:00", "2020-02-27 05:30:00")).toBe("2020-02-27T10:00:00+04:30");
    expect(wordpressDate("2011-01-18 07:46:29", "0000-00-00 00:00:00")).toBe("2011-01-18T07:46:29+00:00");
    expect(wordpressDate("0000-00-00 00:00:00", "")).toBeUndefined();
    expect(rfc822Date("Wed, 31 Jan 2018 20:15:15 GMT")).toBe("2018-01-31T20:15:15Z");
    expect(rfc822Date("Tue, 18 Jan 2011 07:40:14 +0330")).toBe("2011-01-18T07:40:14+03:30");
  });

  it("one spelling per old path", () => {
    expect(oldPathOf("/2020/02/27/Slug/")).toBe("/2020/02/27/slug");
    expect(oldPathOf("/%E8%BF%9C/")).toBe(oldPathOf("/%e8%bf%9c"));
    expect(oldPathOf("/", "?p=123&utm_source=x")).toBe("/?p=123");
    expect(oldPathOf("/", "?page=2")).toBeUndefined();
    expect(oldPathOf("/a", "?utm=1")).toBe("/a");
    expect(oldPathOfUrl("http://localhost/?page_id=2")).toBe("/?page_id=2");
    expect(oldPathOfUrl("https://x.example/category/news/")).toBe("/category/news");
    expect(oldPathOfUrl("mailto:a@b")).toBeUndefined();
    expect(oldPathOf("/%zz")).toBeUndefined();
  });
});
