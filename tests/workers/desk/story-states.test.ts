// States that cannot surprise (issue 35, item 1), through the API the desk uses: restoring a removed
// story brings it back as a draft unless republishing is asked for (`?status=published`); restoring
// a version of a live story keeps it live; a story sent without `published` keeps its time, or is
// dated when it is published (a draft saved without one stays undated, not dated by the save); a
// story sent without a standfirst has it derived from its opening each time, never frozen; a slug
// changed moves the story, and its old address redirects to the new. Real Newsroom and KV. Ids 650xxx.
import { beforeAll, describe, expect, it } from "vitest";
import { CANONICAL, get, loadSeedContent, sampleArticle, TOKEN, WAIT } from "../../support/helpers.ts";

beforeAll(loadSeedContent);

const API = `${CANONICAL}/api/v1/articles`;
const auth = { Authorization: `Bearer ${TOKEN}`, ...WAIT };
const json = { ...auth, "Content-Type": "application/json" };
const put = (id: number, body: unknown) => get(`${API}/${id}`, json, { method: "PUT", body: JSON.stringify(body) });
const view = async (id: number) =>
  (await get(`${API}/${id}?preview=1`, auth)).json<{
    status: string;
    scheduled: boolean;
    source: Record<string, unknown>;
    url: string;
    datePublished: string;
  }>();
const publicStatus = async (id: number) => (await get(`${API}/${id}`, { Accept: "application/json" })).status;
const restore = (id: number, version: number, query = "") => get(`${API}/${id}/revisions/${version}/restore${query}`, auth, { method: "POST" });

describe("restoring a removed story", { timeout: 60_000 }, () => {
  it("brings it back as a draft, off the site, unless republishing is chosen", async () => {
    expect((await put(650001, sampleArticle(650001, ["Desk States"]))).status).toBe(201);
    expect((await get(`${API}/650001`, auth, { method: "DELETE" })).status).toBe(204);
    // Removed: 410 Gone; back as a draft: 404 (it may come back).
    expect(await publicStatus(650001)).toBe(410);
    const back = await restore(650001, 1);
    expect(back.status).toBe(201);
    expect(back.headers.get("Newsroom-Status")).toBe("draft");
    expect(await publicStatus(650001)).toBe(404);
    expect((await view(650001)).status).toBe("draft");

    expect((await put(650002, sampleArticle(650002, ["Desk States"]))).status).toBe(201);
    const path = new URL((await view(650002)).url).pathname;
    expect((await get(`${API}/650002`, auth, { method: "DELETE" })).status).toBe(204);
    const republished = await restore(650002, 1, "?status=published");
    expect(republished.headers.get("Newsroom-Status")).toBe("published");
    expect(await publicStatus(650002)).toBe(200);
    // At its old address: the date of its publication, not of the restore.
    expect(new URL((await view(650002)).url).pathname).toBe(path);
  });

  it("refuses a state it does not know with a 422, changing nothing", async () => {
    expect((await put(650003, sampleArticle(650003, ["Desk States"]))).status).toBe(201);
    const res = await restore(650003, 1, "?status=live");
    expect(res.status).toBe(422);
    expect((await res.json<{ errors: { field: string }[] }>()).errors.map((e) => e.field)).toEqual(["status"]);
    expect((await get(`${API}/650003/revisions`, auth).then((r) => r.json<{ revisions: unknown[] }>())).revisions).toHaveLength(1);
  });

  it("keeps a live story live when an older version is restored, even a version that was a draft", async () => {
    expect((await put(650004, { ...sampleArticle(650004, ["Desk States"]), headline: "First, a draft", status: "draft" })).status).toBe(201);
    expect((await put(650004, { ...sampleArticle(650004, ["Desk States"]), headline: "Then published" })).status).toBe(200);
    const res = await restore(650004, 1);
    expect(res.headers.get("Newsroom-Status")).toBe("published");
    expect(await publicStatus(650004)).toBe(200);
    expect((await view(650004)).source.headline).toBe("First, a draft");
  });
});

describe("the publication time", { timeout: 60_000 }, () => {
  const { published: _, ...undatedSample } = sampleArticle(650101, ["Desk States"]);

  it("of a draft saved without one is not chosen (undated), and a publication dates it then", async () => {
    const started = Date.now();
    expect((await put(650101, { ...undatedSample, status: "draft" })).status).toBe(201);
    const draft = await view(650101);
    expect(draft.source.undated).toBe(true);
    // Saved again without a time: still undated, and no new version (nothing changed).
    const again = await put(650101, { ...undatedSample, status: "draft" });
    expect(again.headers.get("Newsroom-Version")).toBe("1");
    const live = await put(650101, undatedSample);
    expect(live.headers.get("Newsroom-Status")).toBe("published");
    const published = await view(650101);
    expect(published.source.undated).toBeUndefined();
    expect(Date.parse(published.datePublished)).toBeGreaterThanOrEqual(Math.floor(started / 1000) * 1000);
  });

  it("of a live story sent without one is kept: an update never moves its date or address", async () => {
    expect((await put(650102, sampleArticle(650102, ["Desk States"]))).status).toBe(201);
    const before = await view(650102);
    const { published: __, ...rest } = { ...sampleArticle(650102, ["Desk States"]), headline: "Sample article 650102" };
    const res = await put(650102, { ...rest, body: [{ type: "paragraph", text: "A corrected paragraph." }] });
    expect(res.status).toBe(200);
    const after = await view(650102);
    expect([after.datePublished, after.url]).toEqual([before.datePublished, before.url]);
    expect(await publicStatus(650102)).toBe(200);
  });
});

describe("the standfirst", { timeout: 60_000 }, () => {
  it("left out is derived from the opening paragraph on every save, so an edit of the opening reaches it", async () => {
    const article = (text: string) => ({ ...sampleArticle(650201, ["Desk States"]), body: [{ type: "paragraph", text }] });
    expect((await put(650201, article("The first opening."))).status).toBe(201);
    expect((await put(650201, article("A better opening."))).status).toBe(200);
    const read = await (await get(`${API}/650201`, { Accept: "application/json" })).json<{ description: string }>();
    expect(read.description).toBe("A better opening.");
  });
});

describe("a slug edited", { timeout: 60_000 }, () => {
  it("moves the story to its new address, and the old one redirects there", async () => {
    expect((await put(650301, { ...sampleArticle(650301, ["Desk States"]), slug: "old-words" })).status).toBe(201);
    expect((await put(650301, { ...sampleArticle(650301, ["Desk States"]), slug: "new-words" })).status).toBe(200);
    const old = await get(`${CANONICAL}/Detail/2020/01/01/650301/old-words`);
    expect(old.status).toBe(301);
    expect(old.headers.get("Location")).toBe(`${CANONICAL}/Detail/2020/01/01/650301/new-words`);
    expect((await get(`${CANONICAL}/Detail/2020/01/01/650301/new-words`)).status).toBe(200);
  });
});
