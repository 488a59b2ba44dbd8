// Issue 39: the nightly backup as the Cron Trigger runs it, against the real local R2 with faults
// injected around it. A snapshot is written in parts, one step per alarm; a step that fails is tried
// again; a night that keeps failing is reported failed, leaves no snapshot under its name and no
// parts, and the night's second trigger takes it again; a night already taken is not taken twice.
// Snapshots past the retention (BACKUP_NIGHTS) go. Editors take one on demand and download it.
// (An assembly cut off halfway makes the local runtime log "fixed-length pipe ended prematurely"
// from inside its R2 simulator: the put was aborted, which is the point.)
import { runInDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import type { Newsroom } from "../../../src/newsroom/newsroom.ts";
import type { BackupStatus } from "../../../src/shared/archive-answers.ts";
import { SnapshotCheck } from "../../../src/shared/snapshot-format.ts";
import { alarmsUntil, ALICE, EDITOR } from "../../support/archive.ts";
import { CANONICAL, get, newsroomStub, sampleArticle, store } from "../../support/helpers.ts";

type Scheduler = { scheduled(options: { scheduledTime: Date; cron: string }): Promise<unknown> };
const DAY = 86_400_000;
const nightOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** R2 as the Newsroom sees it: the real bucket, but calls `fails` picks throw, as a failing R2 would. */
function faulty(real: R2Bucket, fails: (method: string, key: string) => boolean): R2Bucket {
  return new Proxy(real, {
    get(target, prop) {
      const value = Reflect.get(target, prop);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (fails(String(prop), String(args[0]))) return Promise.reject(new Error(`injected R2 failure: ${String(prop)} ${String(args[0])}`));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** Sets the Newsroom's snapshot bucket (a faulty one, or the real one again), with small parts and no back-off wait. */
async function bucket(fails: ((method: string, key: string) => boolean) | null): Promise<void> {
  await runInDurableObject(newsroomStub(), (instance: Newsroom) => {
    // The object's own binding (one from the test's context cannot be used from the object's alarms).
    const real = (instance as unknown as { env: { BACKUPS: R2Bucket } }).env.BACKUPS;
    instance.backups = fails ? faulty(real, fails) : real;
    instance.backup.retryMs = 0;
    instance.backup.partBytes = 2_000;
  });
}

const status = () => newsroomStub().backupStatus() as Promise<BackupStatus>;
const trigger = (at: number, cron = "30 2 * * *") => (exports.default as unknown as Scheduler).scheduled({ scheduledTime: new Date(at), cron });
const idle = async () => (await status()).running === null;
async function keys(prefix: string): Promise<string[]> {
  return (await env.BACKUPS.list({ prefix })).objects.map((o) => o.key);
}

beforeAll(async () => {
  await store(...Array.from({ length: 30 }, (_, i) => sampleArticle(390300 + i, ["News", i % 2 ? "Iran" : "Syria"], `2026-0${1 + (i % 9)}-1${i % 10}`)));
}, 120_000);

describe("a night that fails (issue 39)", () => {
  // Nights within the retention (which counts back from now), so none is deleted as old; at the
  // Cron's 02:30 UTC, so the night's second trigger (two hours on) falls on the same date whatever
  // the time the test runs.
  const night = Math.floor(Date.now() / DAY) * DAY - 3 * DAY + 9_000_000;
  const key = `backups/${nightOf(night)}.jsonl.gz`;

  it("retries a failed step and still writes the whole snapshot", async () => {
    let left = 2;
    // The second part's put fails twice, then R2 takes it.
    await bucket((method, k) => method === "put" && k.endsWith("/000002") && left-- > 0);
    await trigger(night);
    await alarmsUntil(idle);
    const [done] = (await status()).recent;
    expect(done).toMatchObject({ name: nightOf(night), outcome: "complete", trigger: "schedule", key });
    expect(done.counts?.articles).toBe(30);
    const check = new SnapshotCheck();
    for (const line of new TextDecoder()
      .decode(gunzipSync(new Uint8Array(await (await env.BACKUPS.get(key))!.arrayBuffer())))
      .trimEnd()
      .split("\n"))
      check.line(line);
    expect(check.end().final.parts).toBeGreaterThan(1);
    expect(await keys("backups/.parts/")).toEqual([]);
  });

  it("after six failed tries reports the night failed, with no snapshot under its name and no parts left", async () => {
    const later = night + DAY;
    const failing = `backups/${nightOf(later)}.jsonl.gz`;
    // Every part is written; streaming them into the snapshot's key fails halfway, at the second part.
    await bucket((method, k) => method === "get" && k.endsWith("/000002"));
    await trigger(later);
    await alarmsUntil(idle);
    const [failed] = (await status()).recent;
    expect(failed).toMatchObject({ name: nightOf(later), outcome: "failed", attempts: 6, error: expect.stringContaining("injected R2 failure") });
    expect(failed.key).toBeUndefined();
    expect(await env.BACKUPS.head(failing)).toBeNull();
    expect(await keys("backups/.parts/")).toEqual([]);

    // The night's second trigger takes it again, and R2 works by then.
    await bucket(null);
    await trigger(later + 2 * 3_600_000, "30 4 * * *");
    await alarmsUntil(idle);
    expect((await status()).recent[0]).toMatchObject({ name: nightOf(later), outcome: "complete" });
    expect(await env.BACKUPS.head(failing)).not.toBeNull();
  });

  it("does not take a night again once it is complete", async () => {
    const before = (await status()).recent.length;
    await trigger(night + DAY + 2 * 3_600_000, "30 4 * * *");
    expect(await status()).toMatchObject({ running: null });
    expect((await status()).recent).toHaveLength(before);
  });
});

describe("retention (issue 39)", () => {
  it("keeps the newest 30 nights (BACKUP_NIGHTS) and removes older snapshots and stray parts", async () => {
    expect(env.BACKUP_NIGHTS).toBe(30);
    const now = Date.now();
    const old = [nightOf(now - 31 * DAY), nightOf(now - 30 * DAY), `${nightOf(now - 45 * DAY)}T10-00-00Z`];
    const kept = [nightOf(now - 29 * DAY), nightOf(now - 10 * DAY)];
    for (const name of [...old, ...kept]) await env.BACKUPS.put(`backups/${name}.jsonl.gz`, "x");
    await env.BACKUPS.put("backups/.parts/2026-01-01/000001", "x");
    await env.BACKUPS.put("backups/notes.txt", "not a snapshot");
    await bucket(null);
    await trigger(now);
    await alarmsUntil(idle);
    const left = await keys("backups/");
    for (const name of old) expect(left).not.toContain(`backups/${name}.jsonl.gz`);
    for (const name of [...kept, nightOf(now)]) expect(left).toContain(`backups/${name}.jsonl.gz`);
    expect(left).toContain("backups/notes.txt");
    expect(left.filter((k) => k.startsWith("backups/.parts/"))).toEqual([]);
  });
});

describe("a snapshot on demand (issue 39)", () => {
  it("is taken for an editor, followed, and downloaded; a contributor and a reader are refused", async () => {
    expect((await get(`${CANONICAL}/api/v1/admin/backups`, {}, { method: "POST" })).status).toBe(401);
    expect((await get(`${CANONICAL}/api/v1/admin/backups`, { Authorization: "Bearer test-editor-carol" }, { method: "POST" })).status).toBe(403);
    const started = await get(`${CANONICAL}/api/v1/admin/backups`, ALICE, { method: "POST" });
    expect(started.status).toBe(202);
    const { running } = await started.json<BackupStatus>();
    expect(running).toMatchObject({ trigger: "request", total: 30, articles: 0 });
    expect(running!.name).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z$/);
    await alarmsUntil(idle);
    const listed = await (await get(`${CANONICAL}/api/v1/admin/backups`, EDITOR)).json<BackupStatus & { restore: unknown }>();
    expect(listed.recent[0]).toMatchObject({ name: running!.name, outcome: "complete", key: `backups/${running!.name}.jsonl.gz` });
    expect(listed.restore).toBeNull();
    const file = await get(`${CANONICAL}/api/v1/admin/backups/${running!.name}`, EDITOR);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/gzip");
    expect(file.headers.get("cache-control")).toBe("private, no-store");
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(bytes).toEqual(new Uint8Array(await (await env.BACKUPS.get(`backups/${running!.name}.jsonl.gz`))!.arrayBuffer()));
    expect((await get(`${CANONICAL}/api/v1/admin/backups/${running!.name}`)).status).toBe(401);
    expect((await get(`${CANONICAL}/api/v1/admin/backups/not-a-snapshot`, EDITOR)).status).toBe(404);
  });
});
