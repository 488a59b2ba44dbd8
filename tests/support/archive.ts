// A newsroom with a bit of everything an archive must carry (issue 39): sections at three depths,
// content/ articles (one with corrections, tags, authors, another language, featured), API articles
// with a photo, several revisions by two editors, a draft saved twice, a scheduled story, a removed
// one, a restored revision, rich blocks, and an import with old paths; then everything an editor and
// a reader can see of it, to compare after a round trip; and a Newsroom made empty again (storage,
// alarm, KV), as a fresh deployment's.
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import jpegUrl from "./fixtures/media/photo-1600x900.jpg?inline";
import { CANONICAL, get, newsroomStub, store, TOKEN, WAIT } from "./helpers.ts";
import { limitNewsroomKV } from "./kv-limit.ts";

export const EDITOR = { Authorization: `Bearer ${TOKEN}` };
/** In vitest.config.ts, EDITOR_TOKENS names "Alice" with the SHA-256 of this token. */
export const ALICE = { Authorization: "Bearer test-editor-alice" };
const JSON_HEADERS = { "Content-Type": "application/json", ...WAIT };

async function put(id: string, body: unknown, who = EDITOR): Promise<void> {
  const res = await get(`${CANONICAL}/api/v1/articles/${id}`, { ...who, ...JSON_HEADERS }, { method: "PUT", body: JSON.stringify(body) });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
}

const paragraph = (text: string) => ({ type: "paragraph", text });

/** Fills this file's Newsroom; ids from `base` (the caller's own range). Returns the ids it made and the import's. */
export async function populate(base: number): Promise<{ ids: string[]; oldPaths: string[] }> {
  const id = (n: number) => String(base + n);
  await store(
    {
      id: id(1),
      section: ["News", "Iran"],
      headline: "Parliament approves the budget",
      published: "2026-10-01T08:00:00+03:30",
      modified: "2026-10-02T10:00:00Z",
      authors: [{ name: "Jane Doe", url: "https://example.com/jane" }, { name: "John Roe" }],
      tags: ["Budget", "Majlis"],
      corrections: [{ date: "2026-10-02", text: "An earlier version misstated the vote." }],
      featured: true,
      body: [
        paragraph("The parliament approved the budget on Wednesday."),
        { type: "heading", text: "The vote", level: 3 },
        {
          type: "paragraph",
          text: "It passed by 180 votes to 40, said the speaker.",
          runs: [
            { text: "It passed by " },
            { text: "180 votes to 40", strong: true },
            { text: ", said " },
            { text: "the speaker", href: "https://example.com/speaker", em: true },
            { text: "." },
          ],
        },
        { type: "list", ordered: true, items: [{ text: "Oil revenue" }, { text: "Subsidies", runs: [{ text: "Subsidies", em: true }] }] },
        { type: "quote", paragraphs: [{ text: "A budget for the people." }], attribution: "The speaker" },
        { type: "embed", url: "https://www.youtube.com/watch?v=abc123", title: "The session" },
      ],
    },
    { id: id(2), section: ["Economy"], headline: "بازار نفت", language: "fa", published: "2026-10-03", body: [paragraph("قیمت نفت بالا رفت.")] },
    {
      id: id(3),
      section: ["News", "Syria", "Idlib"],
      headline: "Talks resume in Idlib",
      published: "2026-09-30",
      body: [paragraph("Talks resumed. *Not* emphasis, [not] a link, # not a heading.")],
    },
  );
  const bytes = Uint8Array.from(atob(jpegUrl.slice(jpegUrl.indexOf(",") + 1)), (c) => c.charCodeAt(0));
  const media = await (await get(`${CANONICAL}/api/v1/media`, EDITOR, { method: "POST", body: bytes })).json<{ url: string; width: number; height: number }>();
  const photo = {
    type: "figure",
    caption: "Fans at the stadium.",
    credit: "Photo by Test",
    alt: "A stand full of fans",
    src: media.url,
    width: media.width,
    height: media.height,
  };
  const match = {
    section: ["Sports", "Football"],
    headline: "Esteghlal win the derby",
    published: "2026-10-04T18:00:00Z",
    body: [photo, paragraph("Esteghlal won 2–1.")],
  };
  await put(id(10), match);
  await put(
    id(10),
    { ...match, corrections: [{ date: "2026-10-05", text: "The score was 2–1, not 3–1." }], body: [photo, paragraph("Esteghlal won 2–1 on Sunday.")] },
    ALICE,
  );
  await put(id(10), { ...match, description: "The derby, won.", body: [photo, paragraph("Esteghlal won 2–1 on Sunday night.")] });
  const draft = { section: ["Culture"], headline: "A draft about cinema", published: "2026-10-06", status: "draft", body: [paragraph("Not yet.")] };
  await put(id(11), draft, ALICE);
  await put(id(11), { ...draft, body: [paragraph("Not yet, still.")] }, ALICE);
  await put(id(12), { section: ["News", "Iran"], headline: "Election day", published: "2099-06-01T09:00:00Z", body: [paragraph("Polls open at nine.")] });
  await put(id(13), { section: ["Economy"], headline: "Withdrawn story", published: "2026-10-07", body: [paragraph("Gone soon.")] });
  expect((await get(`${CANONICAL}/api/v1/articles/${id(13)}`, { ...EDITOR, ...WAIT }, { method: "DELETE" })).status).toBe(204);
  await put(id(14), { section: ["Economy", "Energy"], headline: "Gas prices", published: "2026-10-08", body: [paragraph("Prices rose.")] });
  await put(id(14), { section: ["Economy", "Energy"], headline: "Gas prices fall", published: "2026-10-08", body: [paragraph("Prices fell.")] }, ALICE);
  expect((await get(`${CANONICAL}/api/v1/articles/${id(14)}/revisions/1/restore`, { ...EDITOR, ...WAIT }, { method: "POST" })).status).toBe(200);
  const oldPaths = ["/?p=501", "/2019/05/01/old-story/", "/category/world/"];
  const items = [
    {
      source: `test:${base}:501`,
      id: id(20),
      article: { section: ["World"], headline: "An old story", published: "2019-05-01T10:00:00+02:00", body: [paragraph("From the old site.")] },
      oldPaths: oldPaths.slice(0, 2),
    },
  ];
  const res = await get(
    `${CANONICAL}/api/v1/admin/import`,
    { ...EDITOR, "Content-Type": "application/json" },
    { method: "POST", body: JSON.stringify({ items, sections: [{ section: ["World"], oldPaths: [oldPaths[2]] }] }) },
  );
  expect(res.status).toBe(200);
  await newsroomStub().settled();
  return { ids: [1, 2, 3, 10, 11, 12, 13, 14, 20].map(id), oldPaths };
}

/**
 * Everything editors see of these articles (uncached answers: the current version with its status,
 * version, editor and time, every revision and its article; a preview link's signature aside, as it
 * is dated), and the read model in KV that readers are served from: article records, listing roots,
 * sections, the menu and old paths (not the change feed, which a restore renumbers, nor index nodes
 * a change replaced, which wait a day to be deleted).
 */
export async function capture(ids: string[]): Promise<Record<string, unknown>> {
  await newsroomStub().settled();
  const out: Record<string, unknown> = {};
  for (const id of ids) {
    const editor = await get(`${CANONICAL}/api/v1/articles/${id}`, EDITOR);
    const view = editor.status === 200 ? await editor.json<Record<string, unknown>>() : null;
    const { previewUrl: _, ...kept } = view ?? {};
    const revisions = await (await get(`${CANONICAL}/api/v1/articles/${id}/revisions`, EDITOR)).json<{ revisions: { version: number }[] }>();
    const versions = [];
    for (const r of revisions.revisions) versions.push(await (await get(`${CANONICAL}/api/v1/articles/${id}/revisions/${r.version}`, EDITOR)).json());
    out[id] = { editor: view && kept, revisions, versions };
  }
  let cursor: string | undefined;
  do {
    const page = await env.NEWS.list({ cursor });
    for (const { name } of page.keys)
      if (/^v1:(article:|old:|sections$|nav$)/.test(name) || /^v1:index:.*:meta$/.test(name)) out[`kv ${name}`] = await env.NEWS.get(name);
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  return out;
}

/** Runs the Newsroom's alarm until `done` says so (each run is one step of whatever it is doing). */
export async function alarmsUntil(done: () => Promise<boolean>, most = 500): Promise<void> {
  for (let i = 0; i < most && !(await done()); i++) await runDurableObjectAlarm(newsroomStub());
  expect(await done()).toBe(true);
}

/** An empty Newsroom again: its storage and alarm gone, the object made anew, and KV emptied. */
export async function wipeNewsroom(): Promise<void> {
  await runInDurableObject(newsroomStub(), async (_instance, state) => {
    await state.storage.deleteAlarm();
    await state.storage.deleteAll();
  });
  await evictDurableObject(newsroomStub());
  let cursor: string | undefined;
  do {
    const page = await env.NEWS.list({ cursor });
    for (const k of page.keys) await env.NEWS.delete(k.name);
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  await limitNewsroomKV();
}
