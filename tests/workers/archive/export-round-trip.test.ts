// Issue 39: an export read back. Every article of a populated Newsroom (sections at three depths,
// drafts, a scheduled story, a photo, corrections, several revisions, rich blocks, another language,
// an import) is paged out of the admin API and written as a content/ file (or JSON, where Markdown
// cannot carry it); a fresh Newsroom loads those files as `npm run content:local -- --dir` does, and
// every article's JSON is identical, ids included, with its status; so is the KV read model's record
// of every public one.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { ArchivePage } from "../../../src/shared/archive-answers.ts";
import { exactMarkdown } from "../../../tools/content/article-markdown.ts";
import { loadContent, type SourceFile } from "../../../tools/content/build.ts";
import { EDITOR, populate, wipeNewsroom } from "../../support/archive.ts";
import { CANONICAL, get, newsroomStub } from "../../support/helpers.ts";

let made: Awaited<ReturnType<typeof populate>>;
const before = new Map<string, { article: unknown; status: string; record: string | null }>();
const files: SourceFile[] = [];

/** Every current article through the admin API, `limit` a page, as the export pages it. */
async function exportAll(limit: number): Promise<ArchivePage["items"]> {
  const items: ArchivePage["items"] = [];
  let after = "";
  do {
    const res = await get(`${CANONICAL}/api/v1/admin/archive?limit=${limit}${after && `&after=${after}`}`, EDITOR);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const page = await res.json<ArchivePage>();
    items.push(...page.items);
    after = page.next ?? "";
  } while (after);
  return items;
}

async function current(): Promise<Map<string, { article: unknown; status: string; record: string | null }>> {
  await newsroomStub().settled();
  const out = new Map();
  for (const id of made.ids) {
    const res = await get(`${CANONICAL}/api/v1/articles/${id}`, EDITOR);
    if (res.status !== 200) continue;
    const view = await res.json<{ source: unknown; status: string; scheduled: boolean }>();
    out.set(id, { article: view.source, status: view.scheduled ? "scheduled" : view.status, record: await env.NEWS.get(`v1:article:${id}`) });
  }
  return out;
}

beforeAll(async () => {
  made = await populate(390200);
  for (const [id, state] of await current()) before.set(id, state);
  for (const { article } of await exportAll(3)) {
    const markdown = exactMarkdown(article);
    const folder = `articles/${article.section.join("/")}`;
    files.push(markdown ? { name: `${folder}/${article.id}.md`, source: markdown } : { name: `${folder}/${article.id}.json`, source: JSON.stringify(article) });
  }
  await wipeNewsroom();
  const built = loadContent(files);
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  const res = await get(
    `${CANONICAL}/api/v1/admin/content`,
    { ...EDITOR, "Content-Type": "application/json" },
    { method: "POST", body: JSON.stringify({ articles: built.value, keep: built.value.map((a) => a.id) }) },
  );
  expect(res.status).toBe(200);
}, 300_000);

describe("an export loaded into a fresh Newsroom (issue 39)", () => {
  it("pages every current article out, drafts and scheduled ones included, the removed one not", () => {
    expect(files.map((f) => f.name.match(/(\d+)\.(md|json)$/)![1]).sort()).toEqual(made.ids.filter((id) => id !== "390213").sort());
    expect(before.get("390211")?.status).toBe("draft");
    expect(before.get("390212")?.status).toBe("scheduled");
    expect(files.filter((f) => f.name.endsWith(".json"))).toEqual([]);
    expect(files.find((f) => f.name.endsWith("390211.md"))?.source).toContain("\nstatus: draft\n");
  });

  it("gives every article its JSON again, byte for byte, with its id and status, and KV the same records", async () => {
    const after = await current();
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [id, state] of before) expect(after.get(id), id).toEqual(state);
  });

  it("refuses an export page to a reader and bounds its size", async () => {
    expect((await get(`${CANONICAL}/api/v1/admin/archive`)).status).toBe(401);
    expect((await get(`${CANONICAL}/api/v1/admin/archive?limit=501`, EDITOR)).status).toBe(400);
    expect((await get(`${CANONICAL}/api/v1/admin/archive?after=x`, EDITOR)).status).toBe(400);
  });
});
