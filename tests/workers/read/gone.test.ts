// A removed article answers 410 Gone, on its page and in the API; an id that never was public, or an
// article back to a draft, answers 404. The reader tells them apart by the article's tombstone in KV
// (`v1:gone:<id>`), with no call to the Newsroom. Ids 561xxx.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { CANONICAL, get, newsroomStub, sampleArticle, TOKEN, WAIT } from "../../support/helpers.ts";

const API = `${CANONICAL}/api/v1/articles`;
const WRITE = { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json", ...WAIT };
const pageOf = (id: number) => `${CANONICAL}/Detail/2020/01/01/${id}/Sample-article-${id}`;

async function put(id: number, extra: Record<string, unknown> = {}): Promise<void> {
  const res = await get(`${API}/${id}`, WRITE, { method: "PUT", body: JSON.stringify({ ...sampleArticle(id, ["Gone", "Here"]), ...extra }) });
  expect([200, 201]).toContain(res.status);
}

async function remove(id: number): Promise<void> {
  expect((await get(`${API}/${id}`, WRITE, { method: "DELETE" })).status).toBe(204);
}

beforeAll(async () => {
  // 561001: published, then removed. 561002: published, then back to a draft. 561003: a draft, never
  // public, then deleted. 561004: published, back to a draft, then deleted. 561006 stays, so the section does.
  for (const id of [561_001, 561_002, 561_004, 561_006]) await put(id);
  await put(561_003, { status: "draft" });
  await remove(561_001);
  await put(561_002, { status: "draft" });
  await remove(561_003);
  await put(561_004, { status: "draft" });
  await remove(561_004);
}, 120_000);

describe("a removed article answers 410 Gone (issue 34, item 20)", () => {
  it("on its page: a page in the site's language that says it was removed, cached as briefly as a 404", async () => {
    const res = await get(pageOf(561_001));
    expect(res.status).toBe(410);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=30, s-maxage=60");
    expect(res.headers.get("vary")).toBe("Accept");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain("<h1>Article removed</h1>");
    expect(html).toContain("<p>This article was removed by its publisher and is no longer available.</p>");
    expect(html).toContain("HTTP 410");
    // The menu, as on every page.
    expect(html).toContain(`<a href="${CANONICAL}/Gone"`);
  });

  it("as application/problem+json to JSON callers and on the API", async () => {
    for (const [url, accept] of [
      [pageOf(561_001), "application/json"],
      [`${API}/561001`, "application/json"],
      [`${API}/561001?fields=id,headline`, "application/json"],
      [pageOf(561_001), "text/markdown"],
    ]) {
      const res = await get(url, { Accept: accept });
      expect(res.status, url).toBe(410);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(await res.json()).toEqual({
        type: "about:blank",
        status: 410,
        title: "Gone",
        detail: "This article was removed by its publisher and is no longer available.",
      });
    }
  });

  it("at any spelling of its id, with no redirect first, and to HEAD without a body", async () => {
    for (const url of [`${CANONICAL}/Detail/2031/12/31/561001/another-slug`, `${CANONICAL}/detail/2020/01/01/561001/sample-article-561001/`]) {
      const res = await get(url);
      expect(res.status, url).toBe(410);
      await res.arrayBuffer();
    }
    const head = await get(pageOf(561_001), {}, { method: "HEAD" });
    expect(head.status).toBe(410);
    expect(await head.text()).toBe("");
  });

  it("ignores validators: a 410 is never a 304", async () => {
    const res = await get(pageOf(561_001), { "If-None-Match": "*", "If-Modified-Since": new Date().toUTCString() });
    expect(res.status).toBe(410);
    await res.arrayBuffer();
  });

  it("is told from an id that never was public by the tombstone v1:gone:<id>", async () => {
    expect(JSON.parse((await env.NEWS.get("v1:gone:561001"))!)).toEqual({ v: 1, id: "561001", reason: "removed" });
    // A draft deleted without ever being public leaves no trace a reader could find.
    expect(await env.NEWS.get("v1:gone:561003")).toBeNull();
    for (const url of [pageOf(561_003), `${CANONICAL}/Detail/2020/01/01/561999/Never`]) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      await res.arrayBuffer();
    }
    const api = await get(`${API}/561003`, { Accept: "application/json" });
    expect(api.status).toBe(404);
    await api.arrayBuffer();
  });

  it("an article back to a draft answers 404 (it may come back); deleted after that, 410", async () => {
    expect(JSON.parse((await env.NEWS.get("v1:gone:561002"))!)).toEqual({ v: 1, id: "561002", reason: "unpublished" });
    for (const url of [pageOf(561_002), `${API}/561002`]) {
      const res = await get(url, { Accept: "application/json" });
      expect(res.status, url).toBe(404);
      await res.arrayBuffer();
    }
    expect(JSON.parse((await env.NEWS.get("v1:gone:561004"))!)).toEqual({ v: 1, id: "561004", reason: "removed" });
    const res = await get(pageOf(561_004));
    expect(res.status).toBe(410);
    await res.arrayBuffer();
  });

  it("a restored article is back at once at this location: its tombstone goes, and no 410 copy outlives it", async () => {
    await put(561_005);
    await remove(561_005);
    // The 410 is in this location's caches now.
    for (let i = 0; i < 2; i++) expect((await get(pageOf(561_005))).status).toBe(410);
    const restored = await get(`${API}/561005/revisions/1/restore?status=published`, { Authorization: `Bearer ${TOKEN}`, ...WAIT }, { method: "POST" });
    expect(restored.status).toBe(201);
    expect(await env.NEWS.get("v1:gone:561005")).toBeNull();
    const res = await get(pageOf(561_005));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("<h1>Sample article 561005</h1>");
    expect((await get(`${API}/561005`, { Accept: "application/json" })).status).toBe(200);
  });

  it("a removed article saved again as a draft answers 404 at once: its 410 copies go when its tombstone changes", async () => {
    await put(561_007);
    await remove(561_007);
    for (let i = 0; i < 2; i++) expect((await get(pageOf(561_007))).status).toBe(410);
    await put(561_007, { status: "draft" });
    expect(JSON.parse((await env.NEWS.get("v1:gone:561007"))!)).toEqual({ v: 1, id: "561007", reason: "unpublished" });
    const res = await get(pageOf(561_007));
    expect(res.status).toBe(404);
    await res.arrayBuffer();
  });

  it("a rebuild of the read model derives the tombstones again from the Newsroom's tables", async () => {
    const stub = newsroomStub();
    await stub.rebuild();
    await stub.settled();
    expect(JSON.parse((await env.NEWS.get("v1:gone:561001"))!)).toMatchObject({ reason: "removed" });
    expect(JSON.parse((await env.NEWS.get("v1:gone:561002"))!)).toMatchObject({ reason: "unpublished" });
    expect(JSON.parse((await env.NEWS.get("v1:gone:561004"))!)).toMatchObject({ reason: "removed" });
    expect(await env.NEWS.get("v1:gone:561003")).toBeNull();
    expect(await env.NEWS.get("v1:gone:561005")).toBeNull();
    expect(JSON.parse((await env.NEWS.get("v1:gone:561007"))!)).toMatchObject({ reason: "unpublished" });
    const check = await stub.checkReadModel("v1:gone:", 500);
    expect(check.missing).toEqual([]);
    expect(check.different).toEqual([]);
  });
});
