// Index nodes a change replaced (src/newsroom/read-model/garbage.ts): left in KV exactly as they were, with no
// second copy written, for readers holding an older root; deleted by a drain pass once a day has
// passed; never deleted when the tree holds them again; none left behind for good, a rebuild's included. Real Newsroom, real KV (behind the
// one-write-a-second limit), the real alarm. Ids 440xxx, sections of their own.
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Newsroom } from "../../../src/newsroom/newsroom.ts";
import { GARBAGE_TTL } from "../../../src/shared/freshness/policy.ts";
import type { Root } from "../../../src/shared/model/index-tree.ts";
import { CANONICAL, get, newsroomStub, sampleArticle, TOKEN, WAIT } from "../../support/helpers.ts";

const API = `${CANONICAL}/api/v1/articles`;
const write = (id: number, body: unknown) =>
  get(`${API}/${id}`, { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json", ...WAIT }, { method: "PUT", body: JSON.stringify(body) });
const remove = (id: number) => get(`${API}/${id}`, { Authorization: `Bearer ${TOKEN}`, ...WAIT }, { method: "DELETE" });

/** The keys of a scope's leaves (its trees here are one level deep), as KV holds its root. */
async function leaves(scope: string): Promise<string[]> {
  const root = JSON.parse((await env.NEWS.get(`v1:index:${scope}:meta`))!) as Root;
  expect(root.height).toBe(1);
  return root.children.map(([hash]) => `v1:index:${scope}:${hash}`);
}

/** Every KV put the Newsroom makes while `work` runs (a recording wrapper of its real binding). */
async function putsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const stub = newsroomStub();
  const puts: string[] = [];
  await runInDurableObject(stub, (instance: Newsroom) => {
    const real = instance.kv;
    (instance as unknown as { unwrapped: KVNamespace }).unwrapped = real;
    instance.kv = new Proxy(real, {
      get(target, prop) {
        if (prop !== "put") return Reflect.get(target, prop).bind(target);
        return (key: string, ...rest: unknown[]) => {
          puts.push(key);
          return (target.put as (...a: unknown[]) => Promise<void>)(key, ...rest);
        };
      },
    });
  });
  try {
    await work();
    await stub.settled();
  } finally {
    await runInDurableObject(stub, (instance: Newsroom) => {
      instance.kv = (instance as unknown as { unwrapped: KVNamespace }).unwrapped;
    });
  }
  return puts;
}

const garbage = (keys: string[]) =>
  runInDurableObject(newsroomStub(), (instance: Newsroom) =>
    instance.sql
      .exec<{ key: string; due: number }>("SELECT key, due FROM garbage WHERE key IN (SELECT value FROM json_each(?))", JSON.stringify(keys))
      .toArray(),
  );
/**
 * Makes a scope's replaced nodes due now, as if a day had passed, then runs the Newsroom's alarm
 * (the drain), which is set for the earliest due time at the latest.
 */
async function aDayLater(scope: string): Promise<void> {
  await runInDurableObject(newsroomStub(), async (instance: Newsroom, state) => {
    const first = instance.sql.exec<{ due: number }>("SELECT min(due) AS due FROM garbage").one().due;
    const alarm = await state.storage.getAlarm();
    expect(alarm).not.toBeNull();
    expect(alarm!).toBeLessThanOrEqual(first);
    instance.sql.exec("UPDATE garbage SET due = ? WHERE key LIKE ?", Date.now() - 1, `v1:index:${scope}:%`);
  });
  expect(await runDurableObjectAlarm(newsroomStub())).toBe(true);
  await newsroomStub().settled();
}

describe("replaced index nodes", { timeout: 60_000 }, () => {
  it("stay in KV as they were, with no second copy put, for a day; then a drain deletes them", async () => {
    expect((await write(440_001, sampleArticle(440_001, ["Garbage1"]))).status).toBe(201);
    expect((await write(440_002, sampleArticle(440_002, ["Garbage1"]))).status).toBe(201);
    const [old] = await leaves("Garbage1");
    const oldValue = await env.NEWS.get(old);
    expect(JSON.parse(oldValue!).map((e: { id: string }) => e.id)).toEqual(["440002", "440001"]);

    const before = Date.now();
    const puts = await putsDuring(() => write(440_001, { ...sampleArticle(440_001, ["Garbage1"]), headline: "Corrected" }));
    const after = Date.now();
    const [now] = await leaves("Garbage1");
    expect(now).not.toBe(old);
    expect(puts).toContain(now);
    expect(puts).not.toContain(old);
    // Readers holding the old root still read the old leaf, unchanged and not expiring.
    expect(await env.NEWS.get(old)).toBe(oldValue);
    const listed = await env.NEWS.list({ prefix: old });
    expect(listed.keys.map((k) => [k.name, k.expiration])).toEqual([[old, undefined]]);
    const [row] = await garbage([old]);
    expect(row.due).toBeGreaterThanOrEqual(before + GARBAGE_TTL * 1000);
    expect(row.due).toBeLessThanOrEqual(after + GARBAGE_TTL * 1000);
    // Garbage is not KV lagging behind: the read model check has nothing pending.
    expect((await newsroomStub().checkReadModel("v1:index:Garbage1", 50)).pending).toBe(0);

    await aDayLater("Garbage1");
    expect(await env.NEWS.get(old)).toBeNull();
    expect(await garbage([old])).toEqual([]);
    expect(JSON.parse((await env.NEWS.get(now))!)[1].headline).toBe("Corrected");
  });

  it("a node made again before it is due (the same entries: the same name) is live, and never deleted", async () => {
    expect((await write(440_011, sampleArticle(440_011, ["Garbage2"]))).status).toBe(201);
    const [alone] = await leaves("Garbage2");
    expect((await write(440_012, sampleArticle(440_012, ["Garbage2"]))).status).toBe(201);
    const [both] = await leaves("Garbage2");
    expect(both).not.toBe(alone);
    expect(await garbage([alone])).toHaveLength(1);

    expect((await remove(440_012)).status).toBe(204);
    expect(await leaves("Garbage2")).toEqual([alone]);
    expect(await garbage([alone])).toEqual([]);

    expect(await garbage([both])).toHaveLength(1);
    await aDayLater("Garbage2");
    expect(await env.NEWS.get(both)).toBeNull();
    expect(await env.NEWS.get(alone)).not.toBeNull();
    const res = await get(`${CANONICAL}/api/v1/articles?section=Garbage2`, { Accept: "application/json" });
    expect((await res.json<{ articles: { id: string }[] }>()).articles.map((a) => a.id)).toEqual(["440011"]);
  });

  it("a node replaced while its first put is in flight is KV's, so it is noted to be deleted", async () => {
    const stub = newsroomStub();
    type Held = { unwrapped: KVNamespace; held: string[]; release: () => void };
    // The Newsroom's puts of Garbage3's nodes wait until the test lets them go.
    await runInDurableObject(stub, (instance: Newsroom) => {
      const held = instance as unknown as Held;
      const real = instance.kv;
      const gate = new Promise<void>((resolve) => (held.release = resolve));
      held.unwrapped = real;
      held.held = [];
      instance.kv = new Proxy(real, {
        get(target, prop) {
          if (prop !== "put") return Reflect.get(target, prop).bind(target);
          return async (key: string, ...rest: unknown[]) => {
            if (key.startsWith("v1:index:Garbage3:") && !key.endsWith(":meta")) {
              held.held.push(key);
              await gate;
            }
            return (target.put as (...a: unknown[]) => Promise<void>)(key, ...rest);
          };
        },
      });
    });
    const plain = (id: number) =>
      get(
        `${API}/${id}`,
        { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
        { method: "PUT", body: JSON.stringify(sampleArticle(id, ["Garbage3"])) },
      );
    const heldKeys = () => runInDurableObject(stub, (instance: Newsroom) => [...(instance as unknown as Held).held]);
    try {
      expect((await plain(440_021)).status).toBe(201);
      for (let i = 0; i < 300 && (await heldKeys()).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      const [first] = await heldKeys();
      expect(first).toMatch(/^v1:index:Garbage3:/);
      // Replaced by the next commit while its put is still on its way: KV may have it by now (or after
      // a crash), so it is garbage from this commit on, not a put to drop.
      expect((await plain(440_022)).status).toBe(201);
      expect(await garbage([first])).toHaveLength(1);
    } finally {
      await runInDurableObject(stub, (instance: Newsroom) => {
        const held = instance as unknown as Held;
        held.release();
        instance.kv = held.unwrapped;
      });
    }
    await stub.settled();
    expect(await env.NEWS.get((await heldKeys())[0])).not.toBeNull();
    expect(await garbage(await heldKeys())).toHaveLength(1);
    expect(await leaves("Garbage3")).not.toContain((await heldKeys())[0]);
  });

  it("after a rebuild every node of a scope in KV is in the trees or waits to be deleted", async () => {
    expect((await write(440_031, sampleArticle(440_031, ["Garbage4"]))).status).toBe(201);
    expect((await write(440_032, { ...sampleArticle(440_032, ["Garbage4"]), headline: "Changed since" })).status).toBe(201);
    const stub = newsroomStub();
    const [before] = await leaves("Garbage4");
    // What a rebuild is for: the stored article differs from what KV was derived from (here by hand).
    await runInDurableObject(stub, (instance: Newsroom) => {
      instance.sql.exec("UPDATE article SET data = json_set(data, '$.headline', 'Repaired') WHERE id = '440032'");
    });
    await stub.rebuild();
    await stub.settled();
    expect(await leaves("Garbage4")).not.toContain(before);
    expect(await env.NEWS.get(before)).not.toBeNull();
    const inKV = (await env.NEWS.list({ prefix: "v1:index:Garbage4:" })).keys.map((k) => k.name).filter((k) => !k.endsWith(":meta"));
    expect(inKV.length).toBeGreaterThan(0);
    const accounted = await runInDurableObject(stub, (instance: Newsroom) =>
      instance.sql
        .exec<{ key: string }>("SELECT key FROM model WHERE key LIKE 'v1:index:Garbage4:%' UNION SELECT key FROM garbage WHERE key LIKE 'v1:index:Garbage4:%'")
        .toArray()
        .map((r) => r.key),
    );
    for (const key of inKV) expect(accounted, key).toContain(key);
  });
});
