// Issue 39: a snapshot by the Newsroom Worker's Cron Trigger, then a restore of it into a fresh
// Newsroom through the admin API, as `npm run restore` sends it: every article, revision (with its
// editor, time and origin), draft, scheduled story, removal, old path and import key comes back, and
// the KV read model is derived again; the change feed goes on above the old cursor, so an app's
// cursor is answered 410 resync. A second restore is refused while the Newsroom is not empty.
import { env, exports } from "cloudflare:workers";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { type DataRecord, SnapshotCheck, type SnapshotRecord } from "../../../src/shared/snapshot-format.ts";
import { RestorePages } from "../../../scripts/content/snapshot-pages.ts";
import { alarmsUntil, capture, EDITOR, populate, wipeNewsroom } from "../../support/archive.ts";
import { CANONICAL, get, newsroomStub } from "../../support/helpers.ts";

const NIGHT = Date.UTC(2026, 11, 7, 2, 30);
const KEY = "backups/2026-12-07.jsonl.gz";
const JSON_HEADERS = { ...EDITOR, "Content-Type": "application/json" };
let made: Awaited<ReturnType<typeof populate>>;
let before: Record<string, unknown>;
let cursorBefore = "";
let records: SnapshotRecord[] = [];

type Scheduler = { scheduled(options: { scheduledTime: Date; cron: string }): Promise<unknown> };
const post = (path: string, body: unknown) => get(`${CANONICAL}/api/v1/admin/restore${path}`, JSON_HEADERS, { method: "POST", body: JSON.stringify(body) });

/** Restores `records` as the restore script does: begin, pages, finish; then the alarm moves the articles in. */
async function restore(force = false): Promise<Response> {
  const begin = await post("", { header: records[0], force });
  if (begin.status !== 201) return begin;
  const { token } = await begin.json<{ token: string }>();
  // Small pages, so an article is also sent in pieces.
  const pages = new RestorePages(2_000);
  const send = async (list: DataRecord[][]) => {
    for (const page of list) expect((await post(`/${token}`, { records: page })).status).toBe(200);
  };
  for (const r of records) if (r.t !== "snapshot" && r.t !== "part" && r.t !== "end") await send(pages.add(r));
  await send(pages.flush());
  const finish = await post(`/${token}/finish`, { end: records.at(-1) });
  expect(finish.status).toBe(202);
  await alarmsUntil(async () => (await newsroomStub().restoreStatus()) === null);
  await newsroomStub().settled();
  return finish;
}

beforeAll(async () => {
  made = await populate(390100);
  before = await capture(made.ids);
  // From KV, not `?latest`, whose answer this isolate would keep across the wipe below (a real Newsroom is never wiped under its readers).
  cursorBefore = String((JSON.parse((await env.NEWS.get("v1:changes:meta"))!) as { last: number }).last);
  // The Newsroom Worker's `scheduled` handler, as the Cron Trigger runs it (tests/support/worker.ts).
  await (exports.default as unknown as Scheduler).scheduled({ scheduledTime: new Date(NIGHT), cron: "30 2 * * *" });
  await alarmsUntil(async () => (await newsroomStub().backupStatus()).running === null);
  const object = await env.BACKUPS.get(KEY);
  expect(object).not.toBeNull();
  const check = new SnapshotCheck();
  records = new TextDecoder()
    .decode(gunzipSync(new Uint8Array(await object!.arrayBuffer())))
    .trimEnd()
    .split("\n")
    .map((line) => check.line(line));
  check.end();
  await wipeNewsroom();
}, 300_000);

describe("a nightly snapshot (issue 39)", () => {
  it("is taken by the Cron Trigger and names the night, the site and the cursor", async () => {
    expect(records[0]).toMatchObject({ t: "snapshot", format: "edge-news/snapshot", version: 1, name: "2026-12-07", trigger: "schedule", site: CANONICAL });
    expect((records[0] as { cursor: { feed: number } }).cursor.feed).toBe(Number(cursorBefore));
    const end = records.at(-1) as Extract<SnapshotRecord, { t: "end" }>;
    // Every id ever held, the removed one included; an import key; the old paths of the article and the section.
    expect(end.counts).toMatchObject({ articles: made.ids.length, imported: 1, old_paths: 3 });
    // Three content/ articles, 3 versions of the match, a draft saved twice, the scheduled story, a publication
    // and its removal, two versions and a restored one, the import.
    expect(end.counts.revisions).toBe(1 + 1 + 1 + 3 + 2 + 1 + 2 + 3 + 1);
  });

  it("holds every revision with its editor", () => {
    const article = records.find((r) => r.t === "article" && r.id === "390110") as Extract<SnapshotRecord, { t: "article" }>;
    expect(article.revisions.map((r) => [r.version, r.editor, r.kind])).toEqual([
      [1, "newsroom", "upsert"],
      [2, "Alice", "upsert"],
      [3, "newsroom", "upsert"],
    ]);
    const removed = records.find((r) => r.t === "article" && r.id === "390113") as Extract<SnapshotRecord, { t: "article" }>;
    expect(removed.current).toBeNull();
    expect(removed.revisions.map((r) => r.kind)).toEqual(["upsert", "delete"]);
  });
});

describe("a restore into a fresh Newsroom (issue 39)", () => {
  beforeAll(async () => {
    expect((await get(`${CANONICAL}/api/v1/articles/390101`, EDITOR)).status).toBe(404);
    await restore();
  }, 300_000);

  it("brings back every article, status, version, editor, revision and read-model key as they were", async () => {
    expect(await capture(made.ids)).toEqual(before);
  });

  it("answers an app's old cursor with 410 resync, and ?latest with a cursor above it", async () => {
    // This location learns the restore's feed cursor from the change channel about a second after its commit
    // (until then it may still hold the cursor the channel gave it before): at most a few seconds.
    const old = await vi.waitFor(
      async () => {
        const res = await get(`${CANONICAL}/api/v1/changes?since=${cursorBefore}`);
        if (res.status !== 410) throw new Error(`still ${res.status}`);
        return res;
      },
      { timeout: 10_000, interval: 250 },
    );
    expect(old.status).toBe(410);
    expect(await old.json()).toMatchObject({ resync: `${CANONICAL}/api/v1/articles` });
    // Its own copy (limit 5): the later test's ?latest must not be this one, cached before the second restore.
    const latest = await (await get(`${CANONICAL}/api/v1/changes?latest&limit=5`)).json<{ next: string; changes: unknown[] }>();
    expect(Number(latest.next)).toBeGreaterThan(Number(cursorBefore));
    expect(latest.changes).toEqual([]);
  });

  it("refuses a second restore into the Newsroom it filled, unless forced, and changes nothing", async () => {
    const refused = await restore();
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ status: 409, detail: expect.stringContaining("force") });
    expect(await capture(made.ids)).toEqual(before);
    await restore(true);
    expect(await capture(made.ids)).toEqual(before);
  });

  it("numbers the next public change above the restored cursor, and apps syncing from ?latest get it", async () => {
    const latest = (await (await get(`${CANONICAL}/api/v1/changes?latest`)).json<{ next: string }>()).next;
    const res = await get(
      `${CANONICAL}/api/v1/articles/390130`,
      { ...JSON_HEADERS, Prefer: "wait=30" },
      {
        method: "PUT",
        body: JSON.stringify({ section: ["News"], headline: "After the restore", published: "2026-12-07", body: [{ type: "paragraph", text: "New." }] }),
      },
    );
    expect(res.status).toBe(201);
    const synced = await (await get(`${CANONICAL}/api/v1/changes?since=${latest}`)).json<{ changes: { id: string }[]; next: string }>();
    expect(synced.changes.map((c) => c.id)).toEqual(["390130"]);
    expect(Number(synced.next)).toBe(Number(latest) + 1);
    expect(Number(latest)).toBeGreaterThan(Number(cursorBefore));
  });
});

describe("a restore refused (issue 39)", () => {
  it("answers a foreign header, a bad record, an unknown token and a short staging with a 4xx, and changes nothing live", async () => {
    const live = await capture(made.ids);
    expect((await post("", { header: { t: "snapshot", format: "wordpress" } })).status).toBe(422);
    expect((await post("", { header: records[0], force: "yes" })).status).toBe(422);
    const begun = await post("", { header: records[0], force: true });
    expect(begun.status).toBe(201);
    const { token } = await begun.json<{ token: string }>();
    const article = records.find((r) => r.t === "article")!;
    const broken = { ...article, revisions: [{ ...(article as { revisions: object[] }).revisions[0], article: { headline: "" } }] };
    const bad = await post(`/${token}`, { records: [broken] });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ detail: expect.stringMatching(/^Record 0 is refused: article \d+: revision 1 is not a valid article/) });
    expect((await post(`/${token}`, { records: "not a list" })).status).toBe(422);
    expect((await post("/00000000-0000-0000-0000-000000000000", { records: [] })).status).toBe(404);
    expect((await post(`/${token}`, { records: [article] })).status).toBe(200);
    const short = await post(`/${token}/finish`, { end: records.at(-1) });
    expect(short.status).toBe(422);
    expect(await short.json()).toMatchObject({ detail: expect.stringContaining("send every page before finishing") });
    expect(await capture(made.ids)).toEqual(live);
  });
});
