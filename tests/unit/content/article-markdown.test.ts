// Issue 39: an export writes each article as a content/ file that the content build reads back to
// the same article, byte for byte as JSON; an article the Markdown cannot carry is said so (null),
// and the export keeps it as JSON.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Article, validateArticle } from "../../../src/shared/model/schema.ts";
import { articleMarkdown, exactMarkdown } from "../../../tools/content/article-markdown.ts";
import { parseArticleSource } from "../../../tools/content/source.ts";

const valid = (input: Record<string, unknown>): Article => {
  const checked = validateArticle({ id: "390001", section: ["News"], headline: "A headline", published: "2026-10-01", ...input });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.value;
};

const RICH = valid({
  section: ["News", "Middle East", "Syria"],
  headline: "Talks: *not* a [link] # nor a heading",
  published: "2026-10-01T08:00:00+03:30",
  modified: "2026-10-02T10:00:00Z",
  slug: "Talks-resume",
  description: "The standfirst, with: colons; semicolons, and *stars*.",
  authors: [{ name: "Jane Doe", url: "https://example.com/jane" }, { name: "John Roe" }],
  tags: ["Idlib", "Talks"],
  language: "fa",
  status: "draft",
  featured: true,
  corrections: [
    { date: "2026-10-02", text: "An earlier version misstated the vote." },
    { date: "2026-10-03T09:00:00Z", text: "And the date." },
  ],
  body: [
    { type: "figure", caption: "Ships: at the quay.", credit: "Photo by Test", src: "https://www.presstv.ir/media/" + "a".repeat(64), alt: "Two ships", width: 1600, height: 900 },
    { type: "paragraph", text: "::: not a block, 1. not a list, > not a quote" },
    { type: "heading", text: "A subheading" },
    { type: "heading", text: "A smaller one", level: 3 },
    { type: "paragraph", text: "It passed by 180 votes, said the speaker.", runs: [{ text: "It passed by " }, { text: "180 votes", strong: true }, { text: ", said " }, { text: "the speaker", href: "https://example.com/(speaker)", em: true }, { text: "." }] },
    { type: "list", ordered: false, items: [{ text: "one" }, { text: "two", runs: [{ text: "two", em: true }] }] },
    { type: "list", ordered: false, items: [{ text: "another list right after" }] },
    { type: "list", ordered: true, items: [{ text: "first" }, { text: "second" }] },
    { type: "quote", paragraphs: [{ text: "A budget for the people." }, { text: "And more." }], attribution: "The speaker" },
    { type: "quote", paragraphs: [{ text: "Unattributed." }] },
    { type: "embed", url: "https://www.youtube.com/watch?v=abc123", title: "The session" },
    { type: "paragraph", text: "Last words \\ with a backslash & an &amp; entity." },
  ],
});

describe("an article as a content/ file (issue 39)", () => {
  it("reads back to the same article: front matter, every block type, escaped text", () => {
    expect(exactMarkdown(RICH)).not.toBeNull();
    const text = articleMarkdown(RICH);
    expect(text).toContain("\nstatus: draft\n");
    expect(text).toContain("\n::: figure\ncaption: Ships: at the quay.\n");
  });

  it("says when the Markdown cannot carry an article (a tag with a comma, an author with a semicolon)", () => {
    expect(exactMarkdown(valid({ tags: ["Oil, gas"], body: [{ type: "paragraph", text: "x" }] }))).toBeNull();
    expect(exactMarkdown(valid({ authors: [{ name: "Doe; Jane" }], body: [{ type: "paragraph", text: "x" }] }))).toBeNull();
    // Runs an API client split where the content build would join them.
    expect(exactMarkdown(valid({ body: [{ type: "paragraph", text: "ab", runs: [{ text: "a", em: true }, { text: "b", em: true }] }] }))).toBeNull();
  });

  it("carries any article the content build can make from Markdown (property)", () => {
    // Bodies typed as an editor types them: words, emphasis, links, lists, quotes and headings, with
    // the characters CommonMark gives meaning to; those the content build reads become the articles.
    const token = fc.constantFrom(
      ..."Oil prices rose again — said Ahmad; ف 😀".split(" "),
      ..."* ** _ __ [ ] ( ) # > - + ! \\ < & : . ; , | ~ = \" ' é \u00a0".split(" "),
      "*emphasis*",
      "**strong**",
      "***both***",
      "_under_",
      "[a link](https://example.com/a)",
      "[a *mixed* link](/News/Iran)",
      "[mail](mailto:desk@example.com)",
      "&amp;",
      "&copy;",
    );
    const line = fc.tuple(fc.array(token, { minLength: 1, maxLength: 10 }), fc.constantFrom(" ", "")).map(([t, joint]) => t.join(joint));
    const start = fc.constantFrom("", "", "", "## ", "### ", "- ", "1. ", "> ", "> — ");
    const body = fc.array(fc.tuple(start, line).map(([s, l]) => s + l), { minLength: 1, maxLength: 6 }).map((lines) => lines.join("\n\n"));
    let carried = 0;
    fc.assert(
      fc.property(body, (markdown) => {
        const made = parseArticleSource(`---\nid: 390002\nsection: News\nheadline: H\npublished: 2026-10-01\n---\n\n${markdown}\n`);
        if (!made.ok) return;
        carried++;
        expect(exactMarkdown(made.value), markdown).not.toBeNull();
      }),
      { numRuns: 600 },
    );
    // Most bodies are ones the content build reads (the rest use a construct it refuses).
    expect(carried).toBeGreaterThan(300);
    // 600 bodies take about 2 s alone, and several times that on a machine shared with other runs.
  }, 120_000);
});
