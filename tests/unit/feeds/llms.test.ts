// /llms.txt in plain Node: the site, the newest articles and every section level, links as CommonMark
// needs them. What it looks like through the Worker is in tests/workers/read/markdown.test.ts.
import { describe, expect, it } from "vitest";
import { type FeedEntry } from "../../../src/reader/feeds/formats.ts";
import { llmsTxt } from "../../../src/reader/feeds/llms.ts";
import type { IndexEntry } from "../../../src/shared/model/documents.ts";

// From agents-unit.test.ts: The pure parts of the agents' representations, in Node: /llms.txt and the page-text helpers in render/format.ts (captions, standfirst). What they look like through the Worker is in markdown-integration; these pin their own contracts for mutation testing.
describe("pinned for mutation testing: the agents' representations", () => {
  const entry = (id: string, section: string[], headline: string): IndexEntry => ({
    id,
    path: `/Detail/2020/02/27/${id}/x`,
    headline,
    section,
    published: "2020-02-27",
    modified: "2020-02-27",
  });

  describe("llms.txt", () => {
    const slug = (names: string[]) => `/${names.map((n) => n.replace(/ /g, "-")).join("/")}`;

    it("names the site, lists the newest articles and every section level once, in order of first appearance", () => {
      const text = llmsTxt(
        { siteName: "Press TV", origin: "https://www.presstv.ir" },
        [entry("2", ["News", "Middle East"], "Second"), entry("1", ["News", "Syria"], "First [1]")],
        slug,
      );
      const lines = text.split("\n");
      expect(lines[0]).toBe("# Press TV");
      expect(lines[2]).toMatch(/^> News articles from Press TV\. Every article and section URL below also answers `Accept: text\/markdown`/);
      expect(lines).toContain("- [Second](https://www.presstv.ir/Detail/2020/02/27/2/x): News / Middle East, 2020-02-27");
      expect(lines).toContain("- [First \\[1\\]](https://www.presstv.ir/Detail/2020/02/27/1/x): News / Syria, 2020-02-27");
      const sections = lines.slice(lines.indexOf("## Sections") + 2, lines.indexOf("## Optional") - 1);
      expect(sections).toEqual([
        "- [All articles](https://www.presstv.ir/)",
        "- [News](https://www.presstv.ir/News)",
        "- [News / Middle East](https://www.presstv.ir/News/Middle-East)",
        "- [News / Syria](https://www.presstv.ir/News/Syria)",
      ]);
      expect(lines.slice(lines.indexOf("## Optional") + 2, -1)).toEqual([
        "- [OpenAPI description of the JSON API](https://www.presstv.ir/openapi.json)",
        "- [RSS feed](https://www.presstv.ir/rss.xml)",
        "- [Sitemap](https://www.presstv.ir/sitemap.xml)",
      ]);
      expect(text.endsWith("\n")).toBe(true);
    });

    it("is exactly this file for one article", () => {
      const text = llmsTxt({ siteName: "Press TV", origin: "https://www.presstv.ir" }, [entry("1", ["News"], "Only")], slug);
      expect(text).toBe(
        [
          "# Press TV",
          "",
          "> News articles from Press TV. Every article and section URL below also answers `Accept: text/markdown` with the same content as Markdown, and `Accept: application/json` with JSON.",
          "",
          "Articles are at `/Detail/YYYY/MM/DD/<id>/<slug>`; sections at `/<Section>/<Subsection>`, newest first, `?page=N` for older ones.",
          "",
          "## Newest articles",
          "",
          "- [Only](https://www.presstv.ir/Detail/2020/02/27/1/x): News, 2020-02-27",
          "",
          "## Sections",
          "",
          "- [All articles](https://www.presstv.ir/)",
          "- [News](https://www.presstv.ir/News)",
          "",
          "## Optional",
          "",
          "- [OpenAPI description of the JSON API](https://www.presstv.ir/openapi.json)",
          "- [RSS feed](https://www.presstv.ir/rss.xml)",
          "- [Sitemap](https://www.presstv.ir/sitemap.xml)",
          "",
        ].join("\n"),
      );
    });

    it("escapes what could start markup in names, and says so when there is no article", () => {
      const text = llmsTxt({ siteName: "A*B_C`D~E<F&G\\H", origin: "http://127.0.0.1:8787" }, [], slug);
      expect(text.split("\n")[0]).toBe("# A\\*B\\_C\\`D\\~E\\<F\\&G\\\\H");
      expect(text).toContain("## Newest articles\n\n- none yet\n");
      expect(text).toContain("- [All articles](http://127.0.0.1:8787/)");
    });
  });
});

// From findings-feeds-unit.test.ts: Issue 23, the pure parts in plain Node: feeds, sitemaps and llms.txt for articles in another language and with photos (items 1, 2, 3, 5), and the article head's structured data (item 4). Each test is named after the defect it pins.
describe("issue 23's findings", () => {
  const ORIGIN = "https://www.presstv.ir";
  const entry = (id: string, published: string, extra: Partial<FeedEntry> = {}): FeedEntry => ({
    id,
    path: `/Detail/2021/06/01/${id}/x`,
    headline: `Story ${id}`,
    section: ["News"],
    published,
    modified: published,
    ...extra,
  });

  describe("llms.txt links (issue 23, item 5)", () => {
    const slug = (names: string[]) => "/" + names.join("/");
    it("are [title](url) where the URL needs no brackets, and <url> only where CommonMark needs them", () => {
      const text = llmsTxt({ siteName: "Press TV", origin: ORIGIN }, [{ ...entry("1", "2021-06-01"), section: ["News", "Middle East"] }], slug);
      expect(text).toContain(`- [Story 1](${ORIGIN}/Detail/2021/06/01/1/x): News / Middle East, 2021-06-01`);
      expect(text).toContain(`- [News](${ORIGIN}/News)`);
      // A space (or a parenthesis) in a URL: the destination must be bracketed, with < > \ encoded.
      expect(text).toContain(`- [News / Middle East](<${ORIGIN}/News/Middle East>)`);
      const odd = llmsTxt({ siteName: "P", origin: ORIGIN }, [{ ...entry("2", "2021-06-01"), section: ["A(b)", "C<d>\\"] }], slug);
      expect(odd).toContain(`- [A(b)](<${ORIGIN}/A(b)>)`);
      expect(odd).toContain(`(<${ORIGIN}/A(b)/C%3Cd%3E%5C>)`);
    });
  });
});
