// Conflicts merged where they can be (issue 35, item 6): the desk's rule (desk/merge.ts), run here
// in workerd on the versions the real API answers. Two editors open version 1; one fixes the
// headline, the other edits the body: the second save is a 412, and the rule merges theirs and
// mine over the version both started from, which saves with no prompt and loses neither. The same
// field changed by both is a conflict, for the editor to choose. Real Newsroom and KV. Ids 640xxx.
import { beforeAll, describe, expect, it } from "vitest";
import { type StoredArticle, storyArticle, type StoryText, storyText } from "../../../desk/article-text.ts";
import { mergeFields } from "../../../desk/merge.ts";
import { CANONICAL, get, loadSeedContent, TOKEN, WAIT } from "../../support/helpers.ts";

beforeAll(loadSeedContent);

const API = `${CANONICAL}/api/v1/articles`;
const auth = { Authorization: `Bearer ${TOKEN}`, ...WAIT };

interface View {
  etag: string;
  version: number;
  status: string;
  source: StoredArticle;
}
const open = async (id: number) => (await get(`${API}/${id}?preview=1`, auth)).json<View>();
const save = (id: number, text: StoryText, etag: string, status: "draft" | "published" = "published") => {
  const parsed = storyArticle(text, String(id), status);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const condition: Record<string, string> = etag === "*" ? { "If-None-Match": "*" } : { "If-Match": etag };
  return get(`${API}/${id}`, { ...auth, "Content-Type": "application/json", ...condition }, { method: "PUT", body: JSON.stringify(parsed.article) });
};
const fields = (text: StoryText, status: string) => ({ ...(text as unknown as Record<string, string>), status });

const first: StoryText = {
  headline: "Harbour reopns after the storm",
  description: "",
  section: "Desk Merge",
  authors: "Jane Doe",
  tags: "Harbour",
  language: "",
  slug: "harbour-reopens",
  published: "2026-03-01T08:30:00Z",
  corrections: "",
  body: "The harbour reopened on Monday.\n\nShips wait offshore.",
  seoTitle: "",
  seoDescription: "",
  socialImage: "",
};

describe("the merge rule", () => {
  it("takes each field from the side that changed it, and names the fields both changed differently", () => {
    const base = { a: "1", b: "1", c: "1", d: "1" };
    expect(mergeFields(base, { a: "mine", b: "1", c: "same", d: "mine" }, { a: "1", b: "theirs", c: "same", d: "theirs" })).toEqual({
      merged: { a: "mine", b: "theirs", c: "same", d: "mine" },
      theirs: ["b"],
      conflicts: ["d"],
    });
    expect(mergeFields(base, base, base)).toEqual({ merged: base, theirs: [], conflicts: [] });
  });
});

describe("two editors on one story", { timeout: 60_000 }, () => {
  it("a headline fix and a body edit both land, with no prompt and nothing lost", async () => {
    const created = await save(640001, first, "*");
    expect(created.status).toBe(201);
    const loaded = await open(640001);
    // Alice fixes the headline.
    const alice = { ...storyText(loaded.source), headline: "Harbour reopens after the storm" };
    expect((await save(640001, alice, loaded.etag)).status).toBe(200);
    // Bob, from the same version 1, adds a paragraph: refused, nothing overwritten.
    const bob = { ...storyText(loaded.source), body: `${first.body}\n\nSeagulls returned at noon.` };
    expect((await save(640001, bob, loaded.etag)).status).toBe(412);
    const theirs = await open(640001);
    const base = await (await get(`${API}/640001/revisions/${loaded.version}`, auth)).json<{ article: StoredArticle }>();
    const {
      merged,
      theirs: taken,
      conflicts,
    } = mergeFields(fields(storyText(base.article), "published"), fields(bob, "published"), fields(storyText(theirs.source), theirs.status));
    expect([taken, conflicts]).toEqual([["headline"], []]);
    const { status, ...text } = merged;
    expect((await save(640001, text as unknown as StoryText, theirs.etag, status as "published")).status).toBe(200);
    const final = await (await get(`${API}/640001`, { Accept: "application/json" })).json<{ headline: string; body: { text: string }[] }>();
    expect(final.headline).toBe("Harbour reopens after the storm");
    expect(final.body.map((b) => b.text)).toContain("Seagulls returned at noon.");
  });

  it("the same field changed by both is a conflict, and neither is saved over the other until the editor chooses", async () => {
    expect((await save(640002, first, "*")).status).toBe(201);
    const loaded = await open(640002);
    expect((await save(640002, { ...storyText(loaded.source), headline: "Alice's headline" }, loaded.etag)).status).toBe(200);
    const bob = { ...storyText(loaded.source), headline: "Bob's headline" };
    expect((await save(640002, bob, loaded.etag)).status).toBe(412);
    const theirs = await open(640002);
    const base = await (await get(`${API}/640002/revisions/1`, auth)).json<{ article: StoredArticle }>();
    const result = mergeFields(fields(storyText(base.article), "published"), fields(bob, "published"), fields(storyText(theirs.source), theirs.status));
    expect(result.conflicts).toEqual(["headline"]);
    expect((await (await get(`${API}/640002`, { Accept: "application/json" })).json<{ headline: string }>()).headline).toBe("Alice's headline");
  });

  it("a colleague's unpublishing is kept when the other only edited the text", async () => {
    expect((await save(640003, first, "*")).status).toBe(201);
    const loaded = await open(640003);
    expect((await save(640003, storyText(loaded.source), loaded.etag, "draft")).status).toBe(200);
    const mine = { ...storyText(loaded.source), body: `${first.body}\n\nA late paragraph.` };
    const theirs = await open(640003);
    const { merged, conflicts } = mergeFields(
      fields(storyText(loaded.source), "published"),
      fields(mine, "published"),
      fields(storyText(theirs.source), theirs.status),
    );
    expect(conflicts).toEqual([]);
    expect(merged.status).toBe("draft");
  });
});
