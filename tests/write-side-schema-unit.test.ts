// What the write side added to the article schema, in Node: `status` (draft or published), text that
// is not well-formed Unicode, and top-level section names the router owns.
import { describe, expect, it } from "vitest";
import { parseArticleSource } from "../src/content/source.ts";
import { RESERVED_SECTIONS, validateArticle } from "../src/content/schema.ts";

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
    expect(validateArticle({ ...base, headline })).toEqual({ ok: false, errors: [{ field: "headline", message: "must be well-formed Unicode (it has a lone surrogate)" }] });
  });

  it("takes a well-formed pair (an emoji)", () => {
    expect(validateArticle({ ...base, headline: "Good \ud83d\ude00 text" }).ok).toBe(true);
  });

  it("reserves the first section names the router owns, whatever their case, and only as the first name", () => {
    expect(RESERVED_SECTIONS).toEqual(expect.arrayContaining(["all", "api", "detail", "media", "preview", "search", "sitemaps"]));
    for (const name of ["Detail", "API", "search", "Sitemaps", "Media", "Preview", "All"])
      expect(validateArticle({ ...base, section: [name, "Sub"] })).toEqual({ ok: false, errors: [{ field: "section[0]", message: "is reserved: the site's own URLs use it" }] });
    expect(validateArticle({ ...base, section: ["News", "Search"] }).ok).toBe(true);
  });
});
