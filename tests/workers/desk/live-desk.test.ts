// The desk's Live coverage panel (desk/live-panel.ts, desk/update-text.ts; issue 38) as the Worker meets it: the panel's composer turns
// CommonMark into the blocks the updates API takes (the content build's parser, as for the story's body), its writes
// carry the session's CSRF token (without it: 403, nothing changed), a contributor's session posts to a draft story
// only, the switch is a PUT of the story as stored with `live` changed (the updates kept), and the edit page serves
// the panel's script. Real Newsroom, KV and assets. Ids 382xxx.
import { beforeAll, describe, expect, it } from "vitest";
import { updateBlocks } from "../../../desk/update-text.ts";
import type { Article } from "../../../src/shared/model/schema.ts";
import { deskSession } from "../../support/desk-session.ts";
import { CANONICAL, get, loadSeedContent, sampleArticle, TOKEN, WAIT } from "../../support/helpers.ts";

beforeAll(loadSeedContent);

const API = `${CANONICAL}/api/v1/articles`;
const START = "2020-01-03T06:00:00Z";
const bearer = { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json", Accept: "application/json", ...WAIT };
const put = (id: number, body: unknown) => get(`${API}/${id}`, bearer, { method: "PUT", body: JSON.stringify(body) });
const source = async (id: number) => (await (await get(`${API}/${id}?preview=1`, bearer)).json<{ source: Article; etag: string }>()).source;
const live = (id: number, extra: Record<string, unknown> = {}) => ({ ...sampleArticle(id, ["Live", "Desk"]), live: { start: START, end: null }, ...extra });

describe("the desk's live coverage panel", { timeout: 60_000 }, () => {
  it("the composer's CommonMark becomes the API's blocks, links and emphasis kept; an empty or broken one is said plainly", () => {
    const ok = updateBlocks("Winds of **120 km/h** at the [harbour](https://example.com/h).\n\nFerries cancelled.");
    expect(ok).toEqual({
      ok: true,
      body: [
        {
          type: "paragraph",
          text: "Winds of 120 km/h at the harbour.",
          runs: [
            { text: "Winds of " },
            { text: "120 km/h", strong: true },
            { text: " at the " },
            { text: "harbour", href: "https://example.com/h" },
            { text: "." },
          ],
        },
        { type: "paragraph", text: "Ferries cancelled." },
      ],
    });
    expect(updateBlocks("   ")).toEqual({ ok: false, message: "Write the update first." });
    expect(updateBlocks("[a link](javascript:alert(1))").ok).toBe(false);
  });

  it("a desk session posts, edits and deletes updates with its CSRF token; without it 403 and nothing changes", async () => {
    expect((await put(382_001, live(382_001))).status).toBe(201);
    const desk = await deskSession(TOKEN, "198.51.100.38");
    const blocks = updateBlocks("From the desk.");
    if (!blocks.ok) throw new Error(blocks.message);
    const body = JSON.stringify({ title: "Desk", body: blocks.body });
    const { "X-CSRF-Token": _, ...noCsrf } = desk.write;
    const refused = await get(`${API}/382001/updates`, noCsrf, { method: "POST", body });
    expect(refused.status).toBe(403);
    expect((await source(382_001)).updates ?? []).toEqual([]);
    const posted = await get(`${API}/382001/updates`, { ...desk.write, ...WAIT }, { method: "POST", body });
    expect(posted.status).toBe(201);
    expect(await posted.json()).toMatchObject({ n: 1, title: "Desk" });
    const edited = await get(`${API}/382001/updates/1`, desk.write, {
      method: "PUT",
      body: JSON.stringify({ body: [{ type: "paragraph", text: "Edited." }], pinned: true }),
    });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ n: 1, pinned: true, body: [{ type: "paragraph", text: "Edited." }] });
    expect((await get(`${API}/382001/updates/1`, noCsrf, { method: "DELETE" })).status).toBe(403);
    expect((await get(`${API}/382001/updates/1`, desk.write, { method: "DELETE" })).status).toBe(204);
    expect((await source(382_001)).removed).toEqual([{ n: 1, seq: 3 }]);
  });

  it("a contributor's session posts to a draft story only", async () => {
    expect((await put(382_010, live(382_010))).status).toBe(201);
    expect((await put(382_011, live(382_011, { status: "draft" }))).status).toBe(201);
    const carol = await deskSession("test-editor-carol", "198.51.100.39");
    const body = JSON.stringify({ body: [{ type: "paragraph", text: "A contributor's update." }] });
    expect((await get(`${API}/382010/updates`, carol.write, { method: "POST", body })).status).toBe(403);
    expect((await get(`${API}/382011/updates`, carol.write, { method: "POST", body })).status).toBe(201);
  });

  it("the switch: the story as stored with `live` changed, If-Match its ETag; closing keeps the updates, opening again takes new ones", async () => {
    expect((await put(382_020, sampleArticle(382_020, ["Live", "Desk"]))).status).toBe(201);
    const desk = await deskSession(TOKEN, "198.51.100.40");
    const view = await (await get(`${API}/382020?preview=1`, bearer)).json<{ source: Article; etag: string }>();
    // What the panel sends: the source without its updates, tombstones and date, `live` set.
    const { modified: _, ...story } = view.source;
    const opened = await get(
      `${API}/382020`,
      { ...desk.write, "If-Match": view.etag, ...WAIT },
      { method: "PUT", body: JSON.stringify({ ...story, live: { start: START, end: null } }) },
    );
    expect(opened.status).toBe(200);
    const upd = JSON.stringify({ body: [{ type: "paragraph", text: "One." }] });
    expect((await get(`${API}/382020/updates`, desk.write, { method: "POST", body: upd })).status).toBe(201);
    expect((await get(`${API}/382020/updates`, desk.write, { method: "POST", body: upd })).status).toBe(201);
    const now = await (await get(`${API}/382020?preview=1`, bearer)).json<{ source: Article; etag: string }>();
    const { updates: __, removed: ___, modified: ____, ...again } = now.source;
    const closed = await get(
      `${API}/382020`,
      { ...desk.write, "If-Match": now.etag, ...WAIT },
      { method: "PUT", body: JSON.stringify({ ...again, live: { start: START, end: "2020-01-03T18:00:00Z" } }) },
    );
    expect(closed.status).toBe(200);
    expect((await source(382_020)).updates?.map((u) => u.n)).toEqual([1, 2]);
    expect((await get(`${API}/382020/updates`, desk.write, { method: "POST", body: upd })).status).toBe(409);
    // A stale ETag (the one before the updates) is refused: the desk's merge flow takes it from there.
    const stale = await get(
      `${API}/382020`,
      { ...desk.write, "If-Match": view.etag },
      { method: "PUT", body: JSON.stringify({ ...again, live: { start: START, end: null } }) },
    );
    expect(stale.status).toBe(412);
  });

  it("the edit page's script has the panel", async () => {
    const desk = await deskSession(TOKEN, "198.51.100.41");
    const loader = await (await get(`${CANONICAL}/desk/desk.js`, { Cookie: desk.cookie })).text();
    const chunk = /desk-edit-page-[\w-]+\.js/.exec(loader)?.[0];
    expect(chunk).toBeTruthy();
    const script = await (await get(`${CANONICAL}/desk/${chunk}`, { Cookie: desk.cookie })).text();
    expect(script).toContain("Live coverage");
    expect(script).toContain("live-composer");
  });
});
