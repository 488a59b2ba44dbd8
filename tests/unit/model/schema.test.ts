// What the write side added to the article schema, in Node: `status` (draft or published), text that
// is not well-formed Unicode, and top-level section names the router owns.
import { describe, expect, it } from "vitest";
import { dateValue, MAX_ARTICLE_BYTES, RESERVED_SECTIONS, slugify, validateArticle } from "../../../src/shared/model/schema.ts";
import { parseArticleSource } from "../../../tools/content/source.ts";

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

  it.each([20001, 2e4, 20001.0])("an id is a string, as the schema says: the number %j is refused, not converted", (id) => {
    expect(validateArticle({ ...base, id })).toEqual({ ok: false, errors: [{ field: "id", message: "must be a string of 1 to 12 digits" }] });
    expect(validateArticle({ ...base, id: String(id) }).ok).toBe(true);
  });

  it("refuses an article over 256 KiB as JSON, naming the limit and its size; one under it is taken", () => {
    const article = (n: number) => ({ ...base, body: Array.from({ length: n }, (_, i) => ({ type: "paragraph", text: `${i} ${"a".repeat(10_000)}` })) });
    expect(MAX_ARTICLE_BYTES).toBe(256 * 1024);
    expect(validateArticle(article(27))).toEqual({ ok: false, errors: [{ field: "", message: "must be at most 256 KiB as JSON (this one is 266 KiB)" }] });
    expect(validateArticle(article(25)).ok).toBe(true);
  });

  it("takes a well-formed pair (an emoji)", () => {
    expect(validateArticle({ ...base, headline: "Good \ud83d\ude00 text" }).ok).toBe(true);
  });

  it("reserves the first section names the router owns, whatever their case, and only as the first name", () => {
    expect(RESERVED_SECTIONS).toEqual(expect.arrayContaining(["all", "api", "detail", "media", "preview", "search", "sitemaps"]));
    for (const name of ["Detail", "API", "search", "Sitemaps", "Media", "Preview", "All", "Desk", "desk"])
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

// From edges-unit.test.ts: Edge cases that mutation testing (npm run test:mutation) showed no other test pinned: each block names the module, each case the behaviour a surviving mutant had changed. Plain Node.
describe("edge cases mutation testing found no test pinning", () => {
  describe("model/schema", () => {
    const base = { id: "7", section: ["News"], headline: "A headline", published: "2021-03-04", body: [{ type: "paragraph", text: "Text." }] };
    const errors = (input: unknown) => {
      const r = validateArticle(input);
      return r.ok ? [] : r.errors;
    };
    const value = (input: Record<string, unknown>) => {
      const r = validateArticle({ ...base, ...input });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return r.value;
    };
    const descriptionOf = (text: string) => value({ body: [{ type: "paragraph", text }] }).description;

    it("takes a first paragraph of up to 500 characters whole as the description", () => {
      expect(descriptionOf("x".repeat(500))).toBe("x".repeat(500));
    });

    it.each([
      ["no space: cut at 499, then …", "a".repeat(600), "a".repeat(499) + "…"],
      ["a space past the middle: cut there", `${"x".repeat(300)} ${"y".repeat(300)}`, "x".repeat(300) + "…"],
      ["a space exactly at the middle: not a word cut", `${"x".repeat(250)} ${"y".repeat(300)}`, `${"x".repeat(250)} ${"y".repeat(248)}…`],
      ["a space before the middle: cut at 499", `${"x".repeat(200)} ${"y".repeat(400)}`, `${"x".repeat(200)} ${"y".repeat(298)}…`],
      ["punctuation before the cut dropped", `${"x".repeat(300)}.,; ${"y".repeat(300)}`, "x".repeat(300) + "…"],
    ])("cuts a longer one to whole words and an ellipsis (%s)", (_, text, expected) => {
      expect(descriptionOf(text)).toBe(expected);
    });

    it("refuses anything but an object, saying so", () => {
      for (const input of [null, "x", 5, [base]]) expect(validateArticle(input)).toEqual({ ok: false, errors: [{ field: "", message: "must be an object" }] });
    });

    it("limits a headline to 300 characters and a heading to 300, a paragraph to 20,000", () => {
      expect(errors({ ...base, headline: "h".repeat(300) })).toEqual([]);
      expect(errors({ ...base, headline: "h".repeat(301) })).toEqual([{ field: "headline", message: "must be at most 300 characters" }]);
      expect(errors({ ...base, body: [...base.body, { type: "heading", text: "h".repeat(301) }] })).toEqual([
        { field: "body[1].text", message: "must be at most 300 characters" },
      ]);
      expect(errors({ ...base, body: [{ type: "paragraph", text: "p".repeat(20_000) }] })).toEqual([]);
    });

    it("names control characters", () => {
      expect(errors({ ...base, headline: "a\u0007b" })).toEqual([{ field: "headline", message: "must not contain control characters" }]);
    });

    it("says a block that is not an object must be one, and a body that is not a list must be one", () => {
      for (const b of [null, "x", [1]]) expect(errors({ ...base, body: [...base.body, b] })).toEqual([{ field: "body[1]", message: "must be an object" }]);
      expect(errors({ ...base, body: "Text." })).toEqual([{ field: "body", message: "must be a list of 1 to 1000 blocks" }]);
    });

    it("takes at most 1000 blocks", () => {
      expect(errors({ ...base, body: Array(1000).fill(base.body[0]) })).toEqual([]);
      expect(errors({ ...base, body: Array(1001).fill(base.body[0]) })).toEqual([{ field: "body", message: "must be a list of 1 to 1000 blocks" }]);
    });

    it("needs a paragraph, and does not fail without one", () => {
      expect(errors({ ...base, body: [{ type: "heading", text: "H" }] })).toEqual([{ field: "body", message: "must contain a paragraph" }]);
    });

    it("checks a figure's src and alt by their own field names", () => {
      const fig = (extra: object) => ({ ...base, body: [{ type: "figure", caption: "C", credit: "D", ...extra }, ...base.body] });
      expect(value(fig({ src: "https://img.example/a.jpg", alt: "An image" })).body[0]).toEqual({
        type: "figure",
        caption: "C",
        credit: "D",
        src: "https://img.example/a.jpg",
        alt: "An image",
      });
      expect(errors(fig({ src: "xhttps://img.example/a.jpg" }))).toEqual([{ field: "body[0].src", message: "must be an https URL" }]);
      expect(errors(fig({ src: "s".repeat(2001) }))).toContainEqual({ field: "body[0].src", message: "must be at most 2000 characters" });
      expect(errors(fig({ alt: " " }))).toEqual([{ field: "body[0].alt", message: "must not be empty" }]);
    });

    it("takes a slug of up to 100 characters, and uses the id when the headline gives none", () => {
      expect(value({ slug: "s".repeat(100) }).slug).toBe("s".repeat(100));
      expect(errors({ ...base, slug: "s".repeat(101) })).toEqual([
        { field: "slug", message: "must be letters and digits joined by single hyphens, at most 100 characters" },
      ]);
      expect(value({ headline: "!!!" }).slug).toBe(value({}).id);
    });

    it("explains a bad section name", () => {
      expect(errors({ ...base, section: ["News_Desk"] })).toEqual([{ field: "section[0]", message: "must be letters, digits, spaces, & ' or -" }]);
      expect(errors({ ...base, section: ["中文"] })).toEqual([
        { field: "section[0]", message: "must contain Latin letters or digits (section URLs use them)" },
      ]);
    });

    it("refuses a modified that is not a string", () => {
      expect(errors({ ...base, modified: 20210305 })).toEqual([{ field: "modified", message: "must be an RFC 3339 date or date-time with offset" }]);
    });

    it.each(["2021-02-29", "2021-13-01", "2021-00-10", "0050-01-01", "2021-01-01T24:00:00Z", "2021-01-01T10:00:00", "x2021-01-01"])(
      "dateValue(%j) is NaN",
      (d) => {
        expect(dateValue(d)).toBeNaN();
      },
    );

    it("dates a date-time by its offset and a date at UTC midnight", () => {
      expect(dateValue("2020-02-27T10:00:00+02:00")).toBe(Date.UTC(2020, 1, 27, 8));
      expect(dateValue("2020-02-27")).toBe(Date.UTC(2020, 1, 27));
      expect(dateValue("2024-02-29T23:59:59Z")).toBe(Date.UTC(2024, 1, 29, 23, 59, 59));
    });

    it("slugs at most 100 characters and never ends one with a hyphen", () => {
      expect(slugify(`${"a".repeat(99)} bc`)).toBe("a".repeat(99));
      expect(slugify("x".repeat(150))).toBe("x".repeat(100));
      expect(slugify("Café à la carte")).toBe("Cafe-a-la-carte");
    });
  });
});
