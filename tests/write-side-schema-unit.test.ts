// What the write side added to the article schema, in Node: `status` (draft or published), text that
// is not well-formed Unicode, and top-level section names the router owns.
import { describe, expect, it } from "vitest";
import { parseArticleSource } from "../tools/content/source.ts";
import { RESERVED_SECTIONS, validateArticle } from "../src/model/schema.ts";

const base = { id: "42", section: ["News"], headline: "A headline", published: "2021-01-01", body: [{ type: "paragraph", text: "Text." }] };

describe("status", () => {
  it("keeps a draft as one, and a published article (the default) without a status", () => {
    const draft = validateArticle({ ...base, status: "draft" });
    expect(draft.ok && draft.value.status).toBe("draft");
    for (const input of [base, { ...base, status: "published" }]) {
      const r = validateArticle(input);
      expect(r.ok).toBe(true);
      expect(r.ok && "status" in r.value).toBe(false);
    }
  });

  it.each(["Draft", "", "scheduled", 1, null])("refuses status %j", (status) => {
    expect(validateArticle({ ...base, status })).toEqual({ ok: false, errors: [{ field: "status", message: 'must be "draft" or "published"' }] });
  });

  it("is a front matter key of content/ files", () => {
    const r = parseArticleSource("---\nid: 42\nsection: News\nheadline: A headline\npublished: 2021-01-01\nstatus: draft\n---\n\nText.\n");
    expect(r.ok && r.value.status).toBe("draft");
  });
});

describe("text that must not get in", () => {
  it.each([
    ["a lone high surrogate", "Bad \ud800 text"],
    ["a lone low surrogate", "Bad \udc00 text"],
    ["a high surrogate at the end", "Bad \ud83d"],
  ])("%s is refused, naming the field", (_, headline) => {
    expect(validateArticle({ ...base, headline })).toEqual({
      ok: false,
      errors: [{ field: "headline", message: "must be well-formed Unicode (it has a lone surrogate)" }],
    });
  });

  it("takes a well-formed pair (an emoji)", () => {
    expect(validateArticle({ ...base, headline: "Good \ud83d\ude00 text" }).ok).toBe(true);
  });

  it("reserves the first section names the router owns, whatever their case, and only as the first name", () => {
    expect(RESERVED_SECTIONS).toEqual(expect.arrayContaining(["all", "api", "detail", "media", "preview", "search", "sitemaps"]));
    for (const name of ["Detail", "API", "search", "Sitemaps", "Media", "Preview", "All"])
      expect(validateArticle({ ...base, section: [name, "Sub"] })).toEqual({
        ok: false,
        errors: [{ field: "section[0]", message: "is reserved: the site's own URLs use it" }],
      });
    expect(validateArticle({ ...base, section: ["News", "Search"] }).ok).toBe(true);
  });
});

describe("content/ front matter: authors and corrections", () => {
  const source = (front: string, body = "Text.\n") => `---\nid: 42\nsection: News\nheadline: A headline\npublished: 2021-01-01\n${front}\n---\n\n${body}`;

  it("reads authors, with an optional URL in angle brackets, separated by semicolons", () => {
    const r = parseArticleSource(source("authors: Jane Doe <https://example.com/jane>;  John Roe ;Ann Lee   <https://example.com/ann>  "));
    expect(r.ok && r.value.authors).toEqual([
      { name: "Jane Doe", url: "https://example.com/jane" },
      { name: "John Roe" },
      { name: "Ann Lee", url: "https://example.com/ann" },
    ]);
  });

  it("takes a name with angle brackets inside as a plain name, and a URL only at the end", () => {
    const r = parseArticleSource(source("authors: A <b> c"));
    expect(r.ok && r.value.authors).toEqual([{ name: "A <b> c" }]);
  });

  it("reads each correction as its date and text", () => {
    const r = parseArticleSource(source("correction: 2021-01-02 The first fix.\ncorrection: 2021-01-03 A second one, later."));
    expect(r.ok && r.value.corrections).toEqual([
      { date: "2021-01-02", text: "The first fix." },
      { date: "2021-01-03", text: "A second one, later." },
    ]);
  });

  it("names a figure's src that the media resolver refuses, by its line", () => {
    const body = "::: figure\ncaption: A photo.\ncredit: Photo by Test\nsrc: media/missing.jpg\n:::\n\nText.\n";
    const r = parseArticleSource(source("", body).replace("\n\n---", "\n---"), { media: () => "does not exist" });
    expect(r.ok).toBe(false);
    // The resolver's reason names the line, once: the schema is not also told the unresolved path is not https.
    expect(!r.ok && r.errors).toEqual([{ field: "line 11", message: "src: does not exist" }]);
  });
});
