// A live story's updates, written through the API (issue 38; src/reader/routes/live-writes.ts, src/newsroom/live-updates.ts):
// the update's schema (422 with field errors), roles, If-Match, each update a revision of the article (restorable, the
// sequence still moving forward), tombstones in the change feed, whole-article PUTs and closing keeping the updates,
// the article size limit, Prefer: wait. Real Newsroom, KV and caches. Ids 381xxx.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Article } from "../../../src/shared/model/schema.ts";
import { CANONICAL, get, sampleArticle, TOKEN, WAIT } from "../../support/helpers.ts";

const API = `${CANONICAL}/api/v1/articles`;
const CAROL = "test-editor-carol";
const START = "2020-01-02T08:00:00Z";
const auth = (token = TOKEN) => ({ Authorization: `Bearer ${token}`, "Content-Type": "application/json", Accept: "application/json" });
const paragraph = (text: string) => [{ type: "paragraph", text }];

function liveStory(id: number, extra: Record<string, unknown> = {}) {
  return { ...sampleArticle(id, ["Live", "Desk"]), live: { start: START, end: null }, ...extra };
}
const put = (id: number, body: unknown, headers: Record<string, string> = {}) =>
  get(`${API}/${id}`, { ...auth(), ...WAIT, ...headers }, { method: "PUT", body: JSON.stringify(body) });
const postUpdate = (id: number, body: unknown, headers: Record<string, string> = {}) =>
  get(`${API}/${id}/updates`, { ...auth(), ...headers }, { method: "POST", body: JSON.stringify(body) });
const editUpdate = (id: number, n: number, body: unknown, headers: Record<string, string> = {}) =>
  get(`${API}/${id}/updates/${n}`, { ...auth(), ...headers }, { method: "PUT", body: JSON.stringify(body) });
const deleteUpdate = (id: number, n: number, headers: Record<string, string> = {}) =>
  get(`${API}/${id}/updates/${n}`, { ...auth(), ...headers }, { method: "DELETE" });
/** The article as the Newsroom has it now (the editors' read, any status). */
async function stored(id: number): Promise<Article> {
  const res = await get(`${API}/${id}?preview`, auth());
  expect(res.status).toBe(200);
  return (await res.json<{ source: Article }>()).source;
}
const inKV = async (id: number) => JSON.parse((await env.NEWS.get(`v1:article:${id}`))!) as Article;

type Problem = { status: number; detail: string; errors?: { field: string; message: string }[] };

describe("posting, editing and deleting a live story's updates", { timeout: 60_000 }, () => {
  it("posts: 201 with n, seq and Location; the next is n + 1; Prefer: wait answers once KV has it", async () => {
    expect((await put(381_001, liveStory(381_001))).status).toBe(201);
    const first = await postUpdate(381_001, { title: "Rescuers reach the valley", body: paragraph("The first team arrived at dawn."), pinned: true }, WAIT);
    expect(first.status).toBe(201);
    expect(first.headers.get("Location")).toBe(`${CANONICAL}/api/v1/articles/381001/updates/1`);
    expect(first.headers.get("Preference-Applied")).toBe("wait=30");
    expect(first.headers.get("Newsroom-Read-Model")).toBe("pending=0");
    expect(first.headers.get("Cache-Control")).toMatch(/private|no-store/);
    const one = await first.json<{ n: number; seq: number; time: string; pinned: boolean; article: { version: number; etag: string; cursor: number } }>();
    expect(one).toMatchObject({ n: 1, seq: 1, title: "Rescuers reach the valley", pinned: true, article: { version: 2, cursor: 1 } });
    expect(Date.now() - Date.parse(one.time)).toBeLessThan(60_000);
    // KV has it already: the answer waited.
    expect((await inKV(381_001)).updates).toEqual([expect.objectContaining({ n: 1, seq: 1 })]);
    const second = await postUpdate(381_001, { body: paragraph("A second team is on its way.") }, WAIT);
    expect(second.status).toBe(201);
    expect(await second.json()).toMatchObject({ n: 2, seq: 2, body: paragraph("A second team is on its way.") });
    // The article's modified date moved with the update (a live story's dateModified).
    const now = await stored(381_001);
    expect(Date.parse(now.modified)).toBeGreaterThan(Date.parse(now.published));
  });

  it("refuses what is not an update: 422 with each field named; 400, 415; 404 for no such story or update", async () => {
    expect((await put(381_010, liveStory(381_010))).status).toBe(201);
    const bad = await postUpdate(381_010, { n: 7, title: "x".repeat(301), body: [{ type: "poem", text: "x" }], pinned: "yes" });
    expect(bad.status).toBe(422);
    expect(bad.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
    expect((await bad.json<Problem>()).errors!.map((e) => e.field)).toEqual(["n"]);
    const fields = (await (await postUpdate(381_010, { title: "x".repeat(301), body: [{ type: "poem", text: "x" }], pinned: "yes" })).json<Problem>()).errors!;
    expect(fields.map((e) => e.field).sort()).toEqual(["body[0].type", "pinned", "title"]);
    const missing = await postUpdate(381_010, { title: "No body" });
    expect((await missing.json<Problem>()).errors).toEqual([{ field: "body", message: "is required" }]);
    expect((await postUpdate(381_010, { body: [] })).status).toBe(422);
    expect((await postUpdate(381_010, { body: [{ type: "heading", text: "Only a heading" }] })).status).toBe(422);
    expect((await get(`${API}/381010/updates`, auth(), { method: "POST", body: "{not json" })).status).toBe(400);
    expect((await get(`${API}/381010/updates`, { ...auth(), "Content-Type": "text/plain" }, { method: "POST", body: "{}" })).status).toBe(415);
    expect((await postUpdate(381_011, { body: paragraph("No such story.") })).status).toBe(404);
    expect((await editUpdate(381_010, 9, { body: paragraph("No such update.") })).status).toBe(404);
    expect((await deleteUpdate(381_010, 9)).status).toBe(404);
    expect((await deleteUpdate(381_010, 0)).status).toBe(404);
    expect((await get(`${API}/381010/updates`, { "Content-Type": "application/json" }, { method: "POST", body: "{}" })).status).toBe(401);
    expect((await stored(381_010)).updates ?? []).toEqual([]);
  });

  it("only a live story takes updates (409), and a closed one no new ones, though its updates can be edited and deleted", async () => {
    expect((await put(381_020, sampleArticle(381_020, ["Live", "Desk"]))).status).toBe(201);
    const notLive = await postUpdate(381_020, { body: paragraph("Too early.") });
    expect(notLive.status).toBe(409);
    expect((await notLive.json<Problem>()).detail).toMatch(/not live/);
    expect((await put(381_021, liveStory(381_021))).status).toBe(201);
    expect((await postUpdate(381_021, { body: paragraph("One.") })).status).toBe(201);
    expect((await postUpdate(381_021, { body: paragraph("Two.") })).status).toBe(201);
    // Closing is the article's `live.end` in a normal PUT, which leaves the updates out and keeps them.
    const closed = await put(381_021, liveStory(381_021, { live: { start: START, end: "2020-01-02T20:00:00Z" } }));
    expect(closed.status).toBe(200);
    expect((await stored(381_021)).updates?.map((u) => u.n)).toEqual([1, 2]);
    const late = await postUpdate(381_021, { body: paragraph("Three.") });
    expect(late.status).toBe(409);
    expect((await late.json<Problem>()).detail).toMatch(/closed/);
    const edited = await editUpdate(381_021, 1, { title: "Corrected", body: paragraph("One, corrected.") });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ n: 1, seq: 3, title: "Corrected", modified: expect.any(String) });
    expect((await deleteUpdate(381_021, 2)).status).toBe(204);
    const after = await stored(381_021);
    expect(after.updates).toEqual([expect.objectContaining({ n: 1, seq: 3, body: paragraph("One, corrected.") })]);
    expect(after.removed).toEqual([{ n: 2, seq: 4 }]);
    expect(after.live).toEqual({ start: START, end: "2020-01-02T20:00:00Z" });
  });

  it("a whole-article PUT that leaves the updates out keeps them; numbers are never reused after a deletion", async () => {
    expect((await put(381_030, liveStory(381_030))).status).toBe(201);
    for (const text of ["One.", "Two.", "Three."]) expect((await postUpdate(381_030, { body: paragraph(text) })).status).toBe(201);
    expect((await deleteUpdate(381_030, 3)).status).toBe(204);
    // The desk's save or an app's PUT of the story alone: headline changed, updates and tombstones kept as they are.
    const saved = await put(381_030, { ...sampleArticle(381_030, ["Live", "Desk"]), headline: "A new headline" });
    expect(saved.status).toBe(200);
    const article = await stored(381_030);
    expect(article.headline).toBe("A new headline");
    expect(article.live).toEqual({ start: START, end: null });
    expect(article.updates?.map((u) => [u.n, u.seq])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(article.removed).toEqual([{ n: 3, seq: 4 }]);
    const next = await postUpdate(381_030, { body: paragraph("Four.") });
    expect(await next.json()).toMatchObject({ n: 4, seq: 5 });
  });

  it("If-Match: a stale ETag is 412 and changes nothing; the current one (GET's, or the last write's Article-ETag) is taken", async () => {
    expect((await put(381_040, liveStory(381_040))).status).toBe(201);
    const etag = (await (await get(`${API}/381040?preview`, auth())).json<{ etag: string }>()).etag;
    expect(etag).toMatch(/^"json-/);
    const posted = await postUpdate(381_040, { body: paragraph("With the current tag.") }, { "If-Match": etag });
    expect(posted.status).toBe(201);
    const next = posted.headers.get("Article-ETag")!;
    expect(next).not.toBe(etag);
    expect((await postUpdate(381_040, { body: paragraph("Stale.") }, { "If-Match": etag })).status).toBe(412);
    expect((await editUpdate(381_040, 1, { body: paragraph("Stale.") }, { "If-Match": etag })).status).toBe(412);
    expect((await deleteUpdate(381_040, 1, { "If-Match": etag })).status).toBe(412);
    expect((await stored(381_040)).updates?.map((u) => u.body)).toEqual([paragraph("With the current tag.")]);
    expect((await editUpdate(381_040, 1, { body: paragraph("Edited.") }, { "If-Match": next })).status).toBe(200);
  });

  it("roles: a contributor writes updates to a draft story only, as for drafts", async () => {
    expect((await put(381_050, liveStory(381_050))).status).toBe(201);
    expect((await postUpdate(381_050, { body: paragraph("An editor's.") })).status).toBe(201);
    const refused = await postUpdate(381_050, { body: paragraph("A contributor's.") }, auth(CAROL));
    expect(refused.status).toBe(403);
    expect((await refused.json<Problem>()).detail).toMatch(/draft/);
    expect((await editUpdate(381_050, 1, { body: paragraph("x") }, auth(CAROL))).status).toBe(403);
    expect((await deleteUpdate(381_050, 1, auth(CAROL))).status).toBe(403);
    expect((await put(381_051, liveStory(381_051, { status: "draft" }))).status).toBe(201);
    const drafted = await postUpdate(381_051, { body: paragraph("Ready for when it goes out.") }, auth(CAROL));
    expect(drafted.status).toBe(201);
    expect((await editUpdate(381_051, 1, { body: paragraph("Reworded.") }, auth(CAROL))).status).toBe(200);
    expect((await deleteUpdate(381_051, 1, auth(CAROL))).status).toBe(204);
  });
});

describe("updates as revisions, in the change feed, and within the size limit", { timeout: 60_000 }, () => {
  it("each update is a revision; an old one restored comes back with the sequence moving forward (a tombstone for what it lacks)", async () => {
    expect((await put(381_060, liveStory(381_060))).status).toBe(201);
    for (const text of ["One.", "Two."]) expect((await postUpdate(381_060, { body: paragraph(text) })).status).toBe(201);
    expect((await editUpdate(381_060, 1, { body: paragraph("One, edited.") })).status).toBe(200);
    const history = await (await get(`${API}/381060/revisions`, auth())).json<{ revisions: { version: number; kind: string }[] }>();
    expect(history.revisions.map((r) => r.version)).toEqual([4, 3, 2, 1]);
    const v2 = await (await get(`${API}/381060/revisions/2`, auth())).json<{ article: Article }>();
    expect(v2.article.updates?.map((u) => u.body)).toEqual([paragraph("One.")]);
    const restored = await get(`${API}/381060/revisions/2/restore`, { ...auth(), ...WAIT }, { method: "POST" });
    expect(restored.status).toBe(200);
    const now = await stored(381_060);
    // Update 1 as it was (a change: a new seq), update 2 tombstoned, so `?since=3` learns both.
    expect(now.updates).toEqual([expect.objectContaining({ n: 1, seq: 4, body: paragraph("One.") })]);
    expect(now.removed).toEqual([{ n: 2, seq: 5 }]);
    expect(await (await postUpdate(381_060, { body: paragraph("Three.") })).json()).toMatchObject({ n: 3, seq: 6 });
  });

  it("the change feed: a posted update is a change with the new cursor; a deletion too, and KV's article has its tombstone", async () => {
    expect((await put(381_070, liveStory(381_070))).status).toBe(201);
    const latest = await (await get(`${CANONICAL}/api/v1/changes?latest`, { Accept: "application/json" })).json<{ next: string }>();
    expect((await postUpdate(381_070, { body: paragraph("One.") }, WAIT)).status).toBe(201);
    expect((await deleteUpdate(381_070, 1, WAIT)).status).toBe(204);
    type Change = { type: string; id: string; live?: { start: string; end: string | null; cursor: number; updates: number } };
    const page = await (await get(`${CANONICAL}/api/v1/changes?since=${latest.next}`, { Accept: "application/json" })).json<{ changes: Change[] }>();
    const ours = page.changes.filter((c) => c.id === "381070");
    expect(ours.map((c) => c.live)).toEqual([
      { start: START, end: null, cursor: 1, updates: 1 },
      { start: START, end: null, cursor: 2, updates: 0 },
    ]);
    expect((await inKV(381_070)).removed).toEqual([{ n: 1, seq: 2 }]);
    // A story that is not live carries no `live` summary.
    expect((await put(381_071, sampleArticle(381_071, ["Live", "Desk"]))).status).toBe(201);
    const plain = await (await get(`${CANONICAL}/api/v1/changes?since=${latest.next}`, { Accept: "application/json" })).json<{ changes: Change[] }>();
    expect(plain.changes.find((c) => c.id === "381071")).not.toHaveProperty("live");
  });

  it("an update that would take the story over 256 KiB is 422 saying so, and a body over the limit 413; nothing changes", async () => {
    const big = Array.from({ length: 24 }, (_, i) => ({ type: "paragraph", text: `${i} ${"word ".repeat(1990)}` }));
    expect((await put(381_080, liveStory(381_080, { body: big }))).status).toBe(201);
    const many = Array.from({ length: 30 }, () => ({ type: "paragraph", text: "more ".repeat(1000) }));
    const over = await postUpdate(381_080, { body: many });
    expect(over.status).toBe(422);
    const problem = await over.json<Problem>();
    expect(problem.errors![0]!.message).toMatch(/over 256 KiB/);
    const huge = await postUpdate(381_080, { body: paragraph("x".repeat(300 * 1024)) });
    expect(huge.status).toBe(413);
    expect((await stored(381_080)).updates ?? []).toEqual([]);
  });
});
