// The Markdown representation for agents: negotiation, headers, the seed word for word, a real
// CommonMark parser reading back the article's structure, listings and /llms.txt.
import type { Heading, Link, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { toString } from "mdast-util-to-string";
import { beforeAll, describe, expect, it } from "vitest";
import seed from "../../support/fixtures/seed-article.txt?raw";
import { CANONICAL, get, loadSeedContent, SEED_PATH, seedLinesOfThisSite, SITE_NAME } from "../../support/helpers.ts";

beforeAll(loadSeedContent);

const URL_ = CANONICAL + SEED_PATH;
const MD = { Accept: "text/markdown" };
// The breadcrumb (the seed's first line) is the publisher's layout on the page, plain `News / Syria / Turkey` here.
const lines = seedLinesOfThisSite(seed.split("\n").filter((l) => l.trim() !== "")).map((l, i) => (i === 0 ? l.split(/\s+\/\s+/).join(" / ") : l));

function nodes<T>(tree: Root, type: string): T[] {
  const out: T[] = [];
  const walk = (n: { type: string; children?: unknown[] }) => {
    if (n.type === type) out.push(n as T);
    for (const c of (n.children ?? []) as { type: string }[]) walk(c);
  };
  walk(tree);
  return out;
}

describe("negotiation", () => {
  it.each([
    ["text/markdown", "text/markdown; charset=utf-8"],
    ["text/markdown;charset=utf-8", "text/markdown; charset=utf-8"],
    ["text/markdown, text/html;q=0.9, */*;q=0.8", "text/markdown; charset=utf-8"],
    ["text/html, text/markdown", "text/html; charset=utf-8"],
    ["text/*", "text/html; charset=utf-8"],
    ["*/*", "text/html; charset=utf-8"],
    // Chrome, Firefox and Safari navigations
    [
      "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7",
      "text/html; charset=utf-8",
    ],
    ["text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html; charset=utf-8"],
    ["text/html;q=0, application/json;q=0, */*", "text/markdown; charset=utf-8"],
  ])("Accept %j → %s", async (accept, type) => {
    const res = await get(URL_, { Accept: accept });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(type);
    expect(res.headers.get("vary")).toBe("Accept");
  });

  it("answers 406 listing the three types when none is acceptable", async () => {
    const res = await get(URL_, { Accept: "text/plain" });
    expect(res.status).toBe(406);
    expect(await res.json()).toMatchObject({ available: ["text/html", "application/json", "text/markdown"] });
  });
});

describe("an article as Markdown", () => {
  let res: Response;
  let text = "";
  beforeAll(async () => {
    res = await get(URL_, MD);
    text = await res.text();
  });

  it("has its own ETag, 304 on it, and not on the HTML one", async () => {
    const etag = res.headers.get("etag")!;
    expect(etag).toMatch(/^"markdown-[\w-]{22}"$/);
    const html = await get(URL_);
    expect(html.headers.get("etag")).not.toBe(etag);
    const again = await get(URL_, { ...MD, "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(again.headers.get("vary")).toBe("Accept");
    expect((await get(URL_, { ...MD, "If-None-Match": html.headers.get("etag")! })).status).toBe(200);
  });

  it("sends the Content-Signal from wrangler.toml and a token estimate of characters ÷ 4", () => {
    expect(res.headers.get("content-signal")).toBe("search=yes, ai-input=yes, ai-train=no");
    expect(res.headers.get("x-markdown-tokens")).toBe(String(Math.ceil(text.length / 4)));
    expect(Number(res.headers.get("x-markdown-tokens"))).toBeGreaterThan(1500);
    expect(res.headers.get("link")).toBe(`<${URL_}>; rel="canonical"`);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("opens with the breadcrumb in one kind of space: no no-break spaces among the others (issue 34, item 17)", () => {
    expect(text.split("\n")[0]).toBe("News / Syria / Turkey");
  });

  it("contains every line of the seed, in order", () => {
    let from = 0;
    for (const line of lines) {
      const at = text.indexOf(line, from);
      expect(at, `missing or out of order: ${line}`).toBeGreaterThanOrEqual(0);
      from = at + line.length;
    }
  });

  it("reads back, through a CommonMark parser, as the headline, the date, the body's paragraphs, sub-headings and figures", async () => {
    const tree = fromMarkdown(text);
    const headings = nodes<Heading>(tree, "heading");
    expect(headings[0].depth).toBe(1);
    expect(toString(headings[0])).toBe("34 Turkish troops killed in Syria's Idlib as govt. forces continue gains");
    const json = await (await get(URL_, { Accept: "application/json" })).json<{ body: { type: string; text?: string; caption?: string; credit?: string }[] }>();
    const subheadings = headings.slice(1).map((h) => [h.depth, toString(h)]);
    expect(subheadings).toEqual(json.body.filter((b) => b.type === "heading").map((b) => [2, b.text]));
    const paragraphs = nodes<Root>(tree, "paragraph").map((p) => toString(p));
    expect(paragraphs).toContain("Published Thursday 27 February 2020 (2020-02-27)");
    expect(paragraphs).toContain(
      "Figure: This picture taken on February 25, 2020 shows the wreckage of an unmanned aerial vehicle belonging to the Turkish military after it was intercepted and targeted by Syrian forces in the skies over Dadikh village, northwestern province of Idlib. (Photo by SANA)",
    );
    for (const b of json.body) if (b.type === "paragraph") expect(paragraphs).toContain(b.text);
    // The body is in reading order: the paragraphs appear in the JSON's order.
    const order = json.body.filter((b) => b.type === "paragraph").map((b) => paragraphs.indexOf(b.text!));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const links = nodes<Link>(tree, "link").map((l) => l.url);
    expect(links).toContain(URL_);
  });

  it("answers HEAD with the same headers and no body", async () => {
    const head = await get(URL_, MD, { method: "HEAD" });
    expect(head.headers.get("etag")).toBe(res.headers.get("etag"));
    expect(head.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(await head.text()).toBe("");
  });
});

describe("a listing as Markdown", () => {
  it.each(["/", "/News", "/News/Syria/Turkey"])("%s lists the seed as a link to its URL", async (path) => {
    const res = await get(CANONICAL + path, MD);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(res.headers.get("etag")).toMatch(/^"markdown-/);
    expect(res.headers.get("content-signal")).toBe("search=yes, ai-input=yes, ai-train=no");
    const tree = fromMarkdown(await res.text());
    const link = nodes<Link>(tree, "link").find((l) => l.url === URL_);
    expect(link && toString(link)).toBe("34 Turkish troops killed in Syria's Idlib as govt. forces continue gains");
    expect(toString(nodes<Heading>(tree, "heading")[0])).toBe(
      `${path === "/" ? "Latest news" : path === "/News" ? "News" : "News / Syria / Turkey"} | ${SITE_NAME}`,
    );
  });
});

describe("/llms.txt", () => {
  it("describes the site and links the newest articles and every section level", async () => {
    const res = await get(CANONICAL + "/llms.txt");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(res.headers.get("content-signal")).toBe("search=yes, ai-input=yes, ai-train=no");
    expect(res.headers.get("etag")).toMatch(/^"llms-/);
    const text = await res.text();
    const tree = fromMarkdown(text);
    const headings = nodes<Heading>(tree, "heading");
    expect([headings[0].depth, toString(headings[0])]).toEqual([1, SITE_NAME]);
    expect(nodes<Root>(tree, "blockquote")).toHaveLength(1);
    expect(text).toContain("text/markdown");
    const urls = nodes<Link>(tree, "link").map((l) => l.url);
    expect(urls).toContain(URL_);
    for (const section of ["/News", "/News/Syria", "/News/Syria/Turkey"]) expect(urls).toContain(CANONICAL + section);
    // Every linked page answers Markdown.
    for (const url of urls.filter((u) => !u.endsWith(".xml") && !u.endsWith(".json"))) {
      const page = await get(url, MD);
      expect(page.status, url).toBe(200);
      expect(page.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    }
  });
});
