// Lists a newsroom works from (issue 35, item 3), through the editors' API: `status=` lists narrowed
// by byline (`author`), by an editor who saved a version (`editor`: the desk's "mine") and by a
// publication time range (`from`, `to`), sorted by last change, publication time or headline; the
// desk's pickers' vocabulary (sections, bylines and tags in use, drafts' too, so a section a draft
// made is never confirmed twice). Real Newsroom and KV. Ids 660xxx, sections "Desk Lists…".
import { beforeAll, describe, expect, it } from "vitest";
import { deskSession } from "../../support/desk-session.ts";
import { CANONICAL, get, loadSeedContent, sampleArticle, TOKEN, WAIT } from "../../support/helpers.ts";

const API = `${CANONICAL}/api/v1/articles`;
const ALICE = { Authorization: "Bearer test-editor-alice", ...WAIT };
const NEWSROOM = { Authorization: `Bearer ${TOKEN}`, ...WAIT };
const put = (id: number, body: object, headers = NEWSROOM) =>
  get(`${API}/${id}`, { ...headers, "Content-Type": "application/json" }, { method: "PUT", body: JSON.stringify(body) });
const ids = async (query: string) =>
  (await (await get(`${API}?status=all&section=Desk-Lists&${query}`, NEWSROOM)).json<{ articles: { id: string }[] }>()).articles.map((a) => a.id);

beforeAll(async () => {
  await loadSeedContent();
  const story = (id: number, published: string, headline: string, authors: string[]) => ({
    ...sampleArticle(id, ["Desk Lists"], published),
    headline,
    authors: authors.map((name) => ({ name })),
    tags: ["Harbour", `Tag ${id}`],
  });
  expect((await put(660001, story(660001, "2026-01-10", "Beta story", ["Jane Doe"]))).status).toBe(201);
  expect((await put(660002, story(660002, "2026-02-10", "alpha story", ["John Roe"]), ALICE)).status).toBe(201);
  expect((await put(660003, { ...story(660003, "2026-03-10", "Gamma story", ["Jane Doe", "John Roe"]), status: "draft" })).status).toBe(201);
  expect(
    (
      await put(660004, {
        ...sampleArticle(660004, ["Desk Lists Only Drafts", "Sub"]),
        status: "draft",
        authors: [{ name: "Nadia New", url: "https://example.com/nadia" }],
      })
    ).status,
  ).toBe(201);
});

describe("the editors' list", { timeout: 60_000 }, () => {
  it("narrows by byline, by who saved a version, and by publication dates (the whole of the last day)", async () => {
    expect(await ids("author=Jane%20Doe")).toEqual(["660003", "660001"]);
    expect(await ids("editor=Alice")).toEqual(["660002"]);
    expect(await ids("from=2026-02-01&to=2026-03-10")).toEqual(["660003", "660002"]);
    expect(await ids("from=2026-02-11")).toEqual(["660003"]);
    expect(await ids("author=Nobody")).toEqual([]);
  });

  it("sorts by publication time or headline, either way, and refuses a sort it does not know", async () => {
    expect(await ids("sort=published")).toEqual(["660003", "660002", "660001"]);
    expect(await ids("sort=-published")).toEqual(["660001", "660002", "660003"]);
    expect(await ids("sort=-headline")).toEqual(["660002", "660001", "660003"]);
    const bad = await get(`${API}?status=all&sort=author`, NEWSROOM);
    expect(bad.status).toBe(400);
    expect((await bad.json<{ errors: { field: string }[] }>()).errors.map((e) => e.field)).toEqual(["sort"]);
  });

  it("says which drafts have no publication time yet", async () => {
    const { published: _, ...undated } = sampleArticle(660005, ["Desk Lists"]);
    expect((await put(660005, { ...undated, status: "draft" })).status).toBe(201);
    const list = await (await get(`${API}?status=draft&section=Desk-Lists`, NEWSROOM)).json<{ articles: { id: string; undated?: true }[] }>();
    expect(list.articles.find((a) => a.id === "660005")?.undated).toBe(true);
    expect(list.articles.find((a) => a.id === "660003")?.undated).toBeUndefined();
  });
});

describe("the desk's vocabulary", { timeout: 60_000 }, () => {
  it("has the sections, bylines and tags the stories use, drafts' too, most used first", async () => {
    const desk = await deskSession(TOKEN);
    const res = await get(`${CANONICAL}/desk/api/vocabulary`, { Cookie: desk.cookie, Accept: "application/json" });
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    const words = await res.json<{ sections: string[][]; authors: { name: string; url?: string }[]; tags: string[] }>();
    expect(words.sections).toContainEqual(["Desk Lists Only Drafts", "Sub"]);
    expect(words.sections).toContainEqual(["Desk Lists"]);
    // Two stories each: the same count goes alphabetically.
    expect(words.authors.slice(0, 2).map((a) => a.name)).toEqual(["Jane Doe", "John Roe"]);
    expect(words.authors).toContainEqual({ name: "Nadia New", url: "https://example.com/nadia" });
    expect(words.tags[0]).toBe("Harbour");
    expect(words.tags).toContain("Tag 660002");
    expect((await get(`${CANONICAL}/desk/api/vocabulary`, { Accept: "application/json" })).status).toBe(401);
  });
});
