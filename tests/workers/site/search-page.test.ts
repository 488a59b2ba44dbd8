// The search page (`/search?q=…`) as a person meets it: a query with no word gets the page with its
// form and a line saying what to type (a 400, never a bare error page); one over the README's limits
// (12 words, 200 characters) is searched as far as it fits, and the page names what it left out. The
// JSON API keeps its 400s naming the limit. Ids 564xxx.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/reader/app.ts";
import { fromWord } from "../../../src/reader/render/search-page.tsx";
import { CANONICAL, get, store } from "../../support/helpers.ts";

const WORDS = "zqalpha zqbravo zqcharlie zqdelta zqecho zqfoxtrot zqgolf zqhotel zqindia zqjuliet zqkilo zqlima";
const page = (q: string, headers: Record<string, string> = {}) => get(`${CANONICAL}/search?q=${encodeURIComponent(q)}`, { Accept: "text/html", ...headers });

beforeAll(async () => {
  await store({
    id: "564001",
    section: ["Searching"],
    headline: "Twelve words to find",
    published: "2021-03-01",
    body: [{ type: "paragraph", text: `Every one of them: ${WORDS}.` }],
  });
  await store({
    id: "564002",
    section: ["Searching"],
    headline: "A word deep in a long paragraph",
    published: "2021-03-02",
    body: [{ type: "paragraph", text: `${"Opening words of a long report that runs on and on before it says anything. ".repeat(6)}Then zqneedle, at last.` }],
  });
});

describe("the search page (issue 34, item 10)", () => {
  it.each(["", "   ", '""', "***", '" * - :'])("a query with no word (%j) gets the page with its form and what to type, as a 400", async (q) => {
    const res = await page(q);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("vary")).toBe("Accept");
    const html = await res.text();
    expect(html).toContain('<form class="find page-find" role="search" method="get" action="/search">');
    expect(html).toContain('<input id="q" name="q" type="search" value="" placeholder="Search" maxlength="200" required=""/>');
    expect(html).toContain('<p class="notice" role="status">Type a few words: the results are the articles that have all of them, best matches first.</p>');
    expect(html).toContain('<meta name="robots" content="noindex"/>');
    expect(html).not.toContain("Bad request");
  });

  it("a 13-word query searches the first 12 and names the word it left out", async () => {
    const res = await page(`${WORDS} zqmike`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Twelve words to find");
    expect(html).toContain('<p class="notice" role="status">A search takes up to 12 words and 200 characters; left out: <bdi>zqmike</bdi></p>');
    // The field holds what was searched, so searching again searches the same.
    expect(html).toContain(`value="${WORDS}"`);
    expect(html).toContain("<h1>Search: zqalpha zqbravo");
  });

  it("a query over 200 characters is cut after its last whole word that fits, and says what it left out", async () => {
    const tail = "zqpadding".repeat(25);
    const res = await page(`zqalpha zqbravo ${tail} zqcharlie`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Twelve words to find");
    expect(html).toContain(`left out: <bdi>${tail} zqcharlie</bdi></p>`);
    expect(html).toContain('value="zqalpha zqbravo"');
  });

  it("operator words and signs do not count as words", async () => {
    const res = await page(`${WORDS.replaceAll(" ", " AND ")} "zqmike"`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("left out: <bdi>&quot;zqmike&quot;</bdi>");
  });

  it("the JSON API, and /search asked for JSON, keep their 400s naming the limit", async () => {
    for (const url of [`${CANONICAL}/api/v1/search`, `${CANONICAL}/search`]) {
      for (const [q, message] of [
        [`${WORDS} zqmike`, "must have at most 12 words"],
        ["a".repeat(201), "must be at most 200 characters"],
        ['""', "must contain a word to search for"],
      ]) {
        const res = await get(`${url}?q=${encodeURIComponent(q)}`, { Accept: "application/json" });
        expect(res.status, `${url} ${q}`).toBe(400);
        expect((await res.json<{ errors: unknown[] }>()).errors).toEqual([{ field: "q", message }]);
      }
    }
  });

  it("says it in the reader's language: the Persian edition", async () => {
    // Its own host, so no copy the English site made answers.
    const fa = { ...env, SITE_LANGUAGE: "fa" };
    const empty = await createApp().fetch(new Request("http://localhost:8792/search?q=%22%22"), fa);
    expect(empty.status).toBe(400);
    const html = await empty.text();
    expect(html).toContain('<html lang="fa" dir="rtl">');
    expect(html).toContain('<p class="notice" role="status">چند واژه بنویسید: نتایج مطالبی‌اند که همهٔ آن واژه‌ها را دارند، مرتبط‌ترین‌ها نخست.</p>');
    const cut = await createApp().fetch(new Request(`http://localhost:8792/search?q=${encodeURIComponent(`${WORDS} zqmike`)}`), fa);
    expect(cut.status).toBe(200);
    expect(await cut.text()).toContain("هر جست‌وجو حداکثر ۱۲ واژه و ۲۰۰ نویسه را می‌پذیرد؛ از این جست‌وجو کنار گذاشته شد: <bdi>zqmike</bdi>");
  });
});

describe("what a search shows when it finds nothing, and where its snippets are cut (issue 36)", () => {
  it("says so, and offers the latest stories and every section instead of a bare count", async () => {
    const res = await page("zqnothingmatches");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<p class="meta">0 articles</p>');
    expect(html).toContain(
      '<p class="notice">Nothing matches every word of that search. Try fewer or other words, or read the latest news and the sections below.</p>',
    );
    const latest = /<section class="latest" aria-labelledby="latest"><h2 id="latest">Latest<\/h2>([^]*?)<\/section>/.exec(html)?.[1] ?? "";
    expect(latest).toContain('<a href="/Detail/2021/03/02/564002/');
    expect(latest).toContain('<a href="/Detail/2021/03/01/564001/');
    const sections = /<section class="subs" aria-labelledby="in-sections">([^]*?)<\/section>/.exec(html)?.[1] ?? "";
    expect(sections).toContain(`<a href="${CANONICAL}/Searching">Searching</a>`);
  });

  it("a search that finds something offers no such list", async () => {
    const html = await (await page("zqneedle")).text();
    expect(html).toContain("A word deep in a long paragraph");
    expect(html).not.toContain('<section class="latest"');
    expect(html).not.toContain("Nothing matches every word");
  });

  it("a snippet cut from the middle of its text opens with … and a whole word", async () => {
    const html = await (await page("zqneedle")).text();
    const snippet = (/<p class="snippet">([^]*?)<\/p>/.exec(html)?.[1] ?? "").replace(/<\/?mark>/g, "");
    expect(snippet).toMatch(/^…[A-Za-z]/);
    expect(html).toMatch(/<mark>zqneedle<\/mark>/);
  });

  it.each([
    ["…ish troops were killed", [[5, 11]], "…troops were killed", [[1, 7]]],
    ["…troops were killed", [[1, 7]], "…troops were killed", [[1, 7]]],
    ["The start, not cut", [[4, 9]], "The start, not cut", [[4, 9]]],
  ] as [string, [number, number][], string, [number, number][]][])("fromWord(%j) → %j", (text, highlights, expected, moved) => {
    expect(fromWord(text, highlights)).toEqual({ text: expected, highlights: moved });
  });
});
