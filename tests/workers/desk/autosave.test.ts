// The desk's server autosave (issue 35, item 7): an editor's private working copy of a story, kept
// over the version named by `If-Match` (412 once a newer one is saved), carried back in that editor's
// view of the story only, replaced by their next save, forgotten on DELETE. It never changes a live or
// scheduled story's public state: KV, the page and the API answers stay as they were, and a scheduled
// story goes live with its saved text. Real Newsroom and KV. Ids 630xxx.
import { beforeAll, describe, expect, it } from "vitest";
import { deskSession } from "../../support/desk-session.ts";
import { CANONICAL, get, loadSeedContent, newsroomStub, sampleArticle, snapshotKV, TOKEN, WAIT } from "../../support/helpers.ts";

beforeAll(loadSeedContent);

const API = `${CANONICAL}/api/v1/articles`;
const AUTOSAVE = `${CANONICAL}/desk/api/autosave`;
const bearer = { Authorization: `Bearer ${TOKEN}`, ...WAIT };
const put = (id: number, body: unknown, headers: Record<string, string> = {}) =>
  get(`${API}/${id}`, { ...bearer, "Content-Type": "application/json", ...headers }, { method: "PUT", body: JSON.stringify(body) });
const editorView = async (id: number, headers: Record<string, string>) =>
  (await get(`${API}/${id}?preview=1`, headers)).json<{
    etag: string;
    version: number;
    workingCopy?: { text: Record<string, string>; version: number; etag: string };
  }>();
const form = (headline: string) => ({ headline, description: "", section: "Desk Autosave", body: "Typed, not saved.", published: "" });

describe("the server autosave", { timeout: 60_000 }, () => {
  it("keeps a private working copy of a live story that readers never see", async () => {
    expect((await put(630001, sampleArticle(630001, ["Desk Autosave"]))).status).toBe(201);
    const desk = await deskSession(TOKEN);
    const { etag } = await editorView(630001, { Cookie: desk.cookie });
    await newsroomStub().settled();
    const kv = await snapshotKV();
    const page = await (await get(`${CANONICAL}/Detail/2020/01/01/630001/Sample-article-630001`)).text();
    const json = await (await get(`${API}/630001`, { Accept: "application/json" })).text();

    const saved = await get(
      `${AUTOSAVE}/630001`,
      { ...desk.write, "If-Match": etag },
      { method: "PUT", body: JSON.stringify(form("A headline typed over the live one")) },
    );
    expect(saved.status).toBe(204);
    expect(saved.headers.get("Cache-Control")).toBe("private, no-store");

    await newsroomStub().settled();
    expect(await snapshotKV()).toEqual(kv);
    expect(await (await get(`${CANONICAL}/Detail/2020/01/01/630001/Sample-article-630001`)).text()).toBe(page);
    expect(await (await get(`${API}/630001`, { Accept: "application/json" })).text()).toBe(json);
    const mine = await editorView(630001, { Cookie: desk.cookie });
    expect(mine.workingCopy).toMatchObject({ version: 1, etag, text: { headline: "A headline typed over the live one" } });
    expect(mine.version).toBe(1);
    // Private: another editor's view of the story carries none.
    expect((await editorView(630001, { Authorization: "Bearer test-editor-alice" })).workingCopy).toBeUndefined();
  });

  it("never changes a scheduled story: it goes live at its time with its saved text", async () => {
    const at = new Date(Date.now() + 6000).toISOString().replace(/\.\d{3}Z$/, "Z");
    expect((await put(630002, { ...sampleArticle(630002, ["Desk Autosave"]), headline: "Saved for later", published: at })).status).toBe(201);
    const desk = await deskSession(TOKEN);
    const { etag } = await editorView(630002, { Cookie: desk.cookie });
    const saved = await get(`${AUTOSAVE}/630002`, { ...desk.write, "If-Match": etag }, { method: "PUT", body: JSON.stringify(form("Typed, never saved")) });
    expect(saved.status).toBe(204);
    // Not public before its time (asked only while its time is surely to come, however slow the machine).
    const before = await get(`${API}/630002`, { Accept: "application/json" });
    if (Date.now() < Date.parse(at) - 1000) expect(before.status).toBe(404);
    let live: Response | undefined;
    for (let i = 0; i < 90 && live?.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 500));
      live = await get(`${API}/630002`, { Accept: "application/json" });
    }
    expect(live!.status).toBe(200);
    expect((await live!.json<{ headline: string }>()).headline).toBe("Saved for later");
  });

  it("is refused over a version that is no longer current (412), and a save replaces it", async () => {
    expect((await put(630003, sampleArticle(630003, ["Desk Autosave"]))).status).toBe(201);
    const desk = await deskSession(TOKEN);
    const first = await editorView(630003, { Cookie: desk.cookie });
    expect((await put(630003, { ...sampleArticle(630003, ["Desk Autosave"]), headline: "A colleague's correction" })).status).toBe(200);
    const stale = await get(`${AUTOSAVE}/630003`, { ...desk.write, "If-Match": first.etag }, { method: "PUT", body: JSON.stringify(form("Over the old one")) });
    expect(stale.status).toBe(412);
    expect((await editorView(630003, { Cookie: desk.cookie })).workingCopy).toBeUndefined();

    const current = await editorView(630003, { Cookie: desk.cookie });
    expect(
      (await get(`${AUTOSAVE}/630003`, { ...desk.write, "If-Match": current.etag }, { method: "PUT", body: JSON.stringify(form("Over the new one")) })).status,
    ).toBe(204);
    // The editor's own save replaces their working copy.
    const save = await get(
      `${API}/630003`,
      { ...desk.write, "If-Match": current.etag, ...WAIT },
      { method: "PUT", body: JSON.stringify({ ...sampleArticle(630003, ["Desk Autosave"]), headline: "Over the new one" }) },
    );
    expect(save.status).toBe(200);
    expect((await editorView(630003, { Cookie: desk.cookie })).workingCopy).toBeUndefined();
  });

  it("is forgotten on DELETE; every autosave write needs the session's CSRF token", async () => {
    expect((await put(630004, sampleArticle(630004, ["Desk Autosave"]))).status).toBe(201);
    const desk = await deskSession(TOKEN);
    const { etag } = await editorView(630004, { Cookie: desk.cookie });
    const { "X-CSRF-Token": _, ...noToken } = desk.write;
    expect((await get(`${AUTOSAVE}/630004`, { ...noToken, "If-Match": etag }, { method: "PUT", body: JSON.stringify(form("x")) })).status).toBe(403);
    expect((await get(`${AUTOSAVE}/630004`, { ...desk.write, "If-Match": etag }, { method: "PUT", body: JSON.stringify(form("kept")) })).status).toBe(204);
    expect((await get(`${AUTOSAVE}/630004`, noToken, { method: "DELETE" })).status).toBe(403);
    expect((await editorView(630004, { Cookie: desk.cookie })).workingCopy).toBeDefined();
    expect((await get(`${AUTOSAVE}/630004`, desk.write, { method: "DELETE" })).status).toBe(204);
    expect((await editorView(630004, { Cookie: desk.cookie })).workingCopy).toBeUndefined();
    // Of a story that does not exist: 404; not JSON: the API's answers (415, 400).
    expect((await get(`${AUTOSAVE}/630999`, { ...desk.write, "If-Match": etag }, { method: "PUT", body: JSON.stringify(form("x")) })).status).toBe(404);
    expect((await get(`${AUTOSAVE}/630004`, { ...desk.write, "Content-Type": "text/plain" }, { method: "PUT", body: "x" })).status).toBe(415);
  });
});
