// The app API beyond lists, against real KV, the real Newsroom (SQLite with FTS5) and the Cache API:
// sections, search, delta sync. Each test uses its own ids and sections.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { CANONICAL, get, loadSeedContent, sampleArticle, SEED_ID, TOKEN, WAIT } from "../../support/helpers.ts";

beforeAll(loadSeedContent);

const API = `${CANONICAL}/api/v1`;
const auth = { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json", ...WAIT };
const put = (id: number, body: unknown, headers: Record<string, string> = {}) =>
  get(`${API}/articles/${id}`, { ...auth, ...headers }, { method: "PUT", body: JSON.stringify(body) });
const remove = (id: number) => get(`${API}/articles/${id}`, { Authorization: `Bearer ${TOKEN}`, ...WAIT }, { method: "DELETE" });
const json = async <T>(url: string) => {
  const res = await get(url, { Accept: "application/json" });
  expect(res.status, url).toBe(200);
  return res.json<T>();
};

interface Node {
  name: string;
  path: string;
  url: string;
  articles: number;
  newest: string;
  sections: Node[];
}

describe("sections", () => {
  it("lists the tree from the write side, with counts and newest dates", async () => {
    expect((await put(300_001, sampleArticle(300_001, ["Atlas", "North"], "2020-02-01"))).status).toBe(201);
    expect((await put(300_002, sampleArticle(300_002, ["Atlas", "South", "Deep"], "2020-02-03"))).status).toBe(201);
    const tree = await json<{ total: number; sections: Node[] }>(`${API}/sections`);
    const atlas = tree.sections.find((s) => s.path === "Atlas")!;
    expect(atlas).toMatchObject({ name: "Atlas", url: `${CANONICAL}/Atlas`, articles: 2, newest: "2020-02-03" });
    expect(atlas.sections.map((s) => [s.path, s.articles])).toEqual([
      ["Atlas/North", 1],
      ["Atlas/South", 1],
    ]);
    expect(atlas.sections[1].sections).toEqual([
      { name: "Deep", path: "Atlas/South/Deep", url: `${CANONICAL}/Atlas/South/Deep`, articles: 1, newest: "2020-02-03", sections: [] },
    ]);
    const news = tree.sections.find((s) => s.path === "News")!;
    expect(news.sections.find((s) => s.path === "News/Syria")!.sections[0].path).toBe("News/Syria/Turkey");
    expect(tree.total).toBeGreaterThanOrEqual(3);
  });

  it("a section emptied by a deletion leaves the tree", async () => {
    expect((await put(300_003, sampleArticle(300_003, ["Fleeting"]))).status).toBe(201);
    expect((await json<{ sections: Node[] }>(`${API}/sections`)).sections.map((s) => s.path)).toContain("Fleeting");
    expect((await remove(300_003)).status).toBe(204);
    // A later change (the list is cached for its TTL at this location; a new section bypasses it).
    expect((await put(300_004, sampleArticle(300_004, ["Lasting"]))).status).toBe(201);
    const kv = JSON.parse((await env.NEWS.get("v1:sections"))!) as { sections: { path: string }[] };
    expect(kv.sections.map((s) => s.path)).not.toContain("Fleeting");
  });

  it("matches section paths in any case: the canonical spelling answers, any other 301s", async () => {
    expect((await put(300_005, sampleArticle(300_005, ["Casing", "Mixed Case"]))).status).toBe(201);
    const page = await get(`${CANONICAL}/casing/mixed-case`);
    expect(page.status).toBe(301);
    expect(page.headers.get("location")).toBe(`${CANONICAL}/Casing/Mixed-Case`);
    expect((await get(`${CANONICAL}/Casing/Mixed-Case`)).status).toBe(200);
    const api = await get(`${API}/articles?section=casing/MIXED-case&per_page=5`, { Accept: "application/json" });
    expect(api.status).toBe(301);
    expect(api.headers.get("location")).toBe(`${CANONICAL}/api/v1/articles?section=Casing%2FMixed-Case&per_page=5`);
    expect((await get(`${CANONICAL}/nosuch/section`)).status).toBe(404);
  });
});

interface Hit {
  id: string;
  headline: string;
  url: string;
  snippet: string;
  highlights: [number, number][];
}

describe("search", () => {
  it.each(["Idlib", "idlib", "IDLIB", "Erdogan", "Erdoğan"])("finds the seed article for %s, with the match highlighted", async (q) => {
    const found = await json<{ results: Hit[]; total: number; query: string }>(`${API}/search?q=${encodeURIComponent(q)}`);
    expect(found.query).toBe(q);
    expect(found.results.map((r) => r.id)).toContain(SEED_ID);
    const hit = found.results.find((r) => r.id === SEED_ID)!;
    expect(hit.highlights.length).toBeGreaterThan(0);
    const [start, end] = hit.highlights[0];
    expect(hit.snippet.slice(start, end).normalize("NFD").replace(/\p{M}/gu, "").toLowerCase()).toBe(q.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase());
  });

  it("finds a Persian article by a Persian word, whichever yeh and kaf it was typed with", async () => {
    const persian = {
      ...sampleArticle(301_001, ["World", "Iran"]),
      headline: "گزارش ویژه از تهران",
      slug: "Special-report-from-Tehran",
      body: [{ type: "paragraph", text: "کابینه دولت امروز در تهران تشکیل جلسه داد." }],
    };
    expect((await put(301_001, persian)).status).toBe(201);
    for (const q of ["تهران", "کابینه", "كابينه"]) {
      const found = await json<{ results: Hit[] }>(`${API}/search?q=${encodeURIComponent(q)}`);
      expect(
        found.results.map((r) => r.id),
        q,
      ).toEqual(["301001"]);
    }
  });

  it("ranks a headline match first, then newer among equals; filters by section; pages", async () => {
    const word = "Zanzibarite";
    expect((await put(301_010, { ...sampleArticle(301_010, ["Rank", "A"], "2020-01-01"), headline: `About ${word}` })).status).toBe(201);
    expect(
      (
        await put(301_011, {
          ...sampleArticle(301_011, ["Rank", "B"], "2020-01-05"),
          body: [{ type: "paragraph", text: `A mention of ${word} in passing, among many other words here.` }],
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await put(301_012, {
          ...sampleArticle(301_012, ["Rank", "B"], "2020-01-09"),
          body: [{ type: "paragraph", text: `A mention of ${word} in passing, among many other words here.` }],
        })
      ).status,
    ).toBe(201);
    const all = await json<{ results: Hit[]; total: number; pages: number }>(`${API}/search?q=${word}`);
    expect(all.results.map((r) => r.id)).toEqual(["301010", "301012", "301011"]);
    expect(all.total).toBe(3);
    expect((await json<{ results: Hit[] }>(`${API}/search?q=${word}&section=Rank/B`)).results.map((r) => r.id)).toEqual(["301012", "301011"]);
    const paged = await get(`${API}/search?q=${word}&per_page=2&page=2`, { Accept: "application/json" });
    expect((await paged.json<{ results: Hit[]; pages: number }>()).results.map((r) => r.id)).toEqual(["301011"]);
  });

  it("never finds drafts or deleted articles", async () => {
    const word = "Quixotical";
    expect((await put(301_020, { ...sampleArticle(301_020), headline: `Draft ${word}`, status: "draft" })).status).toBe(201);
    expect((await put(301_021, { ...sampleArticle(301_021), headline: `Gone ${word}` })).status).toBe(201);
    expect((await remove(301_021)).status).toBe(204);
    expect((await json<{ total: number }>(`${API}/search?q=${word}`)).total).toBe(0);
  });

  it.each(['"Idlib', "Idl*", "Idlib NEAR Turkish", "-Idlib", "headline:Idlib", "Idlib AND OR NOT", "(((", "\u0000Idlib", "a".repeat(200)])(
    "passes no FTS5 syntax through: %s is an answer, never a 5xx",
    async (q) => {
      const res = await get(`${API}/search?q=${encodeURIComponent(q)}`, { Accept: "application/json" });
      expect([200, 400]).toContain(res.status);
    },
  );

  it("answers an empty, word-less or oversized query with a clear 400", async () => {
    for (const q of ["", "   ", "***", "a".repeat(201)]) {
      const res = await get(`${API}/search?q=${encodeURIComponent(q)}`, { Accept: "application/json" });
      expect(res.status, JSON.stringify(q)).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect((await res.json<{ errors: { field: string }[] }>()).errors[0].field).toBe("q");
    }
  });

  it("/search is an HTML page with the results, escaped, and a form; noindex", async () => {
    const res = await get(`${CANONICAL}/search?q=${encodeURIComponent("Idlib <Turkish>")}`, { Accept: "text/html" });
    expect(res.status).toBe(200);
    const html = await res.text();
    // One search field (issue 24): the page's own, with the query in it; the masthead's is left out.
    expect(html.match(/role="search"/g)).toHaveLength(1);
    expect(html).toContain('<form class="find page-find" role="search" method="get" action="/search">');
    expect(html).toContain("<mark>Idlib</mark>");
    expect(html).not.toContain("<Turkish>");
    expect(html).toContain("Idlib &lt;Turkish&gt;");
    expect(html).toContain('<meta name="robots" content="noindex"/>');
  });

  it("is cached per location: a repeated query is served from a cache layer", async () => {
    const first = await get(`${API}/search?q=Turkish`, { Accept: "application/json" });
    const again = await get(`${API}/search?q=Turkish`, { Accept: "application/json", "If-None-Match": first.headers.get("etag")! });
    expect(again.status).toBe(304);
    expect(first.headers.get("cache-control")).toBe("public, max-age=5, stale-if-error=86400");
  });
});

interface Change {
  type: "upsert" | "delete";
  id: string;
  time: string;
  headline?: string;
}
interface ChangesPage {
  changes: Change[];
  next: string;
  more: boolean;
}

/**
 * The newest change number, from the feed's meta in KV. (Over HTTP the newest page of changes may be
 * a cached copy up to its TTL old, as the README says; these tests start after what KV already has.)
 */
async function head(): Promise<string> {
  return String((JSON.parse((await env.NEWS.get("v1:changes:meta"))!) as { last: number }).last);
}

describe("delta sync", { timeout: 120_000 }, () => {
  it("a deletion appears as a tombstone after the article's upsert", async () => {
    const from = await head();
    expect(Number(from)).toBeGreaterThan(0);
    expect((await put(302_001, sampleArticle(302_001, ["Sync"]))).status).toBe(201);
    expect((await remove(302_001)).status).toBe(204);
    const page = await json<ChangesPage>(`${API}/changes?since=${from}`);
    expect(page.changes.map((c) => [c.type, c.id])).toEqual([
      ["upsert", "302001"],
      ["delete", "302001"],
    ]);
    expect(page.changes[0].headline).toBe("Sample article 302001");
    expect(page.changes[1]).toEqual({ type: "delete", id: "302001", time: page.changes[1].time });
    expect(Number(page.next)).toBe(Number(from) + 2);
  });

  it("100 concurrent publishes appear exactly once each, in commit order, with no gap between cursors", async () => {
    const from = await head();
    const ids = Array.from({ length: 100 }, (_, i) => 303_000 + i);
    // A burst as its own editor (vitest.config.ts), so it never spends the shared token's write quota.
    const editor = { Authorization: "Bearer test-editor-burst-303000" };
    const answers = await Promise.all(ids.map((id) => put(id, sampleArticle(id, ["Sync", "Burst"]), editor)));
    expect(answers.map((r) => r.status)).toEqual(ids.map(() => 201));
    const pages: ChangesPage[] = [];
    let cursor = from;
    for (let i = 0; i < 20; i++) {
      const page = await json<ChangesPage>(`${API}/changes?since=${cursor}&limit=30`);
      pages.push(page);
      expect(Number(page.next)).toBe(Number(cursor) + page.changes.length);
      cursor = page.next;
      if (!page.more) break;
    }
    const seen = pages.flatMap((p) => p.changes.map((c) => c.id));
    expect(seen).toHaveLength(100);
    expect(new Set(seen).size).toBe(100);
    expect([...seen].sort()).toEqual(ids.map(String));
    // Commit order is the Newsroom's change log order.
    const log = await (await import("../../support/helpers.ts")).newsroomStub().changes(0, 100_000);
    const committed = log.filter((l) => l.id.startsWith("303") && l.public).map((l) => l.id);
    expect(seen).toEqual(committed);
  });

  it("answers 304 to a revalidation and a bad cursor with 400", async () => {
    const res = await get(`${API}/changes?since=0&limit=5`, { Accept: "application/json" });
    const again = await get(`${API}/changes?since=0&limit=5`, { Accept: "application/json", "If-None-Match": res.headers.get("etag")! });
    expect(again.status).toBe(304);
    for (const bad of ["-1", "abc", "1.5", "01"]) expect((await get(`${API}/changes?since=${bad}`, { Accept: "application/json" })).status).toBe(400);
    expect((await get(`${API}/changes?limit=101`, { Accept: "application/json" })).status).toBe(400);
  });

  it("a cursor older than what is kept gets 410 telling the app to resync from the lists", async () => {
    const meta = JSON.parse((await env.NEWS.get("v1:changes:meta"))!) as { first: number; last: number };
    // As if the oldest pages had been dropped: the feed now starts after the current head.
    await env.NEWS.put("v1:changes:meta", JSON.stringify({ ...meta, first: meta.last + 1000 }));
    try {
      const res = await get(`${API}/changes?since=1&limit=7`, { Accept: "application/json" });
      expect(res.status).toBe(410);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect((await res.json<{ resync: string }>()).resync).toBe(`${CANONICAL}/api/v1/articles`);
    } finally {
      await env.NEWS.put("v1:changes:meta", JSON.stringify(meta));
    }
  });

  it("a fresh install syncing from since=0 (or no since) gets 410 with resync once the oldest pages are dropped; ?latest still answers", async () => {
    const meta = JSON.parse((await env.NEWS.get("v1:changes:meta"))!) as { first: number; last: number };
    // As if the oldest pages had been dropped: what an app syncing from 0 would never be told of.
    await env.NEWS.put("v1:changes:meta", JSON.stringify({ ...meta, first: meta.last + 1000 }));
    try {
      for (const query of ["since=0&limit=9", "limit=9"]) {
        const res = await get(`${API}/changes?${query}`, { Accept: "application/json" });
        expect(res.status, query).toBe(410);
        expect((await res.json<{ resync: string }>()).resync).toBe(`${CANONICAL}/api/v1/articles`);
      }
      const latest = await get(`${API}/changes?latest`, { Accept: "application/json" });
      expect(latest.status).toBe(200);
      expect(await latest.json()).toEqual({ changes: [], next: String(meta.last), more: false });
    } finally {
      await env.NEWS.put("v1:changes:meta", JSON.stringify(meta));
    }
    // With nothing dropped, 0 is the start of the feed.
    expect((await get(`${API}/changes?since=0&limit=8`, { Accept: "application/json" })).status).toBe(200);
  });

  it.each(["since=1&since=2", "since=0&since=0", "since=1&limit=5&limit=6"])(
    "a repeated parameter (%s) is a 400 naming it, not the first value taken",
    async (query) => {
      const res = await get(`${API}/changes?${query}`, { Accept: "application/json" });
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      const field = query.includes("limit=6") ? "limit" : "since";
      expect((await res.json<{ errors: { field: string; message: string }[] }>()).errors).toEqual([{ field, message: "must be given once" }]);
    },
  );
});

interface ListPage {
  articles: { id: string; description?: string; image?: unknown }[];
  total: number;
  next?: string;
}

describe("lists for apps", () => {
  it("fields may ask for description and image; without fields the v1 shape is unchanged", async () => {
    expect((await put(304_001, sampleArticle(304_001, ["Thumbs"], "2020-03-01"))).status).toBe(201);
    const rich = await json<ListPage>(`${API}/articles?section=Thumbs&fields=id,description,image`);
    expect(rich.articles).toEqual([
      {
        id: "304001",
        url: expect.stringMatching(/\/304001\/Sample-article-304001$/),
        description: "Paragraph of article 304001.",
        image: { caption: "A caption.", credit: "Photo by Test" },
      },
    ]);
    const plain = await json<ListPage>(`${API}/articles?section=Thumbs`);
    expect(Object.keys(plain.articles[0])).toEqual(["id", "url", "canonicalUrl", "section", "headline", "datePublished", "dateModified"]);
  });

  // Nine publishes one after another: the Newsroom puts its write log at most once a second.
  it("after= continues exactly where the last page ended, even when news arrives in between", { timeout: 30_000 }, async () => {
    const ids = Array.from({ length: 7 }, (_, i) => 304_100 + i);
    for (const [i, id] of ids.entries()) expect((await put(id, sampleArticle(id, ["Cursor"], `2020-04-0${i + 1}`))).status).toBe(201);
    const first = await json<ListPage>(`${API}/articles?section=Cursor&per_page=3`);
    expect(first.articles.map((a) => a.id)).toEqual(["304106", "304105", "304104"]);
    expect(first.next).toMatch(/^[0-9a-z]+\.304104$/);
    // Two newer articles arrive: page 2 by number would repeat items; the cursor does not.
    for (const id of [304_120, 304_121]) expect((await put(id, sampleArticle(id, ["Cursor"], "2020-05-01"))).status).toBe(201);
    const second = await json<ListPage>(`${API}/articles?section=Cursor&per_page=3&after=${first.next}`);
    expect(second.articles.map((a) => a.id)).toEqual(["304103", "304102", "304101"]);
    const third = await json<ListPage>(`${API}/articles?section=Cursor&per_page=3&after=${second.next}`);
    expect(third.articles.map((a) => a.id)).toEqual(["304100"]);
    expect(third.next).toBeUndefined();
    for (const bad of ["x", "1.0123", "zzzzzzzzzzzz.1"])
      expect((await get(`${API}/articles?after=${bad}`, { Accept: "application/json" })).status, bad).toBe(400);
    expect((await get(`${API}/articles?after=${first.next}&page=2`, { Accept: "application/json" })).status).toBe(400);
  });
});
