// Issue 24: a front page an editor would sign off. The lead is the newest story with a picture among
// the newest few, or an editor's `featured` story; each story appears once on a page (lead, under
// it, Latest, blocks, More news); sections follow SITE_SECTIONS (wrangler.toml: News, News/Iran,
// News/Syria, Economy, Sports, Culture), then the others alphabetically, in the menu, the footer and
// the blocks. This file's stories (ids 8101–8117) are its own.
import { beforeAll, describe, expect, it } from "vitest";
import { CANONICAL, get, store, TOKEN, WAIT } from "../../support/helpers.ts";

const HTML = { Accept: "text/html" };
const picture = { type: "figure", caption: "A picture.", credit: "Photo by Test", src: "https://images.example/p.jpg", width: 1200, height: 800 };
const paragraph = (id: number) => ({ type: "paragraph", text: `The report of story ${id}.` });

// [id, section, has a picture]; each an hour older than the one before, from 2026-11-16 10:00 UTC.
const STORIES: [number, string[], boolean][] = [
  [8101, ["News", "Iran"], false],
  [8102, ["Economy"], false],
  [8103, ["Culture"], true],
  [8104, ["Sports"], true],
  [8105, ["Weather"], false],
  [8106, ["Arts"], false],
  [8107, ["News", "Africa"], false],
  [8108, ["News", "Syria"], false],
  [8109, ["News"], true],
  [8110, ["Economy"], false],
  [8111, ["Sports"], false],
  [8112, ["Culture"], false],
  [8113, ["Arts"], false],
  [8114, ["Weather"], false],
  [8115, ["News", "Iran"], false],
  [8116, ["Economy"], false],
];
const article = ([id, section, pictured]: (typeof STORIES)[number], i: number) => ({
  id: String(id),
  section,
  headline: `Story ${id}`,
  description: `What story ${id} says.`,
  published: new Date(Date.UTC(2026, 10, 16, 10 - i)).toISOString().replace(".000", ""),
  body: pictured ? [picture, paragraph(id)] : [paragraph(id)],
});

async function page(path: string): Promise<string> {
  const res = await get(CANONICAL + path, HTML);
  expect(res.status, path).toBe(200);
  return res.text();
}
const ids = (html: string) => [...html.matchAll(/<a href="\/Detail\/\d{4}\/\d\d\/\d\d\/(\d+)\//g)].map((m) => m[1]);
const part = (html: string, re: RegExp) => re.exec(html)?.[1] ?? "";

beforeAll(async () => {
  await store(...STORIES.map(article));
});

describe("the front page", () => {
  let html = "";
  beforeAll(async () => {
    html = await page("/");
  });

  it("leads with the newest story that has a picture among the newest four, not the newest", () => {
    expect(part(html, /<article class="lead[^"]*">([^]*?)<\/article>/)).toContain('<a href="/Detail/2026/11/16/8103/Story-8103" dir="auto">Story 8103</a>');
    expect(part(html, /<article class="lead[^"]*">([^]*?)<\/article>/)).toContain(
      '<img src="https://images.example/p.jpg" alt="" width="1200" height="800" fetchpriority="high"',
    );
  });

  // Issue 36: four under the lead (two before it), beside the Latest rail.
  it("shows every story once: four under the lead, six in Latest, the rest in the blocks", () => {
    expect(ids(html).sort()).toEqual(STORIES.map(([id]) => String(id)).sort());
    expect(ids(part(html, /<ol class="cards under">([^]*?)<\/ol>/))).toEqual(["8101", "8102", "8104", "8105"]);
    expect(ids(part(html, /<section class="latest"[^>]*>([^]*?)<\/section>/))).toEqual(["8106", "8107", "8108", "8109", "8110", "8111"]);
  });

  it("has a block per top-level section in the configured order, then the others alphabetically, each with stories not shown above", () => {
    const blocks = [...html.matchAll(/<h2 id="block-\d+"><a href="[^"]+">([^<]+)<\/a><\/h2><ol class="cards stack">([^]*?)<\/ol>/g)].map((m) => [
      m[1],
      ids(m[2]),
    ]);
    // Sports's stories are all shown above (8104 under the lead, 8111 in Latest): it has no block.
    expect(blocks).toEqual([
      ["News", ["8115"]],
      ["Economy", ["8116"]],
      ["Culture", ["8112"]],
      ["Arts", ["8113"]],
      ["Weather", ["8114"]],
    ]);
  });

  it("orders the menu and the footer's sections and subsections the same way", () => {
    const menu = [...part(html, /<nav class="menu"[^>]*>([^]*?)<\/nav>/).matchAll(/>([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(menu).toEqual(["News", "Economy", "Sports", "Culture", "Arts", "Weather"]);
    const footer = part(html, /<ul class="tree">([^]*?)<\/nav>/);
    const news = part(footer, /\/News">News<\/a><ul>([^]*?)<\/ul>/);
    expect([...news.matchAll(/>([^<]+)<\/a>/g)].map((m) => m[1])).toEqual(["Iran", "Syria", "Africa"]);
  });

  it("leaves the JSON list as it was: no featured member, the same order", async () => {
    const body = await (await get(CANONICAL + "/", { Accept: "application/json" })).json<{ articles: Record<string, unknown>[] }>();
    expect(body.articles.map((a) => a.id)).toEqual(STORIES.map(([id]) => String(id)));
    expect(body.articles.every((a) => !("featured" in a))).toBe(true);
  });
});

describe("a section page", () => {
  it("leads with its own newest pictured story and shows each of its stories once", async () => {
    const html = await page("/News");
    expect(ids(part(html, /<article class="lead[^"]*">([^]*?)<\/article>/))).toEqual(["8109"]);
    const shown = ids(html);
    expect(shown.sort()).toEqual(["8101", "8107", "8108", "8109", "8115"]);
  });
});

describe("an editor's featured story", () => {
  const FEATURED = { ...article([8117, ["Sports"], false], 30), featured: true };
  beforeAll(async () => {
    const res = await get(
      `${CANONICAL}/api/v1/articles/8117`,
      { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json", ...WAIT },
      { method: "PUT", body: JSON.stringify(FEATURED) },
    );
    expect(res.status).toBe(201);
  });

  it("leads the front page and its section, picture or not, however old among the page's stories", async () => {
    for (const path of ["/", "/Sports"]) expect(ids(part(await page(path), /<article class="lead[^"]*">([^]*?)<\/article>/)), path).toEqual(["8117"]);
  });

  it("says so in the article's JSON (added in v1.1), and only there", async () => {
    const body = await (await get(`${CANONICAL}/api/v1/articles/8117`, { Accept: "application/json" })).json<Record<string, unknown>>();
    expect(body.featured).toBe(true);
    const plain = await (await get(`${CANONICAL}/api/v1/articles/8116`, { Accept: "application/json" })).json<Record<string, unknown>>();
    expect("featured" in plain).toBe(false);
  });

  it("must be true or false: anything else is a 422 naming it, and nothing is stored", async () => {
    const res = await get(
      `${CANONICAL}/api/v1/articles/8118`,
      { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
      { method: "PUT", body: JSON.stringify({ ...FEATURED, id: "8118", featured: "yes" }) },
    );
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ errors: [{ field: "featured", message: "must be true or false" }] });
    expect((await get(`${CANONICAL}/api/v1/articles/8118`, { Accept: "application/json" })).status).toBe(404);
  });
});
