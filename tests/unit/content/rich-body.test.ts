// The rich article body: Markdown sources (CommonMark) and JSON blocks become one model, and what is
// not understood is an error naming the line or the field.
import { describe,expect,it } from "vitest";
import { direction } from "../../../src/shared/model/blocks.ts";
import { validateArticle } from "../../../src/shared/model/schema.ts";
import { parseArticleSource } from "../../../tools/content/source.ts";

const FRONT = ["---", "id: 711", "section: News / Iran", "headline: A rich article", "published: 2021-03-04", "---", ""];
const md = (...body: string[]) => [...FRONT, ...body, ""].join("\n");
const firstBodyLine = FRONT.length + 1;

function blocks(source: string) {
  const r = parseArticleSource(source);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value.body;
}
function errors(source: string) {
  const r = parseArticleSource(source);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.errors;
}

describe("Markdown bodies", () => {
  it("reads links, emphasis and strong as runs, and keeps the plain text", () => {
    expect(blocks(md("The [ministry](https://example.gov/x) said *again* it was **not** [here](/News/Iran)."))).toEqual([
      {
        type: "paragraph",
        text: "The ministry said again it was not here.",
        runs: [
          { text: "The " },
          { text: "ministry", href: "https://example.gov/x" },
          { text: " said " },
          { text: "again", em: true },
          { text: " it was " },
          { text: "not", strong: true },
          { text: " " },
          { text: "here", href: "/News/Iran" },
          { text: "." },
        ],
      },
    ]);
  });

  it("leaves a paragraph without markup as text only, lines joined by a space, brackets literal", () => {
    expect(blocks(md("He said [of Turkey] it was", "over (in Idlib)."))).toEqual([{ type: "paragraph", text: "He said [of Turkey] it was over (in Idlib)." }]);
  });

  it("reads `> — Name` on the line after a quote as its attribution, not as its last words (issue 35)", () => {
    for (const source of [md("> We are open again.", "> — The harbour master", "", "Text."), md("> We are open again.", "— The harbour master", "", "Text.")])
      expect(blocks(source)[0]).toEqual({ type: "quote", paragraphs: [{ text: "We are open again." }], attribution: "The harbour master", text: "We are open again." });
  });

  it("reads lists, sub-headings, quotes with attribution and embeds", () => {
    const got = blocks(
      md(
        "Intro.",
        "",
        "## Section",
        "",
        "### Sub-section",
        "",
        "- first *point*",
        "- second",
        "",
        "1. one",
        "2. two",
        "",
        "> We will respond.",
        ">",
        "> — The minister",
        "",
        "::: embed",
        "url: https://www.youtube.com/watch?v=abc",
        "title: The speech",
        ":::",
      ),
    );
    expect(got).toEqual([
      { type: "paragraph", text: "Intro." },
      { type: "heading", text: "Section" },
      { type: "heading", text: "Sub-section", level: 3 },
      {
        type: "list",
        ordered: false,
        items: [{ text: "first point", runs: [{ text: "first " }, { text: "point", em: true }] }, { text: "second" }],
        text: "first point\nsecond",
      },
      { type: "list", ordered: true, items: [{ text: "one" }, { text: "two" }], text: "one\ntwo" },
      { type: "quote", paragraphs: [{ text: "We will respond." }], attribution: "The minister", text: "We will respond." },
      { type: "embed", url: "https://www.youtube.com/watch?v=abc", provider: "YouTube", title: "The speech", text: "The speech" },
    ]);
  });

  it.each([
    ["a code block", ["```", "x", "```"], "a code block"],
    ["HTML", ["<div>x</div>"], "HTML"],
    ["an inline image", ["See ![x](https://a.example/x.png)."], "inline image"],
    ["a thematic break", ["Intro.", "", "***"], "thematic break"],
    ["a javascript: link", ["A [link](javascript:alert(1))."], "http, https or mailto"],
    ["a protocol-relative link", ["A [link](//evil.example/x)."], "http, https or mailto"],
    ["a # heading", ["# Title"], "headline"],
    ["a #### heading", ["#### Deep"], "only `##` and `###`"],
    ["a nested list (at the nested list)", ["- a", "  - b"], "one paragraph", 1],
    ["inline code", ["Run `rm`."], "inline code"],
    ["a reference link", ["[a][b]", "", "[b]: https://x.example"], "reference link"],
  ])("refuses %s, naming its line", (_, body, message, offset = 0) => {
    const errs = errors(md("Intro.", "", ...body));
    const line = `line ${firstBodyLine + 2 + offset + (body[0] === "Intro." ? 2 : 0)}`;
    expect(errs.map((e) => e.field)).toContain(line);
    expect(errs.find((e) => e.field === line)?.message).toContain(message);
  });

  it("refuses an unknown ::: block instead of reading it as text", () => {
    const errs = errors(md("Intro.", "", "::: quote", "text: Something said", ":::", "", "After."));
    expect(errs).toEqual([{ field: `line ${firstBodyLine + 2}`, message: "`::: quote` is not a known block (`::: figure` or `::: embed`)" }]);
  });

  it("refuses an embed that is not https, and an unknown key in it", () => {
    const errs = errors(md("Intro.", "", "::: embed", "url: http://www.youtube.com/x", "size: big", ":::"));
    expect(errs).toContainEqual({ field: `line ${firstBodyLine + 4}`, message: "must be `url:`, `title:` inside an embed" });
    expect(errs).toContainEqual({ field: `line ${firstBodyLine + 2}: body[1].url`, message: "must be an https URL" });
  });

  it("reads authors, tags, language and corrections from the front matter", () => {
    const source = [
      "---",
      "id: 712",
      "section: News",
      "headline: تیتر",
      "slug: titr",
      "published: 2021-03-04",
      "authors: Jane Doe <https://example.com/jane>; John Roe",
      "tags: Iran, Oil",
      "language: fa",
      "correction: 2021-03-05 An earlier version misspelt a name.",
      "correction: 2021-03-06T10:00:00Z A date was wrong.",
      "---",
      "",
      "متن.",
      "",
    ].join("\n");
    const r = parseArticleSource(source);
    expect(r.ok && r.value).toMatchObject({
      authors: [{ name: "Jane Doe", url: "https://example.com/jane" }, { name: "John Roe" }],
      tags: ["Iran", "Oil"],
      language: "fa",
      corrections: [
        { date: "2021-03-05", text: "An earlier version misspelt a name." },
        { date: "2021-03-06T10:00:00Z", text: "A date was wrong." },
      ],
    });
  });
});

describe("JSON blocks", () => {
  const base = { id: "713", section: ["News"], headline: "H", published: "2021-03-04" };
  const check = (body: unknown[], extra: Record<string, unknown> = {}) =>
    validateArticle({ ...base, body: [{ type: "paragraph", text: "P" }, ...body], ...extra });
  const fieldsOf = (r: ReturnType<typeof check>) => (r.ok ? [] : r.errors.map((e) => e.field));

  it("accepts runs that join to the text, and derives a list's text when it is left out", () => {
    const r = check([
      { type: "paragraph", text: "A link.", runs: [{ text: "A " }, { text: "link", href: "mailto:desk@example.com", strong: true }, { text: "." }] },
      { type: "list", ordered: false, items: [{ text: "a" }, { text: "b" }] },
    ]);
    expect(r.ok && r.value.body[2]).toEqual({ type: "list", ordered: false, items: [{ text: "a" }, { text: "b" }], text: "a\nb" });
  });

  it.each([
    ["runs that do not join to the text", { type: "paragraph", text: "A link.", runs: [{ text: "A " }, { text: "lnk" }] }, "body[1].runs"],
    ["a javascript: href", { type: "paragraph", text: "x", runs: [{ text: "x", href: "javascript:alert(1)" }] }, "body[1].runs[0].href"],
    ["a mark that is not true", { type: "paragraph", text: "x", runs: [{ text: "x", em: 1 }] }, "body[1].runs[0].em"],
    ["an unknown member of a run", { type: "paragraph", text: "x", runs: [{ text: "x", color: "red" }] }, "body[1].runs[0].color"],
    ["an unknown member of a paragraph", { type: "paragraph", text: "x", style: "big" }, "body[1].style"],
    ["a heading level 4", { type: "heading", text: "x", level: 4 }, "body[1].level"],
    ["a list without items", { type: "list", ordered: true, items: [] }, "body[1].items"],
    ["a list whose ordered is not boolean", { type: "list", ordered: "yes", items: [{ text: "a" }] }, "body[1].ordered"],
    ["a quote with a wrong text", { type: "quote", paragraphs: [{ text: "a" }], text: "b" }, "body[1].text"],
    ["an http embed", { type: "embed", url: "http://x.com/a" }, "body[1].url"],
    ["an embed with a made-up provider", { type: "embed", url: "https://x.com/a", provider: "Trusted" }, "body[1].provider"],
    ["an unknown type", { type: "video", url: "https://x.com/a" }, "body[1].type"],
  ])("refuses %s, naming the field", (_, block, field) => {
    expect(fieldsOf(check([block]))).toContain(field);
  });

  it.each([
    [{ language: "Farsi!" }, "language"],
    [{ authors: [{ name: "A", url: "javascript:x" }] }, "authors[0].url"],
    [{ authors: [{ name: "" }] }, "authors[0].name"],
    [{ tags: [""] }, "tags[0]"],
    [{ corrections: [{ date: "yesterday", text: "x" }] }, "corrections[0].date"],
    [{ corrections: [{ date: "2021-03-05" }] }, "corrections[0].text"],
  ])("refuses metadata %j, naming %s", (extra, field) => {
    expect(fieldsOf(check([], extra))).toContain(field);
  });

  it("writes Persian and Arabic right to left, others left to right", () => {
    expect([direction("fa"), direction("ar"), direction("fa-IR"), direction("en"), direction("tr")]).toEqual(["rtl", "rtl", "rtl", "ltr", "ltr"]);
  });
});
