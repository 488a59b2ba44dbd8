// Edge cases that mutation testing (npm run test:mutation) showed no other test pinned: each block
// names the module, each case the behaviour a surviving mutant had changed. Plain Node.
import { describe,expect,it } from "vitest";
import { parseAccept } from "../../../src/reader/http/accept.ts";
import { matchHost,parseHostTable } from "../../../src/reader/site/hosts.ts";
import { articleIdFromPath,articlePath } from "../../../src/shared/model/paths.ts";
import { dateValue,slugify,validateArticle } from "../../../src/shared/model/schema.ts";
import { loadContent } from "../../../tools/content/build.ts";
import { parseArticleSource } from "../../../tools/content/source.ts";
import seed from "../../support/fixtures/seed-article.txt?raw";
import { SEED_SOURCE } from "../../support/seed.ts";


const seedSource = SEED_SOURCE;

const valid = {
  id: "7",
  section: ["News"],
  headline: "A headline",
  published: "2021-03-04T10:00:00Z",
  body: [{ type: "paragraph", text: "Text." }],
};

const md = (front: string, body = "A paragraph.") => `---\n${front}\n---\n\n${body}\n`;

describe("the seed article in content/", () => {
  // Parsed inside each test, so Stryker's per-test coverage attributes the parser to these tests.
  const parse = () => {
    const parsed = parseArticleSource(seedSource);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    return parsed.value;
  };
  const lines = seed.split("\n").filter((l) => l.trim() !== "");

  it("carries the seed's metadata", () => {
    const a = parse();
    expect(a.id).toBe("100001");
    expect(a.section).toEqual(["News", "Syria", "Turkey"]);
    expect(a.headline).toBe(lines[1]);
    expect(a.published).toBe("2020-02-27");
    expect(new Date(dateValue(a.published)).getUTCDay()).toBe(4); // a Thursday
    expect(articlePath(a)).toBe("/Detail/2020/02/27/100001/34-Turkish-troops-killed-in-Syrias-Idlib-as-govt-forces-continue-gains");
  });

  it("carries every line of the body word for word, in order, typography included", () => {
    const a = parse();
    const rendered = a.body.map((b) => (b.type === "figure" ? `${b.caption} (${b.credit})` : b.text));
    // Seed lines 3… up to the footer are the body: lead figure, paragraphs, subheadings, second figure.
    const footer = lines.findIndex((l) => l.startsWith("Press TV’s website"));
    expect(rendered).toEqual(lines.slice(2, footer));
    expect(rendered.join("")).toContain("\u00a0"); // the seed's non-breaking spaces survive
    expect(a.body.filter((b) => b.type === "heading")).toHaveLength(6);
    expect(a.body.filter((b) => b.type === "figure").map((f) => f.type === "figure" && f.credit)).toEqual(["Photo by AFP", "Photo by SANA"]);
  });
});

describe("validateArticle", () => {
  it("accepts a minimal article and fills the derived fields", () => {
    const r = validateArticle(valid);
    expect(r).toMatchObject({ ok: true, value: { slug: "A-headline", description: "Text.", modified: valid.published } });
  });

  it("reports every bad field at once", () => {
    const r = validateArticle({ ...valid, id: "007", headline: "", published: "2021-02-30", section: [], body: [{ type: "video" }], extra: 1 });
    expect(r.ok).toBe(false);
    const fields = !r.ok ? r.errors.map((e) => e.field).sort() : [];
    expect(fields).toEqual(["body", "body[0].type", "extra", "headline", "id", "published", "section"]);
  });

  it.each([
    [{ modified: "2021-03-03" }, "modified"],
    [{ slug: "not a slug" }, "slug"],
    [{ headline: "bad\u0000headline" }, "headline"],
    [
      {
        body: [
          { type: "figure", caption: "c", credit: "x", src: "javascript:alert(1)" },
          { type: "paragraph", text: "t" },
        ],
      },
      "body[0].src",
    ],
    [{ body: [{ type: "heading", text: "only a heading" }] }, "body"],
    [{ section: ["News", "<b>"] }, "section[1]"],
    [{ published: "2021-03-04T25:00:00Z" }, "published"],
    [{ published: "2021-03-04T10:00:00" }, "published"],
  ])("rejects %j naming %s", (patch, field) => {
    const r = validateArticle({ ...valid, ...patch });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => e.field)).toContain(field);
  });
});

describe("parseArticleSource", () => {
  it.each([
    ["no front matter", "just text", "line 1"],
    ["unclosed front matter", "---\nid: 1\n", "front matter"],
    ["unknown key", md("id: 1\ncolour: red\nsection: News\nheadline: H\npublished: 2020-01-01"), "line 3"],
    ["duplicate key", md("id: 1\nid: 2\nsection: News\nheadline: H\npublished: 2020-01-01"), "line 3"],
    ["unclosed figure", md("id: 1\nsection: News\nheadline: H\npublished: 2020-01-01", "Para.\n\n::: figure\ncaption: c"), "line 10"],
    ["bad heading level", md("id: 1\nsection: News\nheadline: H\npublished: 2020-01-01", "# Big\n\nPara."), "line 8"],
    ["schema error", md("id: 1\nsection: News\nheadline: H\npublished: yesterday"), "line 5: published"],
  ])("%s → error naming %j", (_, source, field) => {
    const r = parseArticleSource(source);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => e.field)).toContain(field);
  });

  it("joins wrapped lines of a paragraph and reads figures and headings", () => {
    const r = parseArticleSource(
      md("id: 9\nsection: News / World\nheadline: H\npublished: 2020-01-01", "One\ntwo.\n\n## Sub\n\n::: figure\ncaption: C.\ncredit: Photo by X\n:::"),
    );
    expect(r.ok && r.value.body).toEqual([
      { type: "paragraph", text: "One two." },
      { type: "heading", text: "Sub" },
      { type: "figure", caption: "C.", credit: "Photo by X" },
    ]);
    expect(r.ok && r.value.section).toEqual(["News", "World"]);
  });
});

describe("loadContent (the content build)", () => {
  const good = md("id: 2\nsection: News\nheadline: Later\npublished: 2021-01-01");

  it("names the file, the line and the field of every error, and returns no entries", () => {
    const r = loadContent([
      { name: "content/articles/a.md", source: seedSource },
      { name: "content/articles/b.md", source: md("id: 2\nsection: News\nheadline: \npublished: 2021-01-01") },
    ]);
    expect(r).toEqual({ ok: false, errors: [{ field: "content/articles/b.md: line 4: headline", message: "must not be empty" }] });
  });

  it("rejects two files with one id", () => {
    const r = loadContent([
      { name: "a.md", source: good },
      { name: "b.md", source: good },
    ]);
    expect(!r.ok && r.errors[0]).toEqual({ field: "b.md: id", message: "2 is already used by a.md" });
  });

  it("returns every article, checked, in file order", () => {
    const r = loadContent([
      { name: "a.md", source: seedSource },
      { name: "b.md", source: good },
    ]);
    if (!r.ok) throw new Error("expected articles");
    expect(r.value.map((a) => a.id)).toEqual(["100001", "2"]);
    expect(r.value[1].headline).toBe("Later");
  });
});

describe("URL scheme", () => {
  it("slugifies headlines in the publisher's style", () => {
    expect(slugify("34 Turkish troops killed in Syria's Idlib as govt. forces continue gains")).toBe(
      "34-Turkish-troops-killed-in-Syrias-Idlib-as-govt-forces-continue-gains",
    );
    expect(slugify("Ayşe Cihan Sultanoğlu: ‘No’")).toBe("Ayse-Cihan-Sultanoglu-No");
  });

  it.each([
    ["/Detail/2020/02/27/100001/slug", "100001"],
    ["/detail/2020/02/27/100001/", "100001"],
    ["/DETAIL/2020/2/7/100001", "100001"],
    ["/Detail/2020/02/27/0100001/slug", undefined],
    ["/Detail/2020/02/27/100001/slug/extra", undefined],
    ["/Detail/2020/02/27/abc/slug", undefined],
    ["/Detail/2020/02/27/1234567890123/slug", undefined],
    ["/Details/2020/02/27/100001/slug", undefined],
  ])("articleIdFromPath(%j) = %j", (path, id) => {
    expect(articleIdFromPath(path)).toBe(id);
  });
});

it("reserves the top-level section name that the index uses for the whole site", () => {
  const r = validateArticle({ ...valid, section: ["All", "News"] });
  expect(!r.ok && r.errors).toEqual([{ field: "section[0]", message: "is reserved: the site's own URLs use it" }]);
  expect(validateArticle({ ...valid, section: ["News", "All"] }).ok).toBe(true);
});

it("requires section names that give an ASCII slug, since section URLs are built from them", () => {
  const r = validateArticle({ ...valid, section: ["News", "ایران"] });
  expect(!r.ok && r.errors.map((e) => e.field)).toEqual(["section[1]"]);
  expect(validateArticle({ ...valid, section: ["News", "Middle East"] }).ok).toBe(true);
});

// From edges-unit.test.ts: Edge cases that mutation testing (npm run test:mutation) showed no other test pinned: each block names the module, each case the behaviour a surviving mutant had changed. Plain Node.
describe("edge cases mutation testing found no test pinning", () => {



  describe("every syntax error names its line and says what is wrong", () => {
    const front = "id: 9\nsection: News / Iran\nheadline: H\npublished: 2020-01-01";
    const errorsOf = (source: string) => {
      const r = parseArticleSource(source);
      return r.ok ? [] : r.errors;
    };

    it.each([
      ["no opening ---", "id: 9\n", [{ field: "line 1", message: "must be `---`, opening the front matter" }]],
      ["an unclosed front matter", `---\n${front}\n`, [{ field: "front matter", message: "is not closed by `---`" }]],
      ["a line without key: value", `---\n${front}\nnot a pair\n---\n\nText.\n`, [{ field: "line 6", message: "must be `key: value`" }]],
      ["an unknown key", `---\n${front}\ncolour: red\n---\n\nText.\n`, [{ field: "line 6", message: "`colour` is not a known front matter key" }]],
      ["a key given twice", `---\n${front}\nheadline: Again\n---\n\nText.\n`, [{ field: "line 6", message: "`headline` is given twice" }]],
      [
        "a bad figure line",
        `---\n${front}\n---\n\n::: figure\ncaption: C\ncredit: D\nphoto: x\n:::\n\nText.\n`,
        [{ field: "line 11", message: "must be `caption:`, `credit:`, `src:`, `alt:`, `width:`, `height:`, `focus:` inside a figure" }],
      ],
      [
        "an unclosed figure",
        `---\n${front}\n---\n\n::: figure\ncaption: C\ncredit: D\n`,
        [
          { field: "line 8", message: "figure is not closed by `:::`" },
          { field: "body", message: "must contain a paragraph" },
        ],
      ],
      [
        "a level-1 heading",
        `---\n${front}\n---\n\n# Big\n\nText.\n`,
        [{ field: "line 8", message: "`#` is the headline, given in the front matter; use `##` or `###`" }],
      ],
    ])("%s", (_, source, expected) => {
      expect(errorsOf(source)).toEqual(expected);
    });

    it("reports syntax and schema errors together", () => {
      expect(errorsOf(`---\nid: x\nsection: News\nheadline: H\npublished: 2020-01-01\ncolour: red\n---\n\nText.\n`).map((e) => e.field)).toEqual([
        "line 6",
        "line 2: id",
      ]);
    });

    it("reads keys with any spacing after the colon, values without trailing spaces, a BOM, CRLF and blank lines", () => {
      const r = parseArticleSource(
        `\uFEFF---\r\nid:9\r\n\r\nsection:  News /  Iran  \r\n  \r\nheadline:\tH  \t\r\npublished: 2020-01-01\r\n---\r\n\r\n::: figure \r\n\r\ncaption: C \r\ncredit: D\r\n ::: \r\n  \r\nA\r\nB\r\n`,
      );
      expect(r.ok && r.value).toMatchObject({
        id: "9",
        section: ["News", "Iran"],
        headline: "H",
        body: [
          { type: "figure", caption: "C", credit: "D" },
          { type: "paragraph", text: "A B" },
        ],
      });
    });

    it("keeps a key whose value starts after several spaces, and does not take a key from the middle of a line", () => {
      const r = parseArticleSource(`---\nid:    9\nsection: News\nheadline: H\npublished: 2020-01-01\nx id: 4\n---\n\nText.\n`);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.errors).toEqual([{ field: "line 6", message: "must be `key: value`" }]);
    });

    it("ends a paragraph at a heading and at a figure", () => {
      const r = parseArticleSource(`---\n${front}\n---\n\nOne\n## Two\nThree\n::: figure\ncaption: C\ncredit: D\n:::\nFour\n`);
      expect(r.ok && r.value.body).toEqual([
        { type: "paragraph", text: "One" },
        { type: "heading", text: "Two" },
        { type: "paragraph", text: "Three" },
        { type: "figure", caption: "C", credit: "D" },
        { type: "paragraph", text: "Four" },
      ]);
    });
  });

  describe("more edges found by mutation testing", () => {
    const front = "---\nid: 9\nsection: News\nheadline: H\npublished: 2020-01-01\n---\n\n";
    const bodyOf = (text: string) => {
      const r = parseArticleSource(front + text);
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return r.value.body;
    };

    it("a line of spaces and tabs ends a paragraph and is skipped inside a figure", () => {
      expect(bodyOf("One\n \t \nTwo\n")).toEqual([
        { type: "paragraph", text: "One" },
        { type: "paragraph", text: "Two" },
      ]);
      expect(bodyOf("::: figure\ncaption: C\n \t\ncredit: D\n:::\n\nText.\n")[0]).toEqual({ type: "figure", caption: "C", credit: "D" });
    });

    it("keeps the last paragraph of a file without a final newline", () => {
      expect(bodyOf("One\n\nTwo")).toEqual([
        { type: "paragraph", text: "One" },
        { type: "paragraph", text: "Two" },
      ]);
    });

    it("drops only a leading byte order mark", () => {
      expect(bodyOf("a\uFEFFb\n")).toEqual([{ type: "paragraph", text: "a\uFEFFb" }]);
    });

    it("names the block types a block may have", () => {
      const r = validateArticle({
        id: "9",
        section: ["News"],
        headline: "H",
        published: "2020-01-01",
        body: [{ type: "paragraph", text: "T" }, { type: "video" }],
      });
      expect(!r.ok && r.errors).toEqual([{ field: "body[1].type", message: 'must be "paragraph", "heading", "figure", "list", "quote" or "embed"' }]);
    });

    it("unquotes an empty quoted parameter value", () => {
      expect(parseAccept('a/b;x=""')[0].params).toEqual([["x", ""]]);
    });

    it("needs a label before a wildcard's suffix", () => {
      const table = parseHostTable("https://www.presstv.ir", { "www.presstv.ir": "canonical", "*.workers.dev": "mirror" });
      expect(matchHost(new URL("https://.workers.dev/"), table)).toBeUndefined();
    });
  });
});

// From findings-content-unit.test.ts: Issue 23: refused writes that were accepted or answered 500, and the content build's messages. Each test is named after the defect it pins (the item number is issue 23's).
describe("issue 23's findings: refused writes and the content build's messages", () => {

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

  describe("a headline without Latin letters or digits (issue 23, item 7)", () => {
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

  describe("URLs that cannot be parsed (issue 23, item 10)", () => {
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

  describe("a figure with an unknown member (issue 23, item 11)", () => {
    it("is refused, naming the member (as every other block is)", () => {
      expect(errors(withBlock({ type: "figure", caption: "C", credit: "D", foo: 1 }))).toEqual([{ field: "body[0].foo", message: "is not a known field" }]);
      expect(errors(withBlock({ type: "figure", caption: "C", credit: "D", src: "https://img.example/a.jpg", alt: "A", width: 2, height: 1 }))).toEqual([]);
    });
  });

  describe("the content build's messages (issue 23, item 17)", () => {
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

  describe("every line the content build names is the right one (issue 23, item 17)", () => {
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
});
