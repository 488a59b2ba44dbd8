// Issue 36: an author's page (/author/<slug>), a tag's (/tag/<slug>) and /corrections, each HTML, JSON and
// Markdown by Accept, paginated, with RSS and Atom; linked from bylines, the author box and tags; an
// unknown author or tag is a 404 that says what to do. Each is a listing the Newsroom keeps
// (@author/…, @tag/…, @corrections) and changes with the article. Stories 451001–451030, by authors and
// under tags no other test uses.
import { Validator } from "@cfworker/json-schema";
import { describe, expect, it, beforeAll } from "vitest";
import { taxonomySlug } from "../../../src/shared/model/taxonomy.ts";
import { isScope } from "../../../src/shared/model/index-tree.ts";
import { CANONICAL, get, store, TOKEN, WAIT } from "../../support/helpers.ts";

const AUTHOR = "Zoë Ångström-Test";
const SLUG = "zoe-angstrom-test";
const story = (n: number, extra: Record<string, unknown> = {}) => ({
  id: String(451_000 + n),
  section: ["Topicland"],
  headline: `Topic story ${451_000 + n}`,
  published: `2026-10-${String(n).padStart(2, "0")}T08:00:00Z`,
  body: [{ type: "paragraph", text: `The text of topic story ${451_000 + n}.` }],
  authors: [{ name: AUTHOR }],
  tags: ["Harbour Cranes 451"],
  ...extra,
});

const html = async (path: string) => get(CANONICAL + path, { Accept: "text/html" });
const json = async <T>(path: string) => (await get(CANONICAL + path, { Accept: "application/json" })).json<T>();

beforeAll(async () => {
  // 25 stories by the author: two pages of 20; the last one corrected, another story under a second tag.
  const many = Array.from({ length: 24 }, (_, i) => story(i + 1));
  await store(
    ...many,
    story(25, { corrections: [{ date: "2026-10-26", text: "An earlier version named the wrong crane." }], tags: ["Harbour Cranes 451", "خاورمیانه ۴۵۱"] }),
    story(26, { authors: [{ name: "Other Writer 451" }], tags: ["Elsewhere 451"] }),
  );
}, 120_000);

describe("slugs", () => {
  it("are lower case, Unicode-aware and the same function everywhere", () => {
    expect(taxonomySlug(AUTHOR)).toBe(SLUG);
    expect(taxonomySlug("خاورمیانه ۴۵۱")).toBe("خاورمیانه-۴۵۱");
    expect(taxonomySlug("O’Brien, Seán")).toBe("obrien-sean");
    expect(taxonomySlug("!!!")).toBe("");
    // The listings' scopes start with "@", which no section path can.
    expect(isScope(`@author/${SLUG}`)).toBe(true);
    expect(isScope("@author/a/b")).toBe(false);
    expect(isScope("@corrections")).toBe(true);
  });
});

describe("an author's page", () => {
  it("lists the author's stories as cards, newest first, 20 a page, with its feeds", async () => {
    const res = await html(`/author/${SLUG}`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain(`<h1><bdi>${AUTHOR}</bdi> (page 1 of 2)</h1>`);
    expect(page).toContain('<p class="kicker">Author</p>');
    expect(page.match(/<li class="card/g)?.length).toBe(20);
    expect(page.indexOf("Topic story 451025")).toBeLessThan(page.indexOf("Topic story 451024"));
    expect(page).not.toContain("Topic story 451026");
    expect(page).toContain(`href="${CANONICAL}/author/${SLUG}/rss.xml"`);
    expect(page).not.toContain("<script");
    const second = await (await html(`/author/${SLUG}?page=2`)).text();
    expect(second.match(/<li class="card/g)?.length).toBe(5);
  });

  it("as JSON: the list with what it is of; as Markdown: the same list", async () => {
    const list = await json<{ topic: { kind: string; name: string; slug: string }; total: number; pages: number; articles: { id: string }[] }>(
      `/author/${SLUG}`,
    );
    expect(list.topic).toEqual({ kind: "author", name: AUTHOR, slug: SLUG });
    expect([list.total, list.pages, list.articles.length]).toEqual([25, 2, 20]);
    const md = await (await get(`${CANONICAL}/author/${SLUG}`, { Accept: "text/markdown" })).text();
    expect(md).toContain(`# ${AUTHOR} |`);
    expect(md).toContain("[Topic story 451025]");
  });

  it("has an RSS and an Atom feed of the author's stories", async () => {
    const rss = await (await get(`${CANONICAL}/author/${SLUG}/rss.xml`)).text();
    expect(rss).toContain(`<title>${AUTHOR} |`);
    expect(rss).toContain("Topic story 451025");
    expect(rss).not.toContain("Topic story 451026");
    const atom = await get(`${CANONICAL}/author/${SLUG}/atom.xml`);
    expect(atom.status).toBe(200);
    expect(await atom.text()).toContain("Topic story 451001");
  });

  it("is linked from the article's byline and author box", async () => {
    const page = await (await html("/Detail/2026/10/25/451025/Topic-story-451025")).text();
    expect(page).toContain(`<a href="/author/${SLUG}" rel="author">${AUTHOR}</a>`);
    expect(page).toContain(`<b><a href="/author/${SLUG}">${AUTHOR}</a></b>`);
  });

  it("another spelling of the slug is redirected to its own; an unknown author is a 404 that says what to do", async () => {
    const moved = await html("/author/Zoe-Angstrom-Test");
    expect(moved.status).toBe(301);
    expect(moved.headers.get("location")).toBe(`${CANONICAL}/author/${SLUG}`);
    const unknown = await html("/author/nobody-451");
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("Page not found");
    const problem = await get(`${CANONICAL}/author/nobody-451`, { Accept: "application/json" });
    expect(problem.status).toBe(404);
    expect(problem.headers.get("content-type")).toContain("application/problem+json");
    expect(((await problem.json()) as { detail: string }).detail).toContain("search the site");
    expect((await html("/author/%E0%A4%A")).status).toBe(404);
  });
});

describe("the OpenAPI document", () => {
  it("describes the three lists as TopicList (added in v1.3), which their JSON matches", async () => {
    const doc = await (await get(CANONICAL + "/openapi.json")).json<{ paths: Record<string, unknown>; components: object }>();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/author/{slug}", "/tag/{slug}", "/corrections"]));
    const validate = (value: unknown) => {
      const result = new Validator({ $ref: "#/components/schemas/TopicList", components: doc.components } as object, "2020-12", false).validate(value);
      return result.valid ? [] : result.errors.map((e) => `${e.instanceLocation}: ${e.error}`);
    };
    for (const path of [`/author/${SLUG}`, "/tag/harbour-cranes-451", "/corrections"]) expect(validate(await json(path)), path).toEqual([]);
    expect(validate({ topic: { kind: "author" }, articles: [] })).not.toEqual([]);
  });
});

describe("a tag's page", () => {
  it("lists the stories under the tag, is linked from the article's tags, and takes a slug in any script", async () => {
    const page = await (await html("/tag/harbour-cranes-451")).text();
    expect(page).toContain('<p class="kicker">Topic</p>');
    expect(page).toContain("Topic story 451025");
    const persian = await html(`/tag/${encodeURIComponent("خاورمیانه-۴۵۱")}`);
    expect(persian.status).toBe(200);
    const listed = await persian.text();
    expect(listed).toContain("Topic story 451025");
    expect(listed).not.toContain("Topic story 451024");
    const article = await (await html("/Detail/2026/10/25/451025/Topic-story-451025")).text();
    expect(article).toContain(`<a href="${CANONICAL}/tag/harbour-cranes-451" rel="tag">Harbour Cranes 451</a>`);
    expect(article).toContain(`<a href="${CANONICAL}/tag/${encodeURIComponent("خاورمیانه-۴۵۱")}" rel="tag">`);
  });

  it("its related stories lead the article's rail", async () => {
    const article = await (await html("/Detail/2026/10/24/451024/Topic-story-451024")).text();
    const rail = article.slice(article.indexOf('<div class="rail">'));
    expect(rail).toContain('<h2 id="related">Related stories</h2>');
    expect(rail.indexOf("Topic story 451025")).toBeLessThan(rail.indexOf('id="more-in"') === -1 ? Infinity : rail.indexOf('id="more-in"'));
  });
});

describe("/corrections", () => {
  it("lists corrected stories with their latest correction, links each, and has a feed", async () => {
    const page = await (await html("/corrections")).text();
    expect(page).toContain("<h1><bdi>Corrections</bdi>");
    expect(page).toContain('href="/Detail/2026/10/25/451025/Topic-story-451025"');
    expect(page).toContain("An earlier version named the wrong crane.");
    const list = await json<{ topic: { kind: string }; articles: { id: string; correction?: { date: string; text: string } }[] }>("/corrections");
    expect(list.topic.kind).toBe("corrections");
    expect(list.articles.find((a) => a.id === "451025")?.correction).toEqual({ date: "2026-10-26", text: "An earlier version named the wrong crane." });
    expect(list.articles.some((a) => a.id === "451024")).toBe(false);
    const rss = await get(`${CANONICAL}/corrections/rss.xml`);
    expect(rss.status).toBe(200);
    expect(await rss.text()).toContain("Topic story 451025");
  });

  it("an article's corrections link to the page", async () => {
    const article = await (await html("/Detail/2026/10/25/451025/Topic-story-451025")).text();
    expect(article).toContain(`<a href="${CANONICAL}/corrections">All corrections</a>`);
  });
});

describe("the listings follow the article", () => {
  it("a story that loses its author and tag leaves their pages; its correction removed, it leaves /corrections", async () => {
    // Through the API as an editor would, waiting for KV (Prefer: wait): the pages read before are purged here.
    const changed = story(25, { authors: [{ name: "Other Writer 451" }], tags: ["Elsewhere 451"] });
    const headers = { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json", ...WAIT };
    expect((await get(`${CANONICAL}/api/v1/articles/451025`, headers, { method: "PUT", body: JSON.stringify(changed) })).status).toBe(200);
    const list = await json<{ total: number; articles: { id: string }[] }>(`/author/${SLUG}`);
    expect(list.total).toBe(24);
    expect((await html(`/tag/${encodeURIComponent("خاورمیانه-۴۵۱")}`)).status).toBe(404);
    const fixes = await json<{ articles: { id: string }[] }>("/corrections");
    expect(fixes.articles.some((a) => a.id === "451025")).toBe(false);
    const other = await json<{ total: number }>("/author/other-writer-451");
    expect(other.total).toBe(2);
  });
});
