// The write path at a newsroom's speed (README "Publishing"): answers at the commit, `Prefer: wait`
// for read-your-writes, drafts and scheduled articles that say so and list under `status=`, ids the
// Newsroom gives (POST), restores that only move time forward, content loads that never undo an
// editor, failed sign-ins limited, and this location's caches cleared once KV has a change (every
// variant, scheduled publications too). Real Newsroom, real KV behind the one-write-a-second limit
// (tests/support/kv-limit.ts), real Cache API. Ids 400xxx and 834801–834899, sections of their own.
import { createExecutionContext, runInDurableObject, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Newsroom } from "../../../src/newsroom/newsroom.ts";
import { createApp } from "../../../src/reader/app.ts";
import { createLayers } from "../../../src/reader/cache/layers.ts";
import { forgetPurges } from "../../../src/reader/cache/purge.ts";
import { CANONICAL, get, loadSeedContent, newsroomStub, sampleArticle, TOKEN, WAIT } from "../../support/helpers.ts";
import { limitState } from "../../support/kv-limit.ts";

beforeAll(loadSeedContent);

const API = `${CANONICAL}/api/v1/articles`;
const auth = { Authorization: `Bearer ${TOKEN}` };
const ALICE = { Authorization: "Bearer test-editor-alice" };
const jsonType = { "Content-Type": "application/json" };
const JSON_ACCEPT = { Accept: "application/json" };

function put(id: number | string, body: unknown, headers: Record<string, string> = {}) {
  return get(`${API}/${id}`, { ...auth, ...jsonType, ...headers }, { method: "PUT", body: JSON.stringify(body) });
}
function post(body: unknown, headers: Record<string, string> = {}) {
  return get(API, { ...auth, ...jsonType, ...headers }, { method: "POST", body: JSON.stringify(body) });
}
const json = async <T>(res: Response | Promise<Response>): Promise<T> => (await res).json<T>();
/** A reader at this location in an isolate of its own: no memory of its own, the location's Cache API. */
function freshReader() {
  forgetPurges();
  const app = createApp(createLayers());
  return async (path: string) => {
    const ctx = createExecutionContext();
    const res = await app.fetch(new Request(CANONICAL + path, { headers: JSON_ACCEPT }), env, ctx);
    // Its copy is in the Cache API before the test goes on.
    await waitOnExecutionContext(ctx);
    return res;
  };
}
const ids = async (res: Response) => (await res.json<{ articles: { id: string }[] }>()).articles.map((a) => a.id);

describe("a write answers at its commit", { timeout: 60_000 }, () => {
  it("says what KV still lacks of it, its version and status; Prefer: wait answers once KV has it", async () => {
    const plain = await put(400_001, sampleArticle(400_001, ["Commit"]));
    expect(plain.status).toBe(201);
    expect(plain.headers.get("newsroom-version")).toBe("1");
    expect(plain.headers.get("newsroom-status")).toBe("published");
    // Every key this change writes (record, roots, nodes, sections, feed) is still to be written.
    expect(Number(/^pending=(\d+)$/.exec(plain.headers.get("newsroom-read-model") ?? "")?.[1])).toBeGreaterThanOrEqual(5);
    expect(plain.headers.get("preference-applied")).toBeNull();

    const waited = await put(400_002, sampleArticle(400_002, ["Commit"]), { Prefer: "wait=30" });
    expect(waited.status).toBe(201);
    expect(waited.headers.get("newsroom-read-model")).toBe("pending=0");
    expect(waited.headers.get("preference-applied")).toBe("wait=30");
    expect(await env.NEWS.get("v1:article:400002")).not.toBeNull();
    expect((await get(`${CANONICAL}/Commit`, JSON_ACCEPT)).status).toBe(200);
  });

  it("sends an article exactly as stored again without making a version", async () => {
    const body = sampleArticle(400_003, ["Commit"]);
    expect((await put(400_003, body, WAIT)).headers.get("newsroom-version")).toBe("1");
    const again = await put(400_003, body, WAIT);
    expect(again.status).toBe(200);
    expect(again.headers.get("newsroom-version")).toBe("1");
    expect(again.headers.get("newsroom-read-model")).toBe("pending=0");
    expect((await json<{ revisions: unknown[] }>(get(`${API}/400003/revisions`, auth))).revisions).toHaveLength(1);
  });

  it("100 PUTs at once are all answered, and the drains never write a key twice within a second", async () => {
    const burst = Array.from({ length: 100 }, (_, i) => 400_100 + i);
    const editor = { Authorization: "Bearer test-editor-burst-303000" };
    const answers = await Promise.all(burst.map((id, i) => put(id, sampleArticle(id, ["Burst", `B${i % 5}`], `2021-03-0${1 + (i % 9)}`), editor)));
    expect(answers.map((r) => r.status)).toEqual(burst.map(() => 201));
    const stub = newsroomStub();
    await stub.settled();
    const listed = await json<{ total: number }>(get(`${API}?section=Burst&per_page=100`, JSON_ACCEPT));
    expect(listed.total).toBe(100);
    expect(await runInDurableObject(stub, (instance: Newsroom) => limitState(instance.kv)?.refused ?? ["no limit installed"])).toEqual([]);
  });
});

describe("drafts and scheduled articles say so, and editors list them", { timeout: 60_000 }, () => {
  it("a draft: 201 with a Location editors can read, no public page, listed under status=draft", async () => {
    const res = await put(400_201, { ...sampleArticle(400_201, ["Newsdesk"]), status: "draft" }, ALICE);
    expect(res.status).toBe(201);
    expect(res.headers.get("newsroom-status")).toBe("draft");
    expect(res.headers.get("content-location")).toBeNull();
    const location = res.headers.get("location")!;
    expect(location).toBe(`${API}/400201`);
    expect((await get(location, JSON_ACCEPT)).status).toBe(404);
    const editorView = await get(location, { ...JSON_ACCEPT, ...auth });
    expect(editorView.status).toBe(200);
    expect(editorView.headers.get("cache-control")).toBe("private, no-store");
    expect(await editorView.json()).toMatchObject({ id: "400201", status: "draft", version: 1, editor: "Alice" });
    expect((await get(location, { ...JSON_ACCEPT, Authorization: "Bearer wrong", "cf-connecting-ip": "192.0.2.201" })).status).toBe(401);

    const drafts = await json<{ articles: { id: string; status: string; version: number; editor: string }[] }>(
      get(`${API}?status=draft&section=Newsdesk`, auth),
    );
    expect(drafts.articles).toEqual([expect.objectContaining({ id: "400201", status: "draft", version: 1, editor: "Alice" })]);
  });

  it("a scheduled article: its time in Newsroom-Status and publishAt, listed under status=scheduled until then", async () => {
    const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 3_600_000).toISOString().replace(".000Z", "Z");
    const res = await put(400_202, sampleArticle(400_202, ["Newsdesk"], at));
    expect(res.status).toBe(201);
    expect(res.headers.get("newsroom-status")).toBe(`scheduled;at="${at.replace("Z", ".000Z")}"`);
    const scheduled = await json<{ articles: { id: string; status: string; publishAt: string }[] }>(get(`${API}?status=scheduled&section=Newsdesk`, auth));
    expect(scheduled.articles.map((a) => [a.id, a.status, a.publishAt])).toEqual([["400202", "scheduled", at.replace("Z", ".000Z")]]);
    const published = await json<{ articles: { id: string }[] }>(get(`${API}?status=published&section=Newsdesk`, auth));
    expect(published.articles.map((a) => a.id)).not.toContain("400202");
  });

  it("lists newest change first, and removed articles under status=removed", async () => {
    expect((await put(400_203, sampleArticle(400_203, ["Newsdesk", "Order"]), WAIT)).status).toBe(201);
    expect((await put(400_204, sampleArticle(400_204, ["Newsdesk", "Order"]), WAIT)).status).toBe(201);
    expect((await put(400_203, { ...sampleArticle(400_203, ["Newsdesk", "Order"]), headline: "Changed last" }, WAIT)).status).toBe(200);
    const all = await json<{ articles: { id: string; version: number }[]; total: number }>(get(`${API}?status=all&section=Newsdesk/Order`, auth));
    expect(all.articles.map((a) => [a.id, a.version])).toEqual([
      ["400203", 2],
      ["400204", 1],
    ]);
    expect(all.total).toBe(2);
    expect((await get(`${API}/400204`, { ...auth, ...WAIT }, { method: "DELETE" })).status).toBe(204);
    const removed = await json<{ articles: { id: string; status: string }[] }>(get(`${API}?status=removed&section=Newsdesk/Order`, auth));
    expect(removed.articles).toEqual([expect.objectContaining({ id: "400204", status: "removed" })]);
  });

  it("without a token any status but published is a 401, never silently the public list; a bad one a 400", async () => {
    for (const status of ["draft", "scheduled", "all", "removed"]) {
      const res = await get(`${API}?status=${status}`, { ...JSON_ACCEPT, "cf-connecting-ip": "192.0.2.202" });
      expect(res.status, status).toBe(401);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
    expect((await get(`${API}?status=published`, JSON_ACCEPT)).status).toBe(200);
    expect((await get(`${API}?status=bogus`, auth)).status).toBe(400);
  });
});

describe("POST: the Newsroom names the article", { timeout: 60_000 }, () => {
  it("gives each a new id past every id it has held, with the API resource as Location", async () => {
    const first = await post({ ...sampleArticle(1, ["Posted"]), id: undefined }, WAIT);
    expect(first.status).toBe(201);
    const firstId = (await first.json<{ id: string }>()).id;
    expect(first.headers.get("location")).toBe(`${API}/${firstId}`);
    const second = await post({ ...sampleArticle(1, ["Posted"]), id: undefined, headline: "Another" }, WAIT);
    const secondId = (await second.json<{ id: string }>()).id;
    expect(Number(secondId)).toBe(Number(firstId) + 1);
    expect(Number(firstId)).toBeGreaterThan(400_000);
    expect((await get(`${API}/${secondId}`, JSON_ACCEPT)).status).toBe(200);
    const withId = await post(sampleArticle(400_301, ["Posted"]));
    expect(withId.status).toBe(422);
    expect((await withId.json<{ errors: { field: string }[] }>()).errors.map((e) => e.field)).toEqual(["id"]);
  });
});

describe("restoring only moves time forward", { timeout: 60_000 }, () => {
  it("a restored revision is a new version dated now: dateModified, Last-Modified and the change feed move forward", async () => {
    const id = 400_401;
    const created = await put(id, { ...sampleArticle(id, ["Restore"]), headline: "First words" }, WAIT);
    expect(created.status).toBe(201);
    const corrected = await json<{ dateModified: string }>(put(id, { ...sampleArticle(id, ["Restore"]), headline: "Second words" }, WAIT));
    const revs = await json<{ revisions: { version: number }[] }>(get(`${API}/${id}/revisions`, auth));
    const old = await json<{ article: Record<string, unknown> }>(get(`${API}/${id}/revisions/${revs.revisions.at(-1)!.version}`, auth));
    // PUT of the old revision's article, its old `modified` included: dated now all the same.
    const putBack = await json<{ headline: string; dateModified: string }>(put(id, old.article, WAIT));
    expect(putBack.headline).toBe("First words");
    expect(Date.parse(putBack.dateModified)).toBeGreaterThanOrEqual(Date.parse(corrected.dateModified));
    // The restore endpoint: revision 2 again, as version 4.
    const restored = await get(`${API}/${id}/revisions/2/restore`, { ...auth, ...WAIT }, { method: "POST" });
    expect(restored.status).toBe(200);
    expect(restored.headers.get("newsroom-version")).toBe("4");
    const page = await get(`${CANONICAL}/Detail/2020/01/01/${id}/Second-words`, JSON_ACCEPT);
    const view = await page.json<{ headline: string; dateModified: string }>();
    expect(view.headline).toBe("Second words");
    expect(Date.parse(view.dateModified)).toBeGreaterThanOrEqual(Date.parse(putBack.dateModified));
    expect(Date.parse(page.headers.get("last-modified")!)).toBeGreaterThanOrEqual(Math.floor(Date.parse(putBack.dateModified) / 1000) * 1000);
    expect((await get(`${API}/${id}/revisions/99/restore`, auth, { method: "POST" })).status).toBe(404);
  });
});

describe("time only moves forward for an article readers have seen", { timeout: 60_000 }, () => {
  const SIX_DAYS_AGO = new Date(Date.now() - 6 * 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");
  type View = { dateModified: string; canonicalUrl: string };

  it("a draft republished is dated now: dateModified, Last-Modified and the change feed never go back to published", async () => {
    const id = 834_801;
    const article = { ...sampleArticle(id, ["Forward"]), published: SIX_DAYS_AGO };
    expect((await put(id, article, WAIT)).status).toBe(201);
    const corrected = await json<View>(put(id, { ...article, headline: "Corrected" }, WAIT));
    expect(Date.parse(corrected.dateModified)).toBeGreaterThan(Date.parse(SIX_DAYS_AGO));
    const cursor = (await json<{ next: string }>(get(`${CANONICAL}/api/v1/changes?latest`, JSON_ACCEPT))).next;
    expect((await put(id, { ...article, headline: "Corrected", status: "draft" }, WAIT)).status).toBe(200);
    const republished = await json<View>(put(id, { ...article, headline: "Republished" }, WAIT));
    expect(Date.parse(republished.dateModified)).toBeGreaterThanOrEqual(Date.parse(corrected.dateModified));
    // A client that holds the correction (one second earlier, so a republish in the same second still counts) is not told 304.
    const since = new Date(Date.parse(corrected.dateModified) - 1000).toUTCString();
    const page = await get(republished.canonicalUrl, { ...JSON_ACCEPT, "If-Modified-Since": since });
    expect(page.status).toBe(200);
    expect(Date.parse(page.headers.get("last-modified")!)).toBeGreaterThanOrEqual(Date.parse(since));
    const feed = await json<{ changes: { type: string; id?: string; dateModified?: string }[] }>(
      get(`${CANONICAL}/api/v1/changes?since=${cursor}`, JSON_ACCEPT),
    );
    const upserts = feed.changes.filter((c) => c.type === "upsert" && c.id === String(id));
    expect(upserts).toHaveLength(1);
    expect(Date.parse(upserts[0].dateModified!)).toBeGreaterThanOrEqual(Date.parse(corrected.dateModified));
  });

  it("a removed article written again is dated now, not by its published date", async () => {
    const id = 834_802;
    const article = { ...sampleArticle(id, ["Forward"]), published: SIX_DAYS_AGO };
    expect((await put(id, article, WAIT)).status).toBe(201);
    const removedAt = Math.floor(Date.now() / 1000) * 1000;
    expect((await get(`${API}/${id}`, { ...auth, ...WAIT }, { method: "DELETE" })).status).toBe(204);
    const again = await json<View>(put(id, { ...article, headline: "Back again" }, WAIT));
    expect(Date.parse(again.dateModified)).toBeGreaterThanOrEqual(removedAt);
  });

  it("a draft never published keeps the dates it is given", async () => {
    const id = 834_803;
    const article = { ...sampleArticle(id, ["Forward"]), published: SIX_DAYS_AGO };
    expect((await put(id, { ...article, status: "draft" }, WAIT)).status).toBe(201);
    const published = await json<View>(put(id, article, WAIT));
    expect(published.dateModified).toBe(SIX_DAYS_AGO);
  });
});

describe("content/ never undoes an editor", { timeout: 60_000 }, () => {
  const file = "content/articles/400501.md";
  it("a correction made through the API survives a reload of a changed file, which reports the conflict; --force overwrites", async () => {
    const stub = newsroomStub();
    const original = sampleArticle(400_501, ["Loaded"]);
    expect(await stub.loadContent([original], "loader", { files: { "400501": file } })).toMatchObject({ created: 1, conflicts: [] });
    await stub.settled();
    expect((await put(400_501, { ...original, headline: "Corrected by Alice" }, { ...ALICE, ...WAIT })).status).toBe(200);
    // The same file again: nothing to apply, nothing to report.
    expect(await stub.loadContent([original], "loader", { files: { "400501": file } })).toMatchObject({ unchanged: 1, updated: 0, conflicts: [] });
    // The file changed since: left as Alice made it, and said so.
    const changed = { ...original, headline: "The file's new headline" };
    const report = await stub.loadContent([changed], "loader", { files: { "400501": file } });
    expect(report).toMatchObject({ updated: 0, conflicts: [{ id: "400501", file, kind: "changed", editor: "Alice", version: 2 }] });
    expect((await stub.article("400501"))!.article.headline).toBe("Corrected by Alice");
    const forced = await stub.loadContent([changed], "loader", { files: { "400501": file }, force: true });
    expect(forced).toMatchObject({ updated: 1, conflicts: [], overwritten: [{ id: "400501", kind: "changed", editor: "Alice" }] });
    expect((await stub.article("400501"))!.article.headline).toBe("The file's new headline");
  });

  it("an article deleted through the API stays deleted, and the load says so", async () => {
    const stub = newsroomStub();
    const article = sampleArticle(400_502, ["Loaded"]);
    expect(await stub.loadContent([article], "loader", null)).toMatchObject({ created: 1 });
    await stub.settled();
    expect((await get(`${API}/400502`, { ...ALICE, ...WAIT }, { method: "DELETE" })).status).toBe(204);
    const report = await stub.loadContent([article], "loader", { files: { "400502": "content/articles/b.md" } });
    expect(report).toMatchObject({ created: 0, conflicts: [{ id: "400502", kind: "deleted", editor: "Alice" }] });
    expect(await stub.article("400502")).toBeNull();
  });
});

describe("failed sign-ins are limited per client", { timeout: 60_000 }, () => {
  it("the 21st wrong token in a minute is a 429 with Retry-After, and so is everything from that client; other clients are not slowed", async () => {
    const attacker = { "cf-connecting-ip": "198.51.100.21", ...jsonType };
    for (let i = 0; i < 20; i++) expect((await put(400_601, sampleArticle(400_601), { ...attacker, Authorization: `Bearer guess-${i}` })).status).toBe(401);
    const limited = await put(400_601, sampleArticle(400_601), { ...attacker, Authorization: "Bearer guess-21" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("ratelimit-policy")).toBe('"auth";q=20;w=60');
    // The right token from that client tells nothing apart while it is limited…
    expect((await put(400_601, sampleArticle(400_601), { ...attacker, ...auth })).status).toBe(429);
    // …and another client's right token is answered as ever.
    expect((await put(400_601, sampleArticle(400_601, ["Signin"]), { "cf-connecting-ip": "198.51.100.22", ...auth, ...WAIT })).status).toBe(201);
  });
});

describe("this location's caches are cleared once KV has a change", { timeout: 60_000 }, () => {
  it("every variant of the API list (any per_page, fields, after) shows a publish at once", async () => {
    expect((await put(400_701, sampleArticle(400_701, ["Variants"], "2021-05-01"), WAIT)).status).toBe(201);
    expect((await put(400_702, sampleArticle(400_702, ["Variants"], "2021-05-02"), WAIT)).status).toBe(201);
    const first = await json<{ next: string }>(get(`${API}?section=Variants&per_page=1`, JSON_ACCEPT));
    const variants = [
      `/api/v1/articles?section=Variants&per_page=7&fields=id,headline`,
      `/api/v1/articles?section=Variants&per_page=1&after=${first.next}`,
      `/Variants`,
    ];
    const read = freshReader();
    for (const path of variants) expect((await read(path)).status).toBe(200);
    // In the Cache API now. A publish that moves the list:
    expect((await put(400_703, sampleArticle(400_703, ["Variants"], "2021-04-30"), WAIT)).status).toBe(201);
    const after = freshReader();
    expect(await ids(await after(variants[0]))).toEqual(["400702", "400701", "400703"]);
    expect(await ids(await after(variants[1]))).toEqual(["400701"]);
    expect((await (await after(variants[2])).json<{ total: number }>()).total).toBe(3);
  });

  it("a scheduled publication clears this location's copies of its listings, with no request in between", async () => {
    expect((await put(400_801, sampleArticle(400_801, ["Timed"], "2021-06-01"), WAIT)).status).toBe(201);
    const at = new Date(Math.ceil((Date.now() + 3_000) / 1000) * 1000);
    const published = at.toISOString().replace(".000Z", "Z");
    expect((await put(400_802, sampleArticle(400_802, ["Timed"], published), WAIT)).status).toBe(201);
    const before = freshReader();
    expect(await ids(await before("/api/v1/articles?section=Timed&per_page=5"))).toEqual(["400801"]);
    // The Newsroom's alarm publishes it at its time; wait for KV to have it, then for the drain.
    const stub = newsroomStub();
    for (let i = 0; i < 300 && (await env.NEWS.get("v1:article:400802")) === null; i++) await new Promise((r) => setTimeout(r, 100));
    await stub.settled();
    const after = freshReader();
    expect(await ids(await after("/api/v1/articles?section=Timed&per_page=5"))).toEqual(["400802", "400801"]);
  });
});
