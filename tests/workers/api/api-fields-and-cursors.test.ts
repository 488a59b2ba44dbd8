// The app API's fields, change-feed cursors and search words as issue 23 found them, each test named after the defect.
// Ids 923201–923299 belong to this file (it shares them with other files of issue 23's findings).
import { beforeAll, describe, expect, it } from "vitest";
import { CANONICAL, get } from "../../support/helpers.ts";
import { type Media, PHOTO, storeQuayStories, WORDS } from "../../support/quay-stories.ts";

// From findings-api-integration.test.ts: Issue 23, through the Worker: structured data (item 4), one rule for photos on a mirror (6), a Persian headline (7), fields and the change feed (8, 9), refused writes (10, 11) and search (15, 16), each test named after the defect. Its stories: tests/support/quay-stories.ts.
describe("issue 23's findings, through the Worker", () => {
  let media: Media;
  const API = `${CANONICAL}/api/v1`;
  const JSON_ = { Accept: "application/json" };
  /** A client of its own, so the search rate limit counts this file's searches only. */
  const CLIENT = { ...JSON_, "cf-connecting-ip": "192.0.2.23" };

  beforeAll(async () => {
    media = await storeQuayStories();
  });

  describe("fields and the change feed (issue 23, item 8)", () => {
    it("fields= without url still gives url (an app always needs the link)", async () => {
      const list = await (await get(`${API}/articles?section=Findapi&fields=headline`, JSON_)).json<{ articles: object[] }>();
      for (const a of list.articles) expect(Object.keys(a)).toEqual(["id", "url", "headline"]);
      const one = await (await get(`${API}/articles/${PHOTO}?fields=headline`, JSON_)).json();
      expect(one).toEqual({ id: PHOTO, url: `${CANONICAL}/Detail/2021/05/01/${PHOTO}/Quay-reopens`, headline: "Quay reopens" });
    });

    it("an upsert in the change feed carries description and image, as a loaded list does", async () => {
      const changes = await (await get(`${API}/changes?since=0`, JSON_)).json<{ changes: { type: string; id: string }[] }>();
      const upsert = changes.changes.filter((c) => c.type === "upsert" && c.id === PHOTO).at(-1);
      const listed = (
        await (
          await get(`${API}/articles?section=Findapi&fields=id,url,canonicalUrl,section,headline,datePublished,dateModified,description,image`, JSON_)
        ).json<{ articles: { id: string }[] }>()
      ).articles.find((a) => a.id === PHOTO);
      expect(upsert).toEqual({ type: "upsert", time: expect.any(String), ...listed });
      expect(upsert).toMatchObject({ description: "The quay reopened.", image: { src: media.url, alt: "Ships" } });
    });

    it("/api/v1/changes has a description in the OpenAPI document", async () => {
      const doc = await (await get(`${CANONICAL}/openapi.json`)).json<{ paths: Record<string, { get: { description?: string } }> }>();
      expect(doc.paths["/api/v1/changes"].get.description).toMatch(/\?latest.*then load the lists/);
    });
  });

  describe("cursors ahead of the log, and the current cursor (issue 23, item 9)", () => {
    it("a cursor beyond the newest change is a 410 with resync, not a 200 that never syncs again", async () => {
      const res = await get(`${API}/changes?since=99999`, JSON_);
      expect(res.status).toBe(410);
      expect(await res.json()).toMatchObject({ status: 410, resync: `${CANONICAL}/api/v1/articles` });
    });

    it("?latest gives the current cursor without replaying the log; syncing from it finds later changes only", async () => {
      let all = await (await get(`${API}/changes?since=0`, JSON_)).json<{ next: string; more: boolean }>();
      while (all.more) all = await (await get(`${API}/changes?since=${all.next}`, JSON_)).json();
      const latest = await (await get(`${API}/changes?latest`, JSON_)).json<{ changes: unknown[]; next: string; more: boolean }>();
      expect(latest).toEqual({ changes: [], next: all.next, more: false });
      expect(await (await get(`${API}/changes?since=${latest.next}`, JSON_)).json()).toEqual({ changes: [], next: latest.next, more: false });
      const both = await get(`${API}/changes?latest&since=1`, JSON_);
      expect(both.status).toBe(400);
      expect((await both.json<{ errors: unknown[] }>()).errors).toEqual([{ field: "latest", message: "cannot be combined with `since`" }]);
    });
  });

  describe("search words (issue 23, items 15 and 16)", () => {
    const search = (q: string) => get(`${API}/search?q=${encodeURIComponent(q)}`, CLIENT);
    const ids = async (q: string) => (await (await search(q)).json<{ results: { id: string }[] }>()).results.map((r) => r.id);

    it("a word after the 12th is not dropped: a 13-word query is a 400 naming the limit", async () => {
      const twelve = "quokkafind one two three four five six seven eight nine ten eleven";
      expect(await ids(twelve)).toEqual([]);
      const res = await search(`quokkafind ${"w ".repeat(11)}zzqqnotthere`);
      expect(res.status).toBe(400);
      expect((await res.json<{ errors: unknown[] }>()).errors).toEqual([{ field: "q", message: "must have at most 12 words" }]);
    });

    it.each(["NEAR", "OR", "AND", "NOT"])("%s between two words is a separator, not a required word", async (operator) => {
      expect(await ids("quokkafind wombatfind")).toEqual([WORDS]);
      expect(await ids(`quokkafind ${operator} wombatfind`)).toEqual([WORDS]);
    });
  });
});
