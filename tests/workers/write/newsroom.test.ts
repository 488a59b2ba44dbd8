// The write side: the Newsroom Durable Object (real SQLite) as the only writer, KV (real binding) as
// its read model, over HTTP through the Worker. Concurrency, optimistic concurrency, drafts and
// scheduling, previews, revisions and editors, content loads, rebuild, and faults injected into the
// real bindings. Every test uses its own ids and sections.
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Newsroom } from "../../../src/newsroom/newsroom.ts";
import { readListing } from "../../../src/reader/read/listing.ts";
import { ROUTES } from "../../../src/reader/routes/table.ts";
import { RESERVED_SECTIONS, slugify } from "../../../src/shared/model/schema.ts";
import { CANONICAL, get, loadSeedContent, newsroomStub, sampleArticle, snapshotAll, store, TOKEN, WAIT } from "../../support/helpers.ts";

beforeAll(loadSeedContent);

const API = `${CANONICAL}/api/v1/articles`;
const auth = { Authorization: `Bearer ${TOKEN}` };
const jsonType = { "Content-Type": "application/json" };
/** In vitest.config.ts, EDITOR_TOKENS names "Alice" with the SHA-256 of this token. */
const ALICE = { Authorization: "Bearer test-editor-alice" };

/** A PUT that answers once KV has it (`Prefer: wait`), so what the test reads next shows it. */
function put(id: number | string, body: unknown, headers: Record<string, string> = {}) {
  return get(`${API}/${id}`, { ...auth, ...jsonType, ...WAIT, ...headers }, { method: "PUT", body: typeof body === "string" ? body : JSON.stringify(body) });
}
function remove(id: number | string, headers: Record<string, string> = {}) {
  return get(`${API}/${id}`, { ...auth, ...WAIT, ...headers }, { method: "DELETE" });
}

interface Summary {
  id: string;
}

/**
 * Every id of a listing scope as the read model (KV) holds it. Readers see it through caches that a
 * publish clears only for first pages (the README's freshness bound); KV is what they converge to.
 */
async function inKV(scope: string): Promise<string[]> {
  const { entries, total } = await readListing(env.NEWS, scope, 0, 10_000);
  expect(entries.length).toBe(total);
  return entries.map((e) => e.id);
}

/** Every id a JSON listing shows, walking all its pages; also checks `total` against what was walked. */
async function listed(path: string, perPage = ""): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const sep = path.includes("?") ? "&" : "?";
    const res = await get(`${CANONICAL}${path}${sep}page=${page}${perPage}`, { Accept: "application/json" });
    if (res.status === 404 && page > 1) break;
    expect(res.status, `${path} page ${page}`).toBe(200);
    const body = await res.json<{ articles: Summary[]; pages: number; total: number }>();
    ids.push(...body.articles.map((a) => a.id));
    if (page >= body.pages) {
      expect(ids.length, `${path} total`).toBe(body.total);
      break;
    }
  }
  return ids;
}

async function feedIds(path: string): Promise<string[]> {
  const xml = await (await get(CANONICAL + path)).text();
  return [...xml.matchAll(/article:(\d+)</g)].map((m) => m[1]);
}

async function sitemapIds(): Promise<string[]> {
  const xml = await (await get(CANONICAL + "/sitemaps/1.xml")).text();
  return [...xml.matchAll(/\/Detail\/\d{4}\/\d{2}\/\d{2}\/(\d+)\//g)].map((m) => m[1]);
}

/** An article dated `day` (2021-01-01 + day) so the newest-first order is known. */
function dated(id: number, section: string[], day: number) {
  const published = new Date(Date.UTC(2021, 0, 1) + day * 3_600_000).toISOString().replace(".000Z", "Z");
  return { ...sampleArticle(id, section, published) };
}

describe("100 publishes at once lose nothing", { timeout: 120_000 }, () => {
  it.each([
    ["into one section", 200_000, () => ["Wire", "Burst"]],
    ["into 10 sibling sections", 201_000, (i: number) => ["Agency", `Sib${i % 10}`]],
    ["into 10 top-level sections", 202_000, (i: number) => [`Top${i % 10}`]],
  ] as const)("%s: every one on every listing, the sitemap and the feeds", async (_, base, section) => {
    const ids = Array.from({ length: 100 }, (_, i) => base + i);
    // Each burst as its own editor (vitest.config.ts): three bursts of 100 within seconds would
    // otherwise spend one editor's whole write quota (300 per 10 s) and the rest of this file's.
    const editor = { Authorization: `Bearer test-editor-burst-${base}` };
    const answers = await Promise.all(ids.map((id, i) => put(id, dated(id, section(i), id - 200_000), editor)));
    expect(answers.map((r) => r.status)).toEqual(ids.map(() => 201));
    const want = ids.map(String);

    const everywhere = await inKV("all");
    expect(want.filter((id) => !everywhere.includes(id))).toEqual([]);
    // The front page and the API's first page (whose cached copies a publish clears) show the newest.
    const newest20 = [...want].reverse().slice(0, 20);
    const front = await (await get(CANONICAL + "/", { Accept: "application/json" })).json<{ articles: Summary[]; total: number }>();
    expect(front.articles.map((a) => a.id)).toEqual(newest20);
    expect(front.total).toBe(everywhere.length);
    const api = await (await get(`${API}`, { Accept: "application/json" })).json<{ articles: Summary[] }>();
    expect(api.articles.map((a) => a.id)).toEqual(newest20);
    const sections = [...new Set(ids.map((_, i) => section(i).join("/")))];
    expect(sections.length).toBe(section(1)[1] === "Burst" ? 1 : 10);
    for (const path of sections) {
      const members = want.filter((_, i) => section(i).join("/") === path);
      expect((await inKV(path)).sort()).toEqual(members.sort());
      // Over HTTP, every page of the section (never read before, so nothing cached) and the API's.
      expect((await listed(`/${path}`)).sort()).toEqual(members.sort());
      expect((await listed(`/api/v1/articles?section=${path}`, "&per_page=100")).sort()).toEqual(members.sort());
    }
    if (section(0).length > 1) expect((await inKV(section(0)[0])).sort()).toEqual([...want].sort());
    const inSitemap = await sitemapIds();
    expect(want.filter((id) => !inSitemap.includes(id))).toEqual([]);
    // The feeds carry the 50 newest: here the last 50 published, newest first.
    const newest50 = [...want].reverse().slice(0, 50);
    expect(await feedIds("/rss.xml")).toEqual(newest50);
    expect(await feedIds("/atom.xml")).toEqual(newest50);
  });

  it("racing corrections, then a DELETE, leave no stale entry anywhere", async () => {
    const id = 203_001;
    expect((await put(id, dated(id, ["Race", "Start"], 1))).status).toBe(201);
    const moves = [
      ["Race", "A"],
      ["Race", "B"],
      ["Other", "C"],
      ["Race", "D", "E"],
    ];
    const answers = await Promise.all(moves.map((section, i) => put(id, dated(id, section, 2 + i))));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    // Exactly one section holds it: the last committed version's.
    const final = await (await get(`${API}/${id}`, { Accept: "application/json" })).json<{ section: string[] }>();
    const holding: string[] = [];
    for (const path of ["Race/Start", "Race/A", "Race/B", "Other/C", "Race/D", "Race/D/E", "Race", "Other"])
      if ((await inKV(path)).includes(String(id))) holding.push(path);
    const prefixes = final.section.map((_, i) => final.section.slice(0, i + 1).join("/"));
    expect(holding.sort()).toEqual(prefixes.sort());
    expect((await inKV("all")).filter((x) => x === String(id))).toHaveLength(1);

    expect((await remove(id)).status).toBe(204);
    for (const scope of ["all", "Race", "Other", "Race/Start", "Race/A", "Race/B", "Other/C", "Race/D", "Race/D/E"])
      expect(await inKV(scope)).not.toContain(String(id));
    expect(await sitemapIds()).not.toContain(String(id));
  });

  it("DELETE racing PUT ends consistent in every trial: the article and every listing agree", async () => {
    for (let trial = 0; trial < 12; trial++) {
      const id = 204_000 + trial;
      expect((await put(id, dated(id, ["Duel", `T${trial}`], trial))).status).toBe(201);
      const [, putAnswer] = await Promise.all([remove(id), put(id, dated(id, ["Duel", `U${trial}`], trial))]);
      expect([200, 201]).toContain(putAnswer.status);
      const exists = (await get(`${API}/${id}`, { Accept: "application/json" })).status === 200;
      for (const scope of ["all", "Duel", `Duel/U${trial}`]) expect((await inKV(scope)).includes(String(id)), `trial ${trial}: ${scope}`).toBe(exists);
      expect(await inKV(`Duel/T${trial}`), `trial ${trial}: old section`).toEqual([]);
    }
  });
});

describe("optimistic concurrency (RFC 9110 §13.1)", () => {
  it("PUT returns the JSON representation's ETag; If-Match with it succeeds, a stale or made-up one is 412 and changes nothing", async () => {
    const id = 205_001;
    const created = await put(id, sampleArticle(id, ["Edit", "Match"]));
    expect(created.status).toBe(201);
    const etag = created.headers.get("etag")!;
    // The bytes' hash, then the version's content tag, which the Newsroom checks an If-Match against.
    expect(etag).toMatch(/^"json-[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{16}"$/);
    expect((await get(`${API}/${id}`, { Accept: "application/json" })).headers.get("etag")).toBe(etag);
    expect(created.headers.get("location")).toBe(`${API}/${id}`);

    const second = await put(id, { ...sampleArticle(id, ["Edit", "Match"]), headline: "Second" }, { "If-Match": etag });
    expect(second.status).toBe(200);
    const fresh = second.headers.get("etag")!;
    expect(fresh).not.toBe(etag);

    const before = await snapshotAll();
    for (const stale of [etag, '"json-madeupmadeupmadeupmad"', '"json-madeupmadeupmadeupma.madeupmadeupmade"', `W/${fresh}`]) {
      const res = await put(id, { ...sampleArticle(id, ["Edit", "Match"]), headline: "Lost update" }, { "If-Match": stale });
      expect(res.status).toBe(412);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
    expect((await remove(id, { "If-Match": etag })).status).toBe(412);
    expect(await snapshotAll()).toEqual(before);
    expect((await remove(id, { "If-Match": fresh })).status).toBe(204);
  });

  it("If-None-Match: * creates only a new article", async () => {
    const id = 205_002;
    expect((await put(id, sampleArticle(id, ["Edit", "None"]), { "If-None-Match": "*" })).status).toBe(201);
    const before = await snapshotAll();
    expect((await put(id, { ...sampleArticle(id, ["Edit", "None"]), headline: "Overwrite" }, { "If-None-Match": "*" })).status).toBe(412);
    expect(await snapshotAll()).toEqual(before);
    expect((await put(id, sampleArticle(id), { "If-Match": "*" })).status).toBe(200);
    expect((await put(205_003, sampleArticle(205_003), { "If-Match": "*" })).status).toBe(412);
  });
});

describe("drafts, scheduling and preview", { timeout: 30_000 }, () => {
  it("a draft is visible nowhere public; preview shows it, privately", async () => {
    const id = 206_001;
    const draft = { ...sampleArticle(id, ["Drafts"]), headline: "Secret draft", status: "draft" };
    expect((await put(id, draft)).status).toBe(201);
    const page = `/Detail/2020/01/01/${id}/Secret-draft`;
    expect((await get(CANONICAL + page)).status).toBe(404);
    expect((await get(`${API}/${id}`, { Accept: "application/json" })).status).toBe(404);
    expect(await inKV("all")).not.toContain(String(id));
    expect((await get(CANONICAL + "/Drafts", { Accept: "application/json" })).status).toBe(404);
    expect(await feedIds("/rss.xml")).not.toContain(String(id));
    expect(await sitemapIds()).not.toContain(String(id));

    expect((await get(`${API}/${id}?preview=1`)).status).toBe(401);
    const preview = await get(`${API}/${id}?preview=1`, auth);
    expect(preview.status).toBe(200);
    expect(preview.headers.get("cache-control")).toBe("private, no-store");
    const body = await preview.json<{ headline: string; status: string; previewUrl: string }>();
    expect(body).toMatchObject({ headline: "Secret draft", status: "draft" });

    const link = new URL(body.previewUrl);
    const html = await get(CANONICAL + link.pathname + link.search);
    expect(html.status).toBe(200);
    expect(html.headers.get("cache-control")).toBe("private, no-store");
    expect(html.headers.get("x-robots-tag")).toBe("noindex");
    const text = await html.text();
    expect(text).toContain('<meta name="robots" content="noindex"/>');
    expect(text).toContain("Secret draft");

    const forged = new URL(link);
    forged.searchParams.set("signature", "A".repeat(43));
    expect((await get(CANONICAL + forged.pathname + forged.search)).status).toBe(404);
    const otherId = new URL(link);
    otherId.pathname = "/preview/100001";
    expect((await get(CANONICAL + otherId.pathname + otherId.search)).status).toBe(404);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 25 * 3600 * 1000);
    expect((await get(CANONICAL + link.pathname + link.search)).status).toBe(404);
    vi.useRealTimers();
  });

  it("a scheduled article appears within 5 s of its time, with no request in between", async () => {
    const id = 206_002;
    const at = new Date(Math.ceil((Date.now() + 2_000) / 1000) * 1000);
    const published = at.toISOString().replace(".000Z", "Z");
    const path = `/Detail/${published.slice(0, 4)}/${published.slice(5, 7)}/${published.slice(8, 10)}/${id}/Sample-article-${id}`;
    expect((await put(id, sampleArticle(id, ["Scheduled"], published))).status).toBe(201);
    expect((await get(`${API}/${id}?preview=1`, auth).then((r) => r.json<{ scheduled: boolean }>())).scheduled).toBe(true);
    expect(await env.NEWS.get(`v1:article:${id}`)).toBeNull();
    expect((await get(CANONICAL + "/Scheduled", { Accept: "application/json" })).status).toBe(404);
    // No request reaches the Worker or the Newsroom until its time plus 5 s.
    await new Promise((r) => setTimeout(r, at.getTime() + 5_000 - Date.now()));
    expect(await env.NEWS.get(`v1:article:${id}`)).not.toBeNull();
    expect((await get(CANONICAL + path, { Accept: "application/json" })).status).toBe(200);
    expect(await listed("/Scheduled")).toEqual([String(id)]);
  });
});

describe("revisions and editors", () => {
  it("lists every version newest first with its editor; each can be fetched and restored with PUT", async () => {
    const id = 207_001;
    expect((await put(id, { ...sampleArticle(id, ["Revs"]), headline: "First words" })).status).toBe(201);
    expect((await put(id, { ...sampleArticle(id, ["Revs"]), headline: "Second words" }, ALICE)).status).toBe(200);
    expect((await get(`${API}/${id}/revisions`)).status).toBe(401);
    const list = await get(`${API}/${id}/revisions`, auth);
    expect(list.status).toBe(200);
    expect(list.headers.get("cache-control")).toBe("private, no-store");
    const { revisions } = await list.json<{ revisions: { version: number; editor: string; kind: string; url: string }[] }>();
    expect(revisions.map((r) => [r.version, r.editor, r.kind])).toEqual([
      [2, "Alice", "upsert"],
      [1, "newsroom", "upsert"],
    ]);
    const first = await (await get(revisions[1].url.replace(/^https?:\/\/[^/]+/, CANONICAL), auth)).json<{ article: { headline: string } }>();
    expect(first.article.headline).toBe("First words");
    expect((await put(id, first.article)).status).toBe(200);
    expect((await (await get(`${API}/${id}`, { Accept: "application/json" })).json<{ headline: string }>()).headline).toBe("First words");
    expect((await remove(id, ALICE)).status).toBe(204);
    const after = await (await get(`${API}/${id}/revisions`, auth)).json<{ revisions: { editor: string; kind: string }[] }>();
    expect(after.revisions).toHaveLength(4);
    expect(after.revisions[0]).toMatchObject({ editor: "Alice", kind: "delete" });
    expect((await get(`${API}/${id}/revisions/99`, auth)).status).toBe(404);
    expect((await get(`${API}/999999/revisions`, auth)).status).toBe(404);
  });
});

describe("input that must not get in", () => {
  it("a lone surrogate is a 422 naming the field, and nothing is stored", async () => {
    const before = await snapshotAll();
    const res = await put(208_001, `{"section":["News"],"headline":"Bad \\ud800 text","published":"2021-01-01","body":[{"type":"paragraph","text":"ok"}]}`);
    expect(res.status).toBe(422);
    expect((await res.json<{ errors: { field: string }[] }>()).errors.map((e) => e.field)).toEqual(["headline"]);
    expect(await snapshotAll()).toEqual(before);
  });

  it.each(["Detail", "api", "sitemaps", "media", "search", "preview", "All", "desk", "Desk"])("a top-level section named %s is refused", async (name) => {
    const res = await put(208_002, sampleArticle(208_002, [name, "Sub"]));
    expect(res.status).toBe(422);
    expect((await res.json<{ errors: { field: string }[] }>()).errors.map((e) => e.field)).toEqual(["section[0]"]);
  });

  it("every first path segment the route table answers is a reserved section name, so no section's menu link or feed lands on a route", () => {
    // `/desk` was not reserved: a section "desk" linked the editors' sign-in from the menu and gave /desk/rss.xml to its feed.
    const segments = new Set(ROUTES.map((r) => r.path.split("/")[1]).filter((s) => s && s !== "*" && !s.includes(".") && !s.startsWith(":")));
    expect([...segments].sort()).toEqual(expect.arrayContaining(["api", "desk", "media", "preview", "search", "sitemaps"]));
    for (const segment of segments) expect(RESERVED_SECTIONS, segment).toContain(slugify(segment).toLowerCase());
  });

  it("a 422 for 20,000 unknown keys stays a few KiB", async () => {
    const body: Record<string, unknown> = { ...sampleArticle(208_003) };
    for (let i = 0; i < 20_000; i++) body[`k${i}`] = 1;
    const res = await put(208_003, body);
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(text.length).toBeLessThan(4096);
    const problem = JSON.parse(text) as { errors: unknown[]; errorCount: number };
    expect(problem.errors).toHaveLength(20);
    expect(problem.errorCount).toBe(20_000);
  });
});

describe("content loads", () => {
  it("keep articles published through the API, and remove only content articles whose file is gone", async () => {
    const stub = newsroomStub();
    expect((await put(209_001, sampleArticle(209_001, ["Loads"]))).status).toBe(201);
    const a = sampleArticle(209_002, ["Loads"]);
    const b = sampleArticle(209_003, ["Loads"]);
    expect(await stub.loadContent([a, b], "loader", null)).toMatchObject({ created: 2, removed: 0 });
    // Loading again changes nothing and writes no revision.
    expect(await stub.loadContent([a, b], "loader", null)).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect((await stub.revisions("209002")).length).toBe(1);
    // b's file is gone: b goes; the API's article and the seed (loaded by another content load) stay.
    const seedIds = ["100001"];
    expect(await stub.loadContent([a], "loader", [...seedIds, "209002"])).toMatchObject({ removed: 1 });
    await stub.settled();
    const ids = await listed("/api/v1/articles?section=Loads");
    expect(ids.sort()).toEqual(["209001", "209002"]);
    expect((await get(`${API}/100001`, { Accept: "application/json" })).status).toBe(200);
  });

  it("an invalid article in a load changes nothing", async () => {
    const before = await snapshotAll();
    const result = await newsroomStub().loadContent([sampleArticle(209_004), { ...sampleArticle(209_005), headline: "" }], "loader", null);
    expect(result.errors).toEqual([{ field: "[1].headline", message: "must not be empty" }]);
    expect(await snapshotAll()).toEqual(before);
  });
});

describe("the read model", { timeout: 60_000 }, () => {
  it("a rebuild re-derives every KV key and the check finds no difference", async () => {
    await store(sampleArticle(210_001, ["Rebuilt"]));
    await env.NEWS.put("v1:article:210001", "damaged");
    await env.NEWS.put("v1:article:210999", JSON.stringify(sampleArticle(210_999)));
    const stub = newsroomStub();
    const damaged = await stub.checkReadModel("", 500);
    expect(damaged.different).toContain("v1:article:210001");
    const rebuilt = await stub.rebuild();
    expect(rebuilt.deleted).toBe(1);
    // One call writes a bounded batch; the alarm writes the rest.
    for (let i = 0; i < 100 && (await stub.checkReadModel("", 1)).pending > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await stub.checkReadModel("", 1)).pending).toBe(0);
    expect(await env.NEWS.get("v1:article:210999")).toBeNull();
    let after = "";
    for (;;) {
      const page = await stub.checkReadModel(after, 500);
      expect(page.missing).toEqual([]);
      expect(page.different).toEqual([]);
      if (!page.next) break;
      after = page.next;
    }
  });
});

// README, "Caching and freshness": readers renew cached copies by the Newsroom's log of recent
// writes (`v1:writes`), which names a key before it is written and says when its write completed.
describe("the log of recent writes", { timeout: 60_000 }, () => {
  const writeLog = async () => JSON.parse((await env.NEWS.get("v1:writes")) ?? "null") as { since: number; keys: Record<string, number | null> };

  it("names every key a publish put, with a time after the write, and none left in progress", async () => {
    const started = Date.now();
    expect((await put(212_001, sampleArticle(212_001, ["WriteLog"]))).status).toBe(201);
    await newsroomStub().settled();
    const log = await writeLog();
    const at = log.keys["v1:article:212001"];
    expect(at).toBeGreaterThanOrEqual(started);
    expect(at).toBeLessThanOrEqual(Date.now());
    expect(log.since).toBeLessThanOrEqual(at!);
    expect(Object.keys(log.keys).filter((k) => /^v1:index:.*WriteLog.*:meta$/i.test(k))).not.toEqual([]);
    expect(Object.values(log.keys)).not.toContain(null);
  });

  it("keeps a key in progress while KV refuses it, and completes it once the alarm has written it", async () => {
    const stub = newsroomStub();
    vi.spyOn(console, "error").mockImplementation(() => {});
    const attempts = { n: 0 };
    await runInDurableObject(stub, async (instance: Newsroom) => {
      const real = instance.kv;
      // Everything but the log itself fails, until the test puts the real binding back.
      instance.kv = new Proxy(real, {
        get(target, prop) {
          if (prop === "put" || prop === "delete")
            return (key: string, ...rest: unknown[]) => {
              if (key === "v1:writes") return (target.put as (...a: unknown[]) => Promise<void>)(key, ...rest);
              attempts.n++;
              return Promise.reject(new Error("injected KV failure"));
            };
          return Reflect.get(target, prop).bind(target);
        },
      });
      (instance as unknown as { realKV: KVNamespace }).realKV = real;
      await instance.publish("212002", sampleArticle(212_002, ["WriteLog"]), "tests");
    });
    // The drain runs in the background after the commit: wait for it to have tried (and failed).
    for (let i = 0; i < 300 && attempts.n === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(attempts.n).toBeGreaterThan(0);
    expect((await writeLog()).keys["v1:article:212002"]).toBeNull();
    expect(await env.NEWS.get("v1:article:212002")).toBeNull();
    await runInDurableObject(stub, (instance: Newsroom) => {
      instance.kv = (instance as unknown as { realKV: KVNamespace }).realKV;
    });
    // The retry is the alarm's (set a second later, doubling): nothing else writes in between.
    await stub.settled();
    expect(await env.NEWS.get("v1:article:212002")).not.toBeNull();
    expect((await writeLog()).keys["v1:article:212002"]).toBeGreaterThan(0);
  });

  it("puts the log at most once a second (KV refuses more writes to one key), however close the drains", async () => {
    const times = await runInDurableObject(newsroomStub(), async (instance: Newsroom) => {
      const real = instance.kv;
      const seen: number[] = [];
      instance.kv = new Proxy(real, {
        get(target, prop) {
          if (prop !== "put") return Reflect.get(target, prop).bind(target);
          return (key: string, ...rest: unknown[]) => {
            if (key === "v1:writes") seen.push(Date.now());
            return (target.put as (...a: unknown[]) => Promise<void>)(key, ...rest);
          };
        },
      });
      try {
        // Each waits for its own drain, so there are three drains in a row.
        for (let i = 0; i < 3; i++) await instance.publish(String(212_100 + i), sampleArticle(212_100 + i, ["WriteLog"]), "tests", { waitMs: 30_000 });
        await instance.settled();
      } finally {
        instance.kv = real;
      }
      return seen;
    });
    // Three drains in a row: their "in progress" puts, and the completion after the last.
    expect(times.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(999);
    const log = await writeLog();
    expect([212_100, 212_101, 212_102].map((id) => typeof log.keys[`v1:article:${id}`])).toEqual(["number", "number", "number"]);
  });

  it("starts over past 1,000 keys (a content load): nothing older is listed and `since` is the load's", async () => {
    const started = Date.now();
    // 400 articles in 400 sections: a record, a root and a node each, and more.
    await store(...Array.from({ length: 400 }, (_, i) => sampleArticle(213_000 + i, ["WriteLog", `Bulk${i}`])));
    const log = await writeLog();
    expect(Object.keys(log.keys).length).toBeLessThanOrEqual(1_000 + 400);
    expect(log.since).toBeGreaterThanOrEqual(started);
    expect(log.keys["v1:article:212001"]).toBeUndefined();
  });
});

describe("faults injected into the real bindings", { timeout: 30_000 }, () => {
  it("a storage failure in the middle of a commit changes nothing, in SQLite or KV", async () => {
    const stub = newsroomStub();
    const before = await snapshotAll();
    const result = await runInDurableObject(stub, async (instance: Newsroom) => {
      const real = instance.sql;
      const seen: string[] = [];
      // The first outbox row fails: the article row, its revision and its record in the model are already written.
      instance.sql = new Proxy(real, {
        get(target, prop) {
          if (prop !== "exec") return Reflect.get(target, prop);
          return (...args: Parameters<SqlStorage["exec"]>) => {
            const statement = String(args[0]);
            seen.push(statement.slice(0, 20));
            if (statement.startsWith("INSERT INTO outbox")) throw new Error("injected SQLite failure");
            return target.exec(...args);
          };
        },
      });
      try {
        const outcome = await instance.publish("211001", sampleArticle(211_001, ["Faults"]), "tests").then(
          () => "committed",
          (e: Error) => e.message,
        );
        return { outcome, wroteFirst: ["INSERT INTO article", "INSERT INTO revision", "INSERT INTO model"].every((w) => seen.some((x) => x.startsWith(w))) };
      } finally {
        instance.sql = real;
      }
    });
    expect(result).toEqual({ outcome: "injected SQLite failure", wroteFirst: true });
    expect(await snapshotAll()).toEqual(before);
  });

  it("a KV failure after the commit delays the read model; the alarm retries until KV has it", async () => {
    const stub = newsroomStub();
    vi.spyOn(console, "error").mockImplementation(() => {});
    const attempts = { n: 0 };
    const pending = await runInDurableObject(stub, async (instance: Newsroom) => {
      const real = instance.kv;
      (instance as unknown as { realKV: KVNamespace }).realKV = real;
      instance.kv = new Proxy(real, {
        get(target, prop) {
          if (prop === "put" || prop === "delete")
            return () => {
              attempts.n++;
              return Promise.reject(new Error("injected KV failure"));
            };
          return Reflect.get(target, prop).bind(target);
        },
      });
      const result = await instance.publish("211002", sampleArticle(211_002, ["Faults"]), "tests");
      return result.status === 201 ? result.pending : -1;
    });
    // Answered at the commit: every key it changed still to be written.
    expect(pending).toBeGreaterThan(0);
    for (let i = 0; i < 300 && attempts.n === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(attempts.n).toBeGreaterThan(0);
    // Committed (the Newsroom has it) but not in KV while KV fails.
    expect(await stub.article("211002")).not.toBeNull();
    expect(await env.NEWS.get("v1:article:211002")).toBeNull();
    expect((await stub.checkReadModel("", 1)).pending).toBeGreaterThan(0);
    await runInDurableObject(stub, (instance: Newsroom) => {
      instance.kv = (instance as unknown as { realKV: KVNamespace }).realKV;
    });
    // No further write: the alarm the failure set retries.
    await stub.settled();
    expect(await env.NEWS.get("v1:article:211002")).not.toBeNull();
    expect(await listed("/api/v1/articles?section=Faults")).toContain("211002");
    expect((await stub.checkReadModel("", 500)).pending).toBe(0);
  });
});
