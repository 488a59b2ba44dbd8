// Telling the world (issue 38): the Newsroom's IndexNow and WebSub pings (src/newsroom/pings.ts) reach a
// real local HTTP endpoint (tests/support/ping-sink.ts, started by vitest's globalSetup in Node), and
// their payloads are held to the specifications: IndexNow (https://www.indexnow.org/documentation: a
// JSON POST of host, key, keyLocation and urlList, every URL on that host) and WebSub's publisher ping
// (a form POST of hub.mode=publish and hub.url). Each test points the Newsroom's `pings.config` at its
// own path of the sink and puts the default (off) back after. The alarm is driven with
// `runDurableObjectAlarm`; waits are for what the sink received, never for a time. Ids 938000–938099.
import { env } from "cloudflare:workers";
import { createExecutionContext, runDurableObjectAlarm, runInDurableObject, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, describe, expect, inject, it } from "vitest";
import type { Newsroom } from "../../../src/newsroom/newsroom.ts";
import { pingConfig, type PingConfig, type PingStatus } from "../../../src/newsroom/pings.ts";
import { articlePath } from "../../../src/shared/model/paths.ts";
import { scopesOf } from "../../../src/shared/model/index-tree.ts";
import reader from "../../../src/reader/reader-worker.ts";
import { CANONICAL, CANONICAL_HOST, get, newsroomStub, sampleArticle } from "../../support/helpers.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pingSink: string;
  }
}

const SINK = inject("pingSink");
const KEY = "test-key-938000";

interface Received {
  path: string;
  contentType: string;
  body: string;
  at: number;
}

async function received(prefix: string): Promise<Received[]> {
  return (await fetch(`${SINK}/received?prefix=${encodeURIComponent(prefix)}`)).json();
}

/** Sets the Newsroom's ping configuration (over the default, which is off). */
async function configure(config: Partial<PingConfig>): Promise<void> {
  await runInDurableObject(newsroomStub(), (room: Newsroom) => {
    room.pings.config = { ...pingConfig(env), ...config };
  });
}

async function status(): Promise<PingStatus> {
  return runInDurableObject(newsroomStub(), (room: Newsroom) => room.pings.status());
}

/** Runs the alarm (when one is set) until `done` holds; the pings go in the alarm's `waitUntil`, so this polls. */
async function until<T>(check: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await runDurableObjectAlarm(newsroomStub());
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the sink never received what was awaited");
}

const atLeast = (prefix: string, n: number) => until(async () => ((await received(prefix)).length >= n ? received(prefix) : undefined));

async function publish(id: number, section?: string[]): Promise<string> {
  const result = await newsroomStub().publish(String(id), sampleArticle(id, section), "Alice", { waitMs: 30_000 });
  if (!("commit" in result)) throw new Error(`publish ${id}: ${JSON.stringify(result)}`);
  const stored = await newsroomStub().article(String(id));
  return CANONICAL + articlePath(stored!.article);
}

afterEach(async () => {
  await configure({});
});

describe("IndexNow", () => {
  it("sends one request for a burst of publishes, as the specification's JSON, and the removed URL after a takedown", async () => {
    // A long coalescing delay while the burst is written: nothing may go before it is over.
    await configure({ key: KEY, endpoint: `${SINK}/indexnow/batch`, delayMs: 600_000 });
    const urls: string[] = [];
    for (let id = 938001; id <= 938005; id++) urls.push(await publish(id));
    expect((await status()).pending.indexnow).toBe(5);
    await runDurableObjectAlarm(newsroomStub());
    expect(await received("/indexnow/batch")).toEqual([]);

    await configure({ key: KEY, endpoint: `${SINK}/indexnow/batch`, delayMs: 0 });
    const [request] = await atLeast("/indexnow/batch", 1);
    expect(request.contentType).toBe("application/json; charset=utf-8");
    const body = JSON.parse(request.body) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["host", "key", "keyLocation", "urlList"]);
    expect(body.host).toBe(CANONICAL_HOST);
    expect(body.key).toBe(KEY);
    expect(body.keyLocation).toBe(`${CANONICAL}/${KEY}.txt`);
    expect(new URL(body.keyLocation as string).host).toBe(CANONICAL_HOST);
    const list = body.urlList as string[];
    expect([...list].sort()).toEqual([...urls].sort());
    for (const url of list) expect(new URL(url).host).toBe(CANONICAL_HOST);
    expect(list.length).toBeLessThanOrEqual(10_000);
    // One request for the five, and none waiting.
    await until(async () => ((await status()).counts["indexnow.sent"] === 1 ? true : undefined));
    expect(await received("/indexnow/batch")).toHaveLength(1);
    expect(await status()).toMatchObject({ pending: { indexnow: 0, websub: 0 }, counts: { "indexnow.sent": 1, "indexnow.urls": 5 } });

    // A takedown: IndexNow is told the URL that now answers 410.
    expect((await newsroomStub().remove("938003", "Alice", { waitMs: 30_000 })).status).toBe(204);
    const [, takedown] = await atLeast("/indexnow/batch", 2);
    expect((JSON.parse(takedown.body) as { urlList: string[] }).urlList).toEqual([urls[2]]);
    expect((await get(urls[2])).status).toBe(410);
  });

  it("retries a 503 later, with back-off, and then counts it sent", async () => {
    const before = (await status()).counts;
    const counted = (name: string) => async () => {
      const s = await status();
      return (s.counts[name] ?? 0) > (before[name] ?? 0) ? s : undefined;
    };
    await configure({ key: KEY, endpoint: `${SINK}/indexnow/fail-once/a`, delayMs: 0, backoffMs: 400 });
    const url = await publish(938010);
    const [first] = await atLeast("/indexnow/fail-once/a", 1);
    await until(counted("indexnow.retried"));
    // Not again before its back-off: the retry's request arrives at least 400 ms after the refused one.
    const [, second] = await atLeast("/indexnow/fail-once/a", 2);
    expect(second.at - first.at).toBeGreaterThanOrEqual(400);
    expect(second.body).toBe(first.body);
    expect((JSON.parse(second.body) as { urlList: string[] }).urlList).toEqual([url]);
    const done = await until(counted("indexnow.sent"));
    expect(done.pending.indexnow).toBe(0);
    expect(await received("/indexnow/fail-once/a")).toHaveLength(2);
  });

  it("gives up after the last attempt, with the drop counted", async () => {
    await configure({ key: KEY, endpoint: `${SINK}/indexnow/fail-once/b`, delayMs: 0, backoffMs: 10, attempts: 1 });
    const dropped = (await status()).counts["indexnow.dropped"] ?? 0;
    await publish(938011);
    await atLeast("/indexnow/fail-once/b", 1);
    const s = await until(async () => {
      const now = await status();
      return now.counts["indexnow.dropped"] === dropped + 1 ? now : undefined;
    });
    expect(s.pending.indexnow).toBe(0);
    expect(await received("/indexnow/fail-once/b")).toHaveLength(1);
  });
});

describe("WebSub", () => {
  it("pings the hub for each feed that changed, as a form of hub.mode=publish and hub.url", async () => {
    const section = ["News", "Pingtest"];
    await configure({ hub: `${SINK}/hub/feeds`, delayMs: 0 });
    await publish(938020, section);
    const feeds = scopesOf(section).flatMap((scope) => ["rss", "atom"].map((f) => `${CANONICAL}${scope === "all" ? "" : `/${scope}`}/${f}.xml`));
    const requests = await atLeast("/hub/feeds", feeds.length);
    const topics: string[] = [];
    for (const r of requests) {
      expect(r.contentType).toBe("application/x-www-form-urlencoded");
      const form = new URLSearchParams(r.body);
      expect([...form.keys()].sort()).toEqual(["hub.mode", "hub.url"]);
      expect(form.get("hub.mode")).toBe("publish");
      topics.push(form.get("hub.url")!);
    }
    expect(topics.sort()).toEqual(feeds.sort());
    // Every topic is a feed the reader serves.
    for (const topic of feeds) expect((await get(topic)).status).toBe(200);
    expect((await status()).pending.websub).toBe(0);
  });
});

describe("off by default", () => {
  it("queues and sends nothing while site.toml's [indexnow] and [websub] are as shipped", async () => {
    const config = pingConfig(env);
    expect(config.key).toBe("");
    expect(config.hub).toBe("");
    const before = await status();
    await publish(938030);
    expect((await status()).pending).toEqual({ indexnow: 0, websub: 0 });
    await runDurableObjectAlarm(newsroomStub());
    expect(await status()).toEqual(before);
  });
});

/** The reader with `vars` set over the test's bindings, as site.toml would write them. */
async function readerWith(vars: Partial<Env>, url: string): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await reader.fetch(new Request(url), { ...env, ...vars } as Env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe("the reader", () => {
  it("serves the key file at the root while IndexNow is on, and no other", async () => {
    const res = await readerWith({ INDEXNOW_KEY: KEY }, `${CANONICAL}/${KEY}.txt`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await res.text()).toBe(KEY);
    expect((await readerWith({ INDEXNOW_KEY: KEY }, `${CANONICAL}/other-key-938000.txt`)).status).toBe(404);
    // Off (as shipped): no key file.
    expect((await get(`${CANONICAL}/${KEY}.txt`)).status).toBe(404);
    expect((await readerWith({ INDEXNOW_KEY: "" }, `${CANONICAL}/${KEY}.txt`)).status).toBe(404);
  });

  it("names the hub in the feeds (rel=hub beside rel=self) when one is configured", async () => {
    const hub = "https://hub.example/";
    await publish(938040, ["News", "Hubtest"]);
    const rss = await (await readerWith({ WEBSUB_HUB: hub }, `${CANONICAL}/News/Hubtest/rss.xml`)).text();
    expect(rss).toContain(`<atom:link href="${hub}" rel="hub"/>`);
    expect(rss).toContain(`<atom:link href="${CANONICAL}/News/Hubtest/rss.xml" rel="self"`);
    const atom = await (await readerWith({ WEBSUB_HUB: hub }, `${CANONICAL}/News/Hubtest/atom.xml`)).text();
    expect(atom).toContain(`<link rel="hub" href="${hub}"/>`);
    expect(atom).toContain(`<link rel="self" type="application/atom+xml" href="${CANONICAL}/News/Hubtest/atom.xml"/>`);
  });

  it("names no hub when none is configured", async () => {
    await publish(938041, ["News", "Nohub"]);
    const rss = await (await get(`${CANONICAL}/News/Nohub/rss.xml`)).text();
    expect(rss).toContain('rel="self"');
    expect(rss).not.toContain('rel="hub"');
  });
});
