// A rich article published through the API, end to end: the page, JSON (checked against
// /openapi.json), Markdown and the feed all carry its links, emphasis, lists, quote, sub-heading,
// embed, byline, tags, language and corrections.
import { Validator } from "@cfworker/json-schema";
import { parseFeed } from "@rowanmanning/feed-parser";
import { fromMarkdown } from "mdast-util-from-markdown";
import { beforeAll, describe, expect, it } from "vitest";
import { CANONICAL, get, loadSeedContent, TOKEN, WAIT } from "../../support/helpers.ts";

const ID = "711001";
const PATH = `/Detail/2026/11/20/${ID}/Oil-talks-resume`;
const ARTICLE = {
  section: ["News", "Iran"],
  headline: "گفت‌وگوهای نفتی از سر گرفته شد",
  slug: "Oil-talks-resume",
  description: "Negotiators met again in Vienna after a month.",
  published: "2026-11-20",
  language: "fa",
  authors: [{ name: "Jane Doe", url: "https://example.com/jane" }, { name: "John Roe" }],
  tags: ["Oil", "Vienna"],
  corrections: [{ date: "2026-11-21", text: "An earlier version gave the wrong city." }],
  body: [
    {
      type: "paragraph",
      text: "The ministry said talks were back on track.",
      runs: [
        { text: "The " },
        { text: "ministry", href: "https://example.gov/statement" },
        { text: " said talks were " },
        { text: "back on track", em: true },
        { text: "." },
      ],
    },
    { type: "heading", text: "What was agreed", level: 3 },
    {
      type: "list",
      ordered: true,
      items: [{ text: "A schedule" }, { text: "More in the section", runs: [{ text: "More in the " }, { text: "section", href: "/News/Iran" }] }],
    },
    { type: "quote", paragraphs: [{ text: "We will not give up our rights." }], attribution: "The oil minister" },
    { type: "embed", url: "https://www.youtube.com/watch?v=abc123", title: "The minister's statement" },
  ],
};

beforeAll(async () => {
  await loadSeedContent();
  const res = await get(
    `${CANONICAL}/api/v1/articles/${ID}`,
    { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json", ...WAIT },
    { method: "PUT", body: JSON.stringify(ARTICLE) },
  );
  expect(res.status).toBe(201);
});

describe("the page", () => {
  let html = "";
  beforeAll(async () => {
    html = await (await get(CANONICAL + PATH)).text();
  });

  it("is Persian, right to left, inside the site's own left-to-right English chrome", () => {
    expect(html.startsWith('<!DOCTYPE html><html lang="en" dir="ltr">')).toBe(true);
    expect(html).toContain('<article class="story" lang="fa" dir="rtl"><h1>');
    // The chrome stays English (issue 24): the menu, the share box, the rail.
    expect(html).toContain('<nav class="menu" aria-label="Sections">');
    expect(html).toContain('<h2 id="share">SHARE THIS ARTICLE</h2>');
  });

  // Issue 24: the article's own block (byline, dateline, corrections, tags) in the article's language.
  it("shows the standfirst, byline, corrections and tags in Persian: its words, its list separators, its calendar and digits", () => {
    expect(html).toContain('<p class="standfirst">Negotiators met again in Vienna after a month.</p>');
    expect(html).toContain(
      'به قلم <a href="/author/jane-doe" rel="author">Jane Doe</a> و <a href="/author/john-roe" rel="author">John Roe</a> · <time datetime="2026-11-20">جمعه ۲۹ آبان ۱۴۰۵ (۲۰ نوامبر ۲۰۲۶)</time>',
    );
    expect(html).toContain('<h2 id="corrections">اصلاحیه‌ها</h2>');
    expect(html).toContain('<time datetime="2026-11-21">شنبه ۳۰ آبان ۱۴۰۵ (۲۱ نوامبر ۲۰۲۶)</time>: An earlier version gave the wrong city.');
    expect(html).toContain(`برچسب‌ها: <a href="${CANONICAL}/tag/oil" rel="tag">Oil</a>،\u200f <a href="${CANONICAL}/tag/vienna" rel="tag">Vienna</a>`);
  });

  it("renders links, emphasis, the sub-heading, the list, the quote and the embed as a link card without third-party frames", () => {
    expect(html).toContain('<p>The <a href="https://example.gov/statement" rel="noopener noreferrer">ministry</a> said talks were <em>back on track</em>.</p>');
    expect(html).toContain("<h3>What was agreed</h3>");
    expect(html).toContain('<ol><li>A schedule</li><li>More in the <a href="/News/Iran">section</a></li></ol>');
    expect(html).toContain(
      '<figure class="quote"><blockquote><p>We will not give up our rights.</p></blockquote><figcaption>— The oil minister</figcaption></figure>',
    );
    // Issue 24: a card (provider, title, a play cue for a video) that is one link, loading nothing of YouTube's.
    expect(html).toContain(
      '<aside class="embed" aria-label="YouTube"><a class="card-link video" href="https://www.youtube.com/watch?v=abc123" rel="noopener noreferrer"><span class="provider">YouTube</span> <span class="title">The minister&#39;s statement</span> <span class="cue"><span class="play" aria-hidden="true">▶</span>تماشا در YouTube</span></a></aside>',
    );
    expect(html).not.toMatch(/<iframe|<script(?! type="application\/ld\+json")/);
  });

  it("names the authors, language and tags in the JSON-LD", () => {
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)![1]);
    expect(ld).toMatchObject({
      inLanguage: "fa",
      author: [
        { "@type": "Person", name: "Jane Doe", url: "https://example.com/jane" },
        { "@type": "Person", name: "John Roe" },
      ],
      keywords: ["Oil", "Vienna"],
    });
  });
});

describe("the JSON", () => {
  it("has runs and a plain text on every block, and matches /openapi.json", async () => {
    const a = await (await get(CANONICAL + PATH, { Accept: "application/json" })).json<Record<string, unknown> & { body: { type: string; text: string }[] }>();
    expect(a.body.map((b) => [b.type, b.text])).toEqual([
      ["paragraph", "The ministry said talks were back on track."],
      ["heading", "What was agreed"],
      ["list", "A schedule\nMore in the section"],
      ["quote", "We will not give up our rights."],
      ["embed", "The minister's statement"],
    ]);
    expect(a.body[4]).toMatchObject({ provider: "YouTube" });
    expect(a).toMatchObject({ language: "fa", tags: ["Oil", "Vienna"], corrections: ARTICLE.corrections, authors: ARTICLE.authors });
    const openapi = await (await get(CANONICAL + "/openapi.json")).json<{ components: object }>();
    const v = new Validator({ $ref: "#/components/schemas/Article", components: openapi.components } as object, "2020-12", false);
    expect(v.validate(a).errors).toEqual([]);
    expect(
      new Validator({ $ref: "#/components/schemas/ArticleInput", components: openapi.components } as object, "2020-12", false).validate(ARTICLE).errors,
    ).toEqual([]);
  });
});

describe("the Markdown", () => {
  it("has the links, emphasis, sub-heading, list, quote, embed, byline and corrections", async () => {
    const text = await (await get(CANONICAL + PATH, { Accept: "text/markdown" })).text();
    expect(text).toContain("The [ministry](<https://example.gov/statement>) said talks were *back on track*.");
    expect(text).toContain("### What was agreed");
    expect(text).toContain(`1. A schedule\n2. More in the [section](<${CANONICAL}/News/Iran>)`);
    expect(text).toContain("> We will not give up our rights.\n>\n> — The oil minister");
    expect(text).toContain("YouTube: [The minister's statement](<https://www.youtube.com/watch?v=abc123>)");
    expect(text).toContain("By [Jane Doe](<https://example.com/jane>), John Roe");
    expect(text).toContain("## Corrections\n\n- 2026-11-21: An earlier version gave the wrong city.");
    const types = fromMarkdown(text).children.map((n) => n.type);
    expect(types).toContain("list");
    expect(types).toContain("blockquote");
  });
});

describe("the feed", () => {
  it("carries the body with site-relative links made absolute", async () => {
    const feed = parseFeed(await (await get(`${CANONICAL}/News/Iran/rss.xml`)).text());
    const item = feed.items.find((i) => i.url === CANONICAL + PATH)!;
    expect(item.description).toBe("Negotiators met again in Vienna after a month.");
    expect(item.content).toContain(`More in the <a href="${CANONICAL}/News/Iran">section</a>`);
    expect(item.content).toContain("<em>back on track</em>");
    expect(item.authors.map((a) => a.name)).toEqual(["Jane Doe", "John Roe"]);
    const atom = parseFeed(await (await get(`${CANONICAL}/News/Iran/atom.xml`)).text());
    expect(atom.items.find((i) => i.url === CANONICAL + PATH)!.authors.map((a) => [a.name, a.url])).toEqual([
      ["Jane Doe", "https://example.com/jane"],
      ["John Roe", null],
    ]);
  });
});

// Issue 36: on the English front page its card reads right to left, its byline and time in Persian, as on its own page.
describe("its card on the front page", () => {
  it("carries the story's lang and dir, and its byline in Persian", async () => {
    const html = await (await get(CANONICAL + "/News/Iran", { Accept: "text/html" })).text();
    const lead = /<article class="lead[^"]*" lang="fa" dir="rtl">([^]*?)<\/article>/.exec(html)?.[1] ?? "";
    expect(lead).toContain("گفت‌وگوهای نفتی از سر گرفته شد");
    expect(lead).toContain("به قلم Jane Doe و John Roe");
    expect(html).toContain('<html lang="en" dir="ltr">');
  });
});
