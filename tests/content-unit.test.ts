import seed from "./fixtures/seed-article.txt?raw";
import { describe, expect, it } from "vitest";
import { loadContent } from "../tools/content/build.ts";
import { articleIdFromPath, articlePath } from "../src/model/paths.ts";
import { dateValue, slugify, validateArticle } from "../src/model/schema.ts";
import { parseArticleSource } from "../tools/content/source.ts";
import { SEED_SOURCE } from "./seed.ts";

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
