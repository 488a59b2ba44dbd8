// The pure parts of the agents' representations, in Node: /llms.txt and the page-text helpers in
// render/format.ts (captions, standfirst). What they look like through the Worker is in
// markdown-integration; these pin their own contracts for mutation testing.
import { describe, expect, it } from "vitest";
import type { IndexEntry } from "../src/model/documents.ts";
import { llmsTxt } from "../src/feeds/llms.ts";
import { captionLine, longDate, standfirst } from "../src/render/format.ts";
import type { ArticleView } from "../src/views.ts";

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

describe("render/format", () => {
  it("writes a date as the publisher does, from the day as written", () => {
    expect(longDate("2020-02-27")).toBe("Thursday 27 February 2020");
    expect(longDate("2021-01-03T23:30:00-05:00")).toBe("Sunday 3 January 2021");
  });

  it("puts the credit after the caption in parentheses", () => {
    expect(captionLine("Turkish soldiers.", "Photo by AFP")).toBe("Turkish soldiers. (Photo by AFP)");
  });

  it("shows the description as a standfirst only when the body's opening does not already say it", () => {
    const view = (description: string, first: string) =>
      ({
        description,
        body: [
          { type: "heading", text: "H" },
          { type: "paragraph", text: first },
        ],
      }) as unknown as ArticleView;
    expect(standfirst(view("Dozens killed.", "Dozens killed. More text."))).toBeUndefined();
    expect(standfirst(view("Dozens killed in…", "Dozens killed in Idlib."))).toBeUndefined();
    expect(standfirst(view("A summary of its own.", "Dozens killed."))).toBe("A summary of its own.");
    // Only a closing ellipsis marks a cut opening; one inside is the description's own text.
    expect(standfirst(view("Dozens… killed", "Dozens killed"))).toBe("Dozens… killed");
    expect(standfirst({ description: "Only a figure.", body: [{ type: "figure", caption: "c", credit: "d" }] } as unknown as ArticleView)).toBe(
      "Only a figure.",
    );
  });
});
