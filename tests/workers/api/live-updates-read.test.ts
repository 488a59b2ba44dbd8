// The public updates endpoint of a live story (issue 38, src/reader/routes/live-reads.ts): GET
// /api/v1/articles/<id>/updates?since=<seq> as JSON (what bench:live and the page's script poll) and as the
// page's HTML fragments; an update posted through the API shows up on the next poll (the article's write purges
// it); its Cache-Control and ETag; 400 for a bad since, 404 for an unknown id, live: null for a story that is not
// live. Real Newsroom, KV and caches. Stories 388311–388319.
import { describe, expect, it } from "vitest";
import { CANONICAL, get, store, TOKEN, WAIT } from "../../support/helpers.ts";

const API = `${CANONICAL}/api/v1/articles`;
const START = "2026-11-21T08:00:00Z";
const at = (minutes: number) => new Date(Date.parse(START) + minutes * 60_000).toISOString().replace(/\.000Z$/, "Z");
const paragraph = (text: string) => [{ type: "paragraph", text }];
const story = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  section: ["Lively"],
  headline: `Live: storm story ${id}`,
  slug: "storm",
  published: START,
  body: paragraph(`The storm of ${id}.`),
  ...extra,
});
const live = (id: string) =>
  story(id, {
    live: { start: START, end: null },
    updates: [
      { n: 1, seq: 1, time: at(5), body: paragraph("First <b>news</b> & more."), pinned: true },
      { n: 2, seq: 5, time: at(10), modified: at(30), title: "Edited", body: paragraph("Second, edited.") },
      { n: 3, seq: 3, time: at(15), body: paragraph("Third.") },
    ],
    removed: [{ n: 4, seq: 4 }],
  });
type Page = { id: string; live: unknown; cursor: number; updates: { n: number; seq: number; url: string }[]; removed: number[] };
const poll = async (id: string, since?: string, accept = "application/json") =>
  get(`${API}/${id}/updates${since === undefined ? "" : `?since=${since}`}`, { Accept: accept });

describe("GET /api/v1/articles/<id>/updates", { timeout: 60_000 }, () => {
  it("answers every update newest first, the tombstones and the cursor; since= only what changed after it", async () => {
    await store(live("388311"));
    const res = await poll("388311");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const all = await res.json<Page>();
    expect(all).toMatchObject({ id: "388311", live: { start: START, end: null }, cursor: 5, removed: [4] });
    expect(all.updates.map((u) => u.n)).toEqual([3, 2, 1]);
    expect(all.updates[0].url).toBe(`${CANONICAL}/Detail/2026/11/21/388311/storm#update-3`);
    const after = await (await poll("388311", "3")).json<Page>();
    expect(after.updates.map((u) => u.n)).toEqual([2]);
    expect(after.removed).toEqual([4]);
    const none = await (await poll("388311", "5")).json<Page>();
    expect(none).toMatchObject({ cursor: 5, updates: [], removed: [] });
  });

  it("is cached with a short stated freshness: revalidated by browsers (ETag, 304), a shared cache 1 s", async () => {
    await store(live("388312"));
    const res = await poll("388312", "0");
    expect(res.headers.get("cache-control")).toBe("public, max-age=0, s-maxage=1, stale-if-error=60");
    expect(res.headers.get("vary")).toContain("Accept");
    const etag = res.headers.get("etag")!;
    expect(etag).toMatch(/^"json-/);
    const again = await get(`${API}/388312/updates?since=0`, { Accept: "application/json", "If-None-Match": etag });
    expect(again.status).toBe(304);
  });

  it("shows an update posted through the API on the next poll (the write purges the cached answer)", async () => {
    await store(live("388313"));
    const before = await (await poll("388313", "5")).json<Page>();
    expect(before.updates).toEqual([]);
    const headers = { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json", Accept: "application/json", ...WAIT };
    const posted = await get(`${API}/388313/updates`, headers, { method: "POST", body: JSON.stringify({ body: paragraph("Fresh news.") }) });
    expect(posted.status).toBe(201);
    const { n } = await posted.json<{ n: number }>();
    expect(n).toBe(5);
    const next = await (await poll("388313", "5")).json<Page>();
    expect(next.updates.map((u) => u.n)).toEqual([5]);
    expect(next.cursor).toBe(6);
  });

  it("with Accept: text/html answers the page's own markup for the updates, escaped, with the cursor and the removed", async () => {
    await store(live("388314"));
    const res = await poll("388314", "0", "text/html");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toMatch(/^<div class="updates-since" data-cursor="5" data-removed="4">/);
    const order = [3, 2, 1].map((n) => html.indexOf(`<article class="update" id="update-${n}"`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(html).toContain("First &lt;b&gt;news&lt;/b&gt; &amp; more.");
    expect(html).toContain("<h3>Edited</h3>");
  });

  it("400 problem+json for a bad since, 404 for an unknown id, live: null and nothing for a story that is not live", async () => {
    await store(live("388315"), story("388316"));
    for (const since of ["-1", "x", "1.5", "01", "9999999999"]) {
      const res = await poll("388315", since);
      expect(res.status, since).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    expect((await poll("388319")).status).toBe(404);
    expect((await poll("not-an-id")).status).toBe(404);
    const plain = await poll("388316");
    expect(plain.status).toBe(200);
    expect(await plain.json()).toEqual({ id: "388316", live: null, cursor: 0, updates: [], removed: [] });
  });
});
