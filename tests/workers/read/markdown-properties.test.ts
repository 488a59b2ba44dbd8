// Whatever the text, the Markdown says it literally: a CommonMark parser (micromark, via
// mdast-util-from-markdown) reads back exactly the headline, paragraphs, sub-headings and captions.
import fc from "fast-check";
import { fromMarkdown } from "mdast-util-from-markdown";
import { toString } from "mdast-util-to-string";
import { describe, expect, it } from "vitest";
import { articleMarkdown, listMarkdown } from "../../../src/reader/render/markdown.ts";
import type { ArticleView } from "../../../src/reader/views/views.ts";
import type { Site } from "../../../src/reader/site/config.ts";

const site: Site = { name: "Site", addresses: [], apps: [], origin: "https://a.example", canonicalOrigin: "https://a.example", language: "en" };

// Markup characters of every kind, digits, letters, spaces (ASCII and not).
const CHARS = [..."\\`*_~<>[]()!#&;:+-=|.)0123456789aZ x\u00a0\"'/@{}^$%?,"];
// What a schema text can be: non-empty, no control characters, no leading or trailing ASCII space.
const textArb = fc
  .array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 30 })
  .map((cs) => cs.join("").replace(/^[ ]+|[ ]+$/g, ""))
  .filter((s) => s !== "");
const entityArb = fc.constantFrom("&amp;", "&#35;", "&#x41;", "&copy;", "[a](b)", "[a]: /x", "<b>", "1. x", "- x", "***", "# x #", "`x`", "\\");
const anyText = fc.oneof(
  textArb,
  entityArb,
  fc.tuple(textArb, entityArb, textArb).map(([a, b, c]) => a + b + c),
);

function blocks(md: string) {
  return fromMarkdown(md).children.map((n) => ({ type: n.type, depth: "depth" in n ? n.depth : undefined, text: toString(n) }));
}

describe("articleMarkdown", () => {
  it("keeps every text literal through a CommonMark parser", () => {
    fc.assert(
      fc.property(anyText, anyText, anyText, anyText, anyText, (headline, paragraph, heading, caption, credit) => {
        const view: ArticleView = {
          id: "1",
          url: "https://a.example/x",
          canonicalUrl: "https://a.example/x",
          section: ["News"],
          headline,
          description: paragraph,
          datePublished: "2020-02-27",
          dateModified: "2020-02-27",
          image: null,
          body: [
            { type: "paragraph", text: paragraph },
            { type: "heading", text: heading },
            { type: "figure", caption, credit },
          ],
          authors: [],
          tags: [],
          language: "en",
          corrections: [],
        };
        const out = blocks(articleMarkdown(view, site));
        expect(out[1]).toEqual({ type: "heading", depth: 1, text: headline });
        const at = out.findIndex((b) => b.type === "paragraph" && b.text === paragraph);
        expect(at, articleMarkdown(view, site)).toBeGreaterThan(1);
        expect(out[at + 1]).toEqual({ type: "heading", depth: 2, text: heading });
        expect(out[at + 2]).toEqual({ type: "paragraph", depth: undefined, text: `Figure: ${caption} (${credit})` });
      }),
      { numRuns: 500 },
    );
  });
});

describe("listMarkdown", () => {
  it("links every headline, whatever it contains", () => {
    fc.assert(
      fc.property(anyText, (headline) => {
        const list = {
          section: [],
          total: 1,
          page: 1,
          perPage: 20,
          pages: 1,
          articles: [
            {
              id: "1",
              url: "https://a.example/x(1)",
              canonicalUrl: "https://a.example/x",
              section: ["News"],
              headline,
              datePublished: "2020-02-27",
              dateModified: "2020-02-27",
            },
          ],
        };
        const tree = fromMarkdown(listMarkdown(list, site, {}));
        const list_ = tree.children.find((n) => n.type === "list")!;
        const item = toString(list_);
        expect(item).toBe(`${headline}: News, 2020-02-27`);
        expect(JSON.stringify(list_)).toContain('"url":"https://a.example/x(1)"');
      }),
      { numRuns: 300 },
    );
  });
});
