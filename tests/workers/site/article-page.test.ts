// Issue 36, the article page: a rail that is never empty (the section's other stories, else the site's
// latest) or one column when there is nothing to show; share links with their marks drawn inline (no
// request leaves the page); the author box; the Updated time after the dateline; corrections in the JSON-LD. Stories 436001–436009
// in a section of this file's own ("Harbour").
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { ArticlePage } from "../../../src/reader/render/article.tsx";
import { renderPage } from "../../../src/reader/render/layout.tsx";
import { siteFor } from "../../../src/reader/site/config.ts";
import { articleView } from "../../../src/reader/views/views.ts";
import { CANONICAL, get, loadSeedContent, store } from "../../support/helpers.ts";

const story = (id: string, section: string[], extra: Record<string, unknown> = {}) => ({
  id,
  section,
  headline: `Harbour story ${id}`,
  published: "2026-11-10T09:00:00Z",
  body: [{ type: "paragraph", text: `The text of story ${id}.` }],
  ...extra,
});

const MAIN = story("436001", ["Harbour", "Docks"], {
  slug: "Harbour-story",
  authors: [{ name: "Leila Karimi", url: "https://example.com/leila" }, { name: "Tom Reed" }],
  modified: "2026-11-11T12:30:00Z",
  corrections: [{ date: "2026-11-11", text: "An earlier version misspelt the harbour's name." }],
});
const SIBLING = story("436002", ["Harbour", "Docks"], { published: "2026-11-09T09:00:00Z" });
const PATH = "/Detail/2026/11/10/436001/Harbour-story";

beforeAll(async () => {
  await loadSeedContent();
  await store(MAIN, SIBLING);
});

const page = async (path: string) => (await get(CANONICAL + path, { Accept: "text/html" })).text();

describe("the rail", () => {
  it("beside an article with other stories: More in its section, with those stories, and the grid has two columns", async () => {
    const html = await page(PATH);
    expect(html).toContain('<div class="page-grid"><div class="main-col">');
    const rail = html.slice(html.indexOf('<div class="rail">'));
    expect(rail).toContain(`<a href="${CANONICAL}/Harbour/Docks">Docks</a>`);
    expect(rail).toContain("Harbour story 436002");
    expect(rail).not.toContain("Harbour story 436001");
  });

  it("with nothing to show, the article is one column and no empty rail is drawn", async () => {
    const site = siteFor(env, CANONICAL, CANONICAL);
    const view = articleView({ ...MAIN, description: "", tags: [], corrections: [] } as never, site);
    const html = await renderPage(ArticlePage({ article: view, site, extras: { nav: { sections: [] }, latest: [] } }), "");
    expect(html).toContain('<div class="page-grid solo"><div class="main-col">');
    expect(html).not.toContain('class="rail"');
    // And with only the site's latest to show, a rail of those.
    const latest = [
      { id: "436002", url: "/x", headline: "Harbour story 436002", section: ["Harbour"], datePublished: "2026-11-09T09:00:00Z", description: "", image: null },
    ];
    const withLatest = await renderPage(ArticlePage({ article: view, site, extras: { nav: { sections: [] }, latest } }), "");
    expect(withLatest).toContain('<div class="page-grid"><div class="main-col">');
    expect(withLatest).toContain('<h2 id="rail-latest">Latest</h2>');
  });
});

describe("sharing", () => {
  it("five links, each with its mark drawn inline and hidden from assistive technology; nothing is fetched for them", async () => {
    const html = await page(PATH);
    const share = html.slice(html.indexOf('<section class="share"'), html.indexOf("</section>", html.indexOf('<section class="share"')));
    const links = [
      ...share.matchAll(/<a href="([^"]+)" rel="noopener noreferrer"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="[^"]+"><\/path><\/svg>([^<]+)<\/a>/g),
    ];
    expect(links.map((l) => l[2])).toEqual(["X", "Facebook", "Telegram", "WhatsApp", "Email"]);
    expect(links.map((l) => new URL(l[1]!.replaceAll("&amp;", "&")).protocol)).toEqual(["https:", "https:", "https:", "https:", "mailto:"]);
    expect(share).not.toMatch(/<img|<script|<use|url\(/);
  });
});

describe("the byline and the author box", () => {
  it("the Updated time follows the dateline, its label joined to the time", async () => {
    const html = await page(PATH);
    expect(html).toContain(
      '<time datetime="2026-11-10T09:00:00Z">Tuesday 10 November 2026, 09:00 GMT</time> · <span class="updated">Updated\u00a0<time datetime="2026-11-11T12:30:00Z">Wednesday 11 November 2026, 12:30 GMT</time></span>',
    );
  });

  it("the author box names each author with a monogram, links each name to their stories here, and the one who has a page to it", async () => {
    const html = await page(PATH);
    const box = html.slice(html.indexOf('<section class="authors"'), html.indexOf("</section>", html.indexOf('<section class="authors"')));
    expect(box).toContain('<h2 id="about-authors">About the authors</h2>');
    expect(box).toContain(
      '<span class="monogram" aria-hidden="true">L</span><span class="who"><b><a href="/author/leila-karimi">Leila Karimi</a></b><a href="https://example.com/leila" rel="author noopener noreferrer">Profile</a></span>',
    );
    expect(box).toContain('<span class="monogram" aria-hidden="true">T</span><span class="who"><b><a href="/author/tom-reed">Tom Reed</a></b></span>');
  });

  it("an article without authors has no author box", async () => {
    const html = await page("/Detail/2026/11/09/436002/Harbour-story-436002");
    expect(html).toContain("Harbour story 436002");
    expect(html).not.toContain('class="authors"');
  });
});

describe("corrections in the structured data", () => {
  const jsonLd = (html: string) => JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)![1]!) as Record<string, unknown>;

  it("NewsArticle JSON-LD lists the corrections the page prints as CorrectionComment", async () => {
    const html = await page(PATH);
    expect(html).toContain("An earlier version misspelt the harbour&#39;s name.");
    expect(jsonLd(html).correction).toEqual([
      { "@type": "CorrectionComment", text: "An earlier version misspelt the harbour's name.", datePublished: "2026-11-11T00:00:00Z" },
    ]);
  });

  it("an article never corrected has none", async () => {
    expect(jsonLd(await page("/Detail/2026/11/09/436002/Harbour-story-436002"))).not.toHaveProperty("correction");
  });
});
