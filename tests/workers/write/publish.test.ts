// Issue 23, through the Worker: structured data (item 4), one rule for photos on a mirror (6), a
// Persian headline (7), fields and the change feed (8, 9), refused writes (10, 11) and search (15,
// 16), each test named after the defect. Ids 923201–923299 and 834601–834699 belong to this file; its sections are
// "Findapi…".
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { readListing } from "../../../src/reader/read/listing.ts";
import { MAX_BODY_BYTES } from "../../../src/reader/routes/publishing.ts";
import { CANONICAL, get, loadSeedContent, sampleArticle, SEED_PATH, snapshotAll, TOKEN, WAIT } from "../../support/helpers.ts";
import { PERSIAN, put as putStory, storeQuayStories } from "../../support/quay-stories.ts";

beforeAll(loadSeedContent);

const API = `${CANONICAL}/api/v1/articles`;
const auth = { Authorization: `Bearer ${TOKEN}`, ...WAIT };
const jsonType = { "Content-Type": "application/json", ...WAIT };

function put(id: string, body: unknown, headers: Record<string, string> = { ...auth, ...jsonType }) {
  return get(`${API}/${id}`, headers, { method: "PUT", body: typeof body === "string" ? body : JSON.stringify(body) });
}

describe("publish failures change nothing", () => {
  // Each case its own id, so no case's write could hide another's.
  it.each([
    ["no token → 401", { ...jsonType }, 401, 5101],
    ["a wrong token → 401", { ...jsonType, Authorization: "Bearer nope" }, 401, 5102],
    ["another scheme → 401", { ...jsonType, Authorization: `Basic ${btoa("a:" + TOKEN)}` }, 401, 5103],
    ["the token with a suffix → 401", { ...jsonType, Authorization: `Bearer ${TOKEN}x` }, 401, 5104],
    ["a form body → 415", { ...auth, "Content-Type": "application/x-www-form-urlencoded" }, 415, 5105],
  ] as const)("PUT with %s", async (_, headers, status, id) => {
    const before = await snapshotAll();
    const res = await put(String(id), sampleArticle(id), headers);
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    if (status === 401) expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="publish"/);
    expect(await snapshotAll()).toEqual(before);
    expect((await get(`${API}/${id}`, { Accept: "application/json" })).status).toBe(404);
  });

  it("says invalid_token only when a token was sent", async () => {
    expect((await put("5106", sampleArticle(5106), jsonType)).headers.get("www-authenticate")).toBe('Bearer realm="publish"');
    expect((await put("5106", sampleArticle(5106), { ...jsonType, Authorization: "Bearer x" })).headers.get("www-authenticate")).toBe(
      'Bearer realm="publish", error="invalid_token"',
    );
  });

  it("DELETE without a token → 401 and the article stays", async () => {
    const before = await snapshotAll();
    const res = await get(`${API}/100001`, {}, { method: "DELETE" });
    expect(res.status).toBe(401);
    expect(await snapshotAll()).toEqual(before);
  });

  it("rejects malformed JSON with 400", async () => {
    const before = await snapshotAll();
    const res = await put("5107", "{not json");
    expect(res.status).toBe(400);
    expect(await snapshotAll()).toEqual(before);
  });

  it("rejects an oversized body with 413, by Content-Length or by what arrives", async () => {
    const before = await snapshotAll();
    // 256 KiB is the README's limit.
    expect(MAX_BODY_BYTES).toBe(256 * 1024);
    const big = JSON.stringify({ ...sampleArticle(5108), description: "x".repeat(256 * 1024) });
    expect((await put("5108", big)).status).toBe(413);
    const stream = new Blob([big]).stream();
    const res = await get(`${API}/5108`, { ...auth, ...jsonType }, { method: "PUT", body: stream, duplex: "half" } as RequestInit);
    expect(res.status).toBe(413);
    expect(await snapshotAll()).toEqual(before);
  });

  it("names every bad field with 422, writing nothing", async () => {
    const before = await snapshotAll();
    const res = await put("5109", { ...sampleArticle(5109), headline: "", published: "soon", body: [{ type: "video" }], colour: "red" });
    expect(res.status).toBe(422);
    const problem = await res.json<{ errors: { field: string }[] }>();
    expect(problem.errors.map((e) => e.field).sort()).toEqual(["body", "body[0].type", "colour", "headline", "published"]);
    expect(await snapshotAll()).toEqual(before);
  });

  it("rejects an id that does not match the URL", async () => {
    const before = await snapshotAll();
    const res = await put("5110", sampleArticle(5111));
    expect(res.status).toBe(422);
    expect(await snapshotAll()).toEqual(before);
  });

  it("refuses a numeric id, which the schema says is a string: 422 naming `id`, on PUT, POST and a content load, and nothing is written", async () => {
    const before = await snapshotAll();
    const put1 = await put("834601", { ...sampleArticle(834601), id: 834601 });
    expect(put1.status).toBe(422);
    expect((await put1.json<{ errors: { field: string; message: string }[] }>()).errors).toEqual([
      { field: "id", message: "must match the id in the URL, as a string" },
    ]);
    const post = await get(API, { ...auth, ...jsonType }, { method: "POST", body: JSON.stringify({ ...sampleArticle(834602), id: 834602 }) });
    expect(post.status).toBe(422);
    const load = await get(
      `${CANONICAL}/api/v1/admin/content`,
      { ...auth, ...jsonType },
      { method: "POST", body: JSON.stringify({ articles: [{ ...sampleArticle(834603), id: 834603 }] }) },
    );
    expect(load.status).toBe(422);
    expect((await load.json<{ errors: { field: string; message: string }[] }>()).errors).toEqual([
      { field: "[0].id", message: "must be a string of 1 to 12 digits" },
    ]);
    expect(await snapshotAll()).toEqual(before);
    for (const id of [834601, 834602, 834603]) expect((await get(`${API}/${id}`, { Accept: "application/json" })).status).toBe(404);
  });

  it("answers 404 for ids outside the scheme", async () => {
    expect((await put("0123", sampleArticle(123))).status).toBe(404);
    expect((await put("abc", sampleArticle(1))).status).toBe(404);
  });
});

describe("publishing", () => {
  it("creates, corrects and deletes an article, keeping the index readable throughout", async () => {
    const created = await put("5001", sampleArticle(5001, ["News", "World"], "2020-02-26"));
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`${API}/5001`);
    const path = "/Detail/2020/02/26/5001/Sample-article-5001";
    expect((await created.json<{ canonicalUrl: string }>()).canonicalUrl).toBe(CANONICAL + path);

    const first = await get(CANONICAL + path, { Accept: "application/json" });
    expect(first.status).toBe(200);
    const { entries } = await readListing(env.NEWS, "all", 0, 10);
    expect(entries.map((e) => e.id)).toEqual(["100001", "5001"]);
    expect((await readListing(env.NEWS, "News/World", 0, 10)).entries.map((e) => e.id)).toEqual(["5001"]);

    const corrected = await put("5001", { ...sampleArticle(5001, ["News", "World"], "2020-02-26"), headline: "Sample article 5001, corrected" });
    expect(corrected.status).toBe(200);
    const after = await get(CANONICAL + "/Detail/2020/02/26/5001/Sample-article-5001-corrected", { Accept: "application/json" });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(first.headers.get("etag"));
    const a = await after.json<{ dateModified: string; headline: string }>();
    expect(a.headline).toBe("Sample article 5001, corrected");
    expect(a.dateModified).not.toBe("2020-02-26");
    expect(Date.parse(a.dateModified)).toBeGreaterThan(Date.parse("2020-02-26"));
    // the old slug now redirects to the new canonical path
    const old = await get(CANONICAL + path);
    expect(old.status).toBe(301);
    expect(old.headers.get("location")).toBe(CANONICAL + "/Detail/2020/02/26/5001/Sample-article-5001-corrected");

    const deleted = await get(`${API}/5001`, auth, { method: "DELETE" });
    expect(deleted.status).toBe(204);
    // Removed by its editors: 410 Gone (issue 34, item 20).
    expect((await get(CANONICAL + path, { Accept: "application/json" })).status).toBe(410);
    expect((await readListing(env.NEWS, "all", 0, 10)).entries.map((e) => e.id)).toEqual(["100001"]);
    expect((await get(`${API}/5001`, auth, { method: "DELETE" })).status).toBe(404);
  });

  it("moves an article between sections", async () => {
    expect((await put("5002", sampleArticle(5002, ["News", "Asia"]))).status).toBe(201);
    expect((await put("5002", sampleArticle(5002, ["News", "Africa"]))).status).toBe(200);
    expect((await readListing(env.NEWS, "News/Asia", 0, 10)).total).toBe(0);
    expect((await readListing(env.NEWS, "News/Africa", 0, 10)).entries.map((e) => e.id)).toEqual(["5002"]);
    await get(`${API}/5002`, auth, { method: "DELETE" });
  });

  it("leaves no index entry whose article cannot be read", async () => {
    await put("5003", sampleArticle(5003));
    const { entries } = await readListing(env.NEWS, "all", 0, 100);
    for (const e of entries) expect((await get(CANONICAL + e.path, { Accept: "application/json" })).status).toBe(200);
    await get(`${API}/5003`, auth, { method: "DELETE" });
    expect((await get(CANONICAL + SEED_PATH)).status).toBe(200);
  });
});

// From findings-api-integration.test.ts: Issue 23, through the Worker: structured data (item 4), one rule for photos on a mirror (6), a Persian headline (7), fields and the change feed (8, 9), refused writes (10, 11) and search (15, 16), each test named after the defect. Its stories: tests/support/quay-stories.ts.
describe("issue 23's findings, through the Worker", () => {
  const API = `${CANONICAL}/api/v1`;
  const JSON_ = { Accept: "application/json" };

  beforeAll(async () => {
    await storeQuayStories();
  });

  describe("a Persian headline without a slug (issue 23, item 7)", () => {
    it("is published (201) with the id as its slug, and its page answers", async () => {
      const res = await putStory(PERSIAN, {
        section: ["Findapi"],
        headline: "تهران میزبان نشست منطقه‌ای شد",
        language: "fa",
        published: "2021-05-03",
        body: [{ type: "paragraph", text: "نشست در تهران برگزار شد." }],
      });
      expect(res.status).toBe(201);
      const path = `/Detail/2021/05/03/${PERSIAN}/${PERSIAN}`;
      expect((await res.json<{ url: string }>()).url).toBe(CANONICAL + path);
      const page = await get(CANONICAL + path, { Accept: "text/html" });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<meta property="og:locale" content="fa_IR"/>');
    });
  });

  describe("refused writes (issue 23, items 10 and 11)", () => {
    it.each(["https://[", "https://a:99999/"])("an embed url %j is a 422 naming body[0].url, never a 500", async (url) => {
      const res = await putStory("923210", {
        section: ["Findapi"],
        headline: "Embed",
        published: "2021-05-04",
        body: [
          { type: "embed", url },
          { type: "paragraph", text: "Text." },
        ],
      });
      expect(res.status).toBe(422);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect((await res.json<{ errors: { field: string }[] }>()).errors).toEqual([{ field: "body[0].url", message: "must be an https URL" }]);
    });

    it("a figure with an unknown member is a 422 naming it, not accepted with the member dropped", async () => {
      const res = await putStory("923211", {
        section: ["Findapi"],
        headline: "Figure",
        published: "2021-05-04",
        body: [
          { type: "figure", caption: "C", credit: "D", foo: 1 },
          { type: "paragraph", text: "Text." },
        ],
      });
      expect(res.status).toBe(422);
      expect((await res.json<{ errors: unknown[] }>()).errors).toEqual([{ field: "body[0].foo", message: "is not a known field" }]);
      expect((await get(`${API}/articles/923211`, JSON_)).status).toBe(404);
    });
  });
});

// From regressions-integration.test.ts: Defects found in review, each shown by the request that exposed it.
describe("defects found in review", () => {
  beforeAll(loadSeedContent);
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  describe("publishing", () => {
    it("moves an article that is alone in its sections to a new date", async () => {
      expect((await putStory("7001", sampleArticle(7001, ["Lone", "Section"], "2019-05-01"))).status).toBe(201);
      expect((await putStory("7001", sampleArticle(7001, ["Lone", "Section"], "2019-05-02"))).status).toBe(200);
      for (const scope of ["all", "Lone", "Lone/Section"]) {
        const { entries } = await readListing(env.NEWS, scope, 0, 100);
        expect(entries.filter((e) => e.id === "7001").map((e) => e.path)).toEqual(["/Detail/2019/05/02/7001/Sample-article-7001"]);
      }
      expect((await get(`${CANONICAL}/api/v1/articles/7001`, { Authorization: `Bearer ${TOKEN}`, ...WAIT }, { method: "DELETE" })).status).toBe(204);
      expect((await readListing(env.NEWS, "Lone", 0, 10)).total).toBe(0);
      // …and the emptied scope takes a new article again
      expect((await putStory("7002", sampleArticle(7002, ["Lone"], "2019-05-03"))).status).toBe(201);
      expect((await readListing(env.NEWS, "Lone", 0, 10)).entries.map((e) => e.id)).toEqual(["7002"]);
    });

    it("shows a new article in its section's cached listing at once, here", async () => {
      const before = await (await get(`${CANONICAL}/News/Fresh`, { Accept: "application/json" })).status;
      expect(before).toBe(404);
      await putStory("7003", sampleArticle(7003, ["News", "Fresh"]));
      await get(`${CANONICAL}/api/v1/articles/7003`);
      await putStory("7004", sampleArticle(7004, ["News", "Fresh"], "2019-12-31"));
      const list = await (await get(`${CANONICAL}/News/Fresh`, { Accept: "application/json" })).json<{ articles: { id: string }[] }>();
      expect(list.articles.map((a) => a.id)).toEqual(["7003", "7004"]);
      const api = await (await get(`${CANONICAL}/api/v1/articles/7003?fields=headline`)).json();
      // fields= always gives the id and the link (issue 23, item 8).
      expect(api).toEqual({ id: "7003", url: `${CANONICAL}/Detail/2020/01/01/7003/Sample-article-7003`, headline: "Sample article 7003" });
    });
  });
});
