// Issue 23: refused writes that were accepted or answered 500, and the content build's messages.
// Each test is named after the defect it pins (the item number is issue 23's).
import { describe, expect, it } from "vitest";
import { loadContent } from "../tools/content/build.ts";
import { validateArticle } from "../src/model/schema.ts";
import { parseArticleSource } from "../tools/content/source.ts";

const base = { id: "923001", section: ["News"], headline: "A headline", published: "2021-03-04", body: [{ type: "paragraph", text: "Text." }] };
const errors = (input: Record<string, unknown>) => {
  const r = validateArticle({ ...base, ...input });
  return r.ok ? [] : r.errors;
};
const withBlock = (block: object) => ({ body: [block, { type: "paragraph", text: "Text." }] });
const md = (front: string, body = "A paragraph.") => `---\n${front}\n---\n\n${body}\n`;
const sourceErrors = (source: string, options = {}) => {
  const r = parseArticleSource(source, options);
  return r.ok ? [] : r.errors;
};

describe("item 7: a headline without Latin letters or digits", () => {
  it("is published without an explicit slug (the id stands in), never refused", () => {
    const r = validateArticle({ ...base, headline: "تهران میزبان نشست منطقه‌ای شد", language: "fa" });
    expect(r.ok && r.value.slug).toBe("923001");
    expect(validateArticle({ ...base, headline: "Новости дня" }).ok).toBe(true);
    // A given slug still wins, and Latin words in the headline still make the slug.
    expect(validateArticle({ ...base, headline: "تهران", slug: "Tehran" }).ok && validateArticle({ ...base, headline: "تهران", slug: "Tehran" })).toMatchObject(
      { value: { slug: "Tehran" } },
    );
    expect(validateArticle({ ...base, headline: "تهران Summit 2026" })).toMatchObject({ ok: true, value: { slug: "Summit-2026" } });
  });
});

describe("item 10: URLs that cannot be parsed", () => {
  it.each(["https://[", "https://a:99999/", "https://exa mple.com/", "https://"])("an embed url %j is a 422 naming body[0].url, not a TypeError", (url) => {
    expect(errors(withBlock({ type: "embed", url }))).toContainEqual({ field: "body[0].url", message: "must be an https URL" });
  });

  it("a figure src, a link and an author url that cannot be parsed are refused by name", () => {
    expect(errors(withBlock({ type: "figure", caption: "C", credit: "D", src: `https://[/media/${"a".repeat(64)}`, width: 10, height: 10 }))).toContainEqual({
      field: "body[0].src",
      message: "must be an https URL",
    });
    expect(errors({ body: [{ type: "paragraph", text: "ab", runs: [{ text: "a", href: "https://a:99999/" }, { text: "b" }] }] })).toContainEqual({
      field: "body[0].runs[0].href",
      message: "must be an http, https or mailto URL, or a path starting with /",
    });
    expect(errors({ authors: [{ name: "A", url: "http://[::1" }] })).toContainEqual({
      field: "authors[0].url",
      message: "must be a URL without spaces or quotes",
    });
    expect(errors(withBlock({ type: "embed", url: "https://www.youtube.com/watch?v=abc" }))).toEqual([]);
  });
});

describe("item 11: a figure with an unknown member", () => {
  it("is refused, naming the member (as every other block is)", () => {
    expect(errors(withBlock({ type: "figure", caption: "C", credit: "D", foo: 1 }))).toEqual([{ field: "body[0].foo", message: "is not a known field" }]);
    expect(errors(withBlock({ type: "figure", caption: "C", credit: "D", src: "https://img.example/a.jpg", alt: "A", width: 2, height: 1 }))).toEqual([]);
  });
});

describe("item 17: the content build's messages", () => {
  it("a missing headline, id, section, published or credit is required, not the wrong type", () => {
    const r = validateArticle({
      body: [
        { type: "figure", caption: "C" },
        { type: "paragraph", text: "T." },
      ],
    });
    expect(!r.ok && r.errors).toEqual(
      expect.arrayContaining([
        { field: "id", message: "is required" },
        { field: "headline", message: "is required" },
        { field: "section", message: "is required" },
        { field: "published", message: "is required" },
        { field: "body[0].credit", message: "is required" },
      ]),
    );
    expect(errors({ id: "01" })).toEqual([{ field: "id", message: "must be 1 to 12 digits, not starting with 0" }]);
    expect(errors({ headline: 7 })).toEqual([{ field: "headline", message: "must be a string" }]);
  });

  it("front matter errors carry their line; body errors the line their block starts on", () => {
    expect(sourceErrors(md("id: 923002\nsection: News\nheadline: \npublished: 2021-01-01"))).toEqual([
      { field: "line 4: headline", message: "must not be empty" },
    ]);
    expect(sourceErrors(md("id: 923002\nsection: News\nheadline: H\npublished: 2021-01-01\ncorrection: 2021-01-02 One.\ncorrection: 2021-13-01 Two."))).toEqual(
      [{ field: "line 7: corrections[1].date", message: "must be an RFC 3339 date or date-time with offset" }],
    );
    // A missing key has no line of its own: the field alone.
    expect(sourceErrors(md("id: 923002\nsection: News\npublished: 2021-01-01"))).toEqual([{ field: "headline", message: "is required" }]);
    const figure = md("id: 923002\nsection: News\nheadline: H\npublished: 2021-01-01", "Text.\n\n::: figure\ncaption: A quay.\n:::\n");
    expect(sourceErrors(figure)).toEqual([{ field: "line 10: body[1].credit", message: "is required" }]);
    const r = loadContent([{ name: "content/articles/x.md", source: figure }]);
    expect(!r.ok && r.errors).toEqual([{ field: "content/articles/x.md: line 10: body[1].credit", message: "is required" }]);
  });

  it("an image the build refuses is reported once, without a false `src: must be an https URL`", () => {
    const source = md(
      "id: 923003\nsection: News\nheadline: H\npublished: 2021-01-01",
      "::: figure\ncaption: C.\ncredit: D\nsrc: media/small.jpg\n:::\n\nText.",
    );
    expect(sourceErrors(source, { media: () => "content/media/small.jpg must be at least 320 pixels wide" })).toEqual([
      { field: "line 11", message: "src: content/media/small.jpg must be at least 320 pixels wide" },
    ]);
  });

  it("inline HTML is reported once per line", () => {
    expect(sourceErrors(md("id: 923004\nsection: News\nheadline: H\npublished: 2021-01-01", "Some <b>bold</b> text."))).toEqual([
      { field: "line 8", message: "HTML is not supported here" },
    ]);
  });
});

describe("item 17: every line the content build names is the right one", () => {
  const front = "id: 923005\nsection: News\nheadline: H\npublished: 2021-01-01";
  it("a body block's line for a two-digit index, a tag's and an author's line", () => {
    const paragraphs = Array.from({ length: 11 }, (_, i) => `Paragraph ${i}.`).join("\n\n");
    const r = sourceErrors(md(front + "\ntags: A, \nauthors: Jane <http://[::1>", `${paragraphs}\n\n::: embed\nurl: http://x.example/\n:::`));
    expect(r).toEqual([
      { field: "line 32: body[11].url", message: "must be an https URL" },
      { field: "line 7: authors[0].url", message: "must be a URL without spaces or quotes" },
      { field: "line 6: tags[1]", message: "must not be empty" },
    ]);
  });

  it("reads a figure's width and height as numbers, and `:::` lines however indented", () => {
    const r = parseArticleSource(md(front, "  ::: figure\ncaption: C.\ncredit: D\nsrc: https://img.example/a.jpg\nwidth: 1600 \nheight: 900\n  :::\n\nText."));
    expect(r.ok && r.value.body[0]).toEqual({ type: "figure", caption: "C.", credit: "D", src: "https://img.example/a.jpg", width: 1600, height: 900 });
    const unknown = sourceErrors(md(front, "Text.\n\n  ::: quote  \nnot: read\n   :::\n\nMore."));
    expect(unknown).toEqual([{ field: "line 10", message: "`::: quote` is not a known block (`::: figure` or `::: embed`)" }]);
  });

  it("parses authors, tags, sections and corrections with their spacing", () => {
    const r = parseArticleSource(
      md(
        "id: 923006\nsection: News /  Iran \nheadline: H\npublished: 2021-01-01\ntags:  Oil ,  Gas \nauthors:  Jane Doe   <https://example.com/jane>  ;  John Roe ",
      ),
    );
    expect(r.ok && r.value).toMatchObject({
      section: ["News", "Iran"],
      tags: ["Oil", "Gas"],
      authors: [{ name: "Jane Doe", url: "https://example.com/jane" }, { name: "John Roe" }],
    });
    expect(sourceErrors(md("id: 923006\nsection: News\nheadline: H\npublished: 2021-01-01\ncorrection: 2021-01-02"))).toEqual([
      { field: "line 6: corrections[0].text", message: "must not be empty" },
    ]);
  });
});
