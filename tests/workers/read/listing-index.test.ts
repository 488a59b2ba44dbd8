// The KV article index (src/shared/model/index-tree.ts, src/reader/read/listing.ts) against the real KV binding: order, pagination,
// scopes, incremental updates against a plain model, build = incremental, snapshot reads, failures,
// and KV reads per listing as the total grows. Each test works under its own key prefix of the real
// namespace (clearing it between tests costs more than the tests), so each starts empty. KV calls
// take milliseconds each in workerd, hence the generous timeouts.
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { type IndexStore, indexEntries, removeIndexed as removeFrom, upsertIndexed as upsertInto } from "../../../src/newsroom/read-model/tree.ts";
import { readText, StorageError } from "../../../src/reader/read/kv.ts";
import { readListing } from "../../../src/reader/read/listing.ts";
import { GARBAGE_TTL } from "../../../src/shared/freshness/policy.ts";
import type { IndexEntry } from "../../../src/shared/model/documents.ts";
import { type IndexLayout, isScope, LAYOUT, rootKey, scopesOf, sectionSlug } from "../../../src/shared/model/index-tree.ts";
import { instrumentedKV } from "../../support/helpers.ts";

let kv: KVNamespace;
let run = 0;
beforeEach(() => {
  kv = namespaced(env.NEWS, `listing-test-${++run}/`);
});

/** The real namespace with every key under `prefix`: each call goes to `real`, names rewritten. */
function namespaced(real: KVNamespace, prefix: string): KVNamespace {
  const view = {
    get: (key: string, options?: unknown) => real.get(prefix + key, options as KVNamespaceGetOptions<"text">),
    put: (key: string, value: string, options?: KVNamespacePutOptions) => real.put(prefix + key, value, options),
    delete: (key: string) => real.delete(prefix + key),
    list: async (options: KVNamespaceListOptions = {}) => {
      const page = await real.list({ ...options, prefix: prefix + (options.prefix ?? "") });
      return { ...page, keys: page.keys.map((k) => ({ ...k, name: k.name.slice(prefix.length) })) };
    },
  };
  return view as unknown as KVNamespace;
}
/**
 * The index writer on KV itself, change by change (the Newsroom keeps the same keys in SQLite and
 * copies them to KV after each commit; here every write goes straight to the real namespace, so the
 * reader sees each change at once).
 */
function kvStore(target: KVNamespace): IndexStore {
  return {
    get: (key) => readText(target, key, 60),
    put: (key, value) => target.put(key, value),
    delete: (key) => target.delete(key),
    expire: (key, value) => target.put(key, value, { expirationTtl: GARBAGE_TTL }),
  };
}
const upsertIndexed = (target: KVNamespace, entry: IndexEntry, previous?: IndexEntry | null, layout?: IndexLayout) =>
  upsertInto(kvStore(target), entry, previous, layout);
const removeIndexed = (target: KVNamespace, entry: IndexEntry, layout?: IndexLayout) => removeFrom(kvStore(target), entry, layout);

/** Small enough that a few hundred entries make a tree three or four levels deep. */
const TINY: IndexLayout = { leaf: 4, fanout: 3, head: 3 };

const SECTIONS = [["News", "Syria", "Turkey"], ["News", "Syria"], ["News", "Middle East"], ["News", "World"], ["Economy"], ["Sport", "Football", "Asia"]];

function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function entry(id: number, published: string, section: string[]): IndexEntry {
  return {
    id: String(id),
    path: `/Detail/${published.slice(0, 10).replaceAll("-", "/")}/${id}/Article-${id}`,
    headline: `Article ${id}`,
    section,
    published,
    modified: published,
  };
}

/** `n` entries with ids from `first`, dates over ~3 years: date-only (many ties) and date-times with offsets. */
function generate(n: number, seed = 1, first = 1, sections = SECTIONS): IndexEntry[] {
  const rnd = random(seed);
  return Array.from({ length: n }, (_, i) => {
    const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(rnd() * 1100) * 86_400_000).toISOString().slice(0, 10);
    const published = rnd() < 0.5 ? day : `${day}T${String(Math.floor(rnd() * 24)).padStart(2, "0")}:30:00+03:30`;
    return entry(first + i, published, sections[Math.floor(rnd() * sections.length)]);
  });
}

/** The model: what a listing must be, computed without the index. */
function expected(entries: Iterable<IndexEntry>, scope: string): IndexEntry[] {
  return [...entries]
    .filter((e) => scopesOf(e.section).includes(scope))
    .sort((a, b) => Date.parse(b.published) - Date.parse(a.published) || Number(b.id) - Number(a.id));
}

function allScopes(entries: Iterable<IndexEntry>): string[] {
  return [...new Set([...entries].flatMap((e) => scopesOf(e.section)))].sort();
}

async function write(entries: { key: string; value: string }[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 100) await Promise.all(entries.slice(i, i + 100).map((e) => kv.put(e.key, e.value)));
}

/** Index keys and values that do not expire, and the names of those that do. */
async function stored(): Promise<{ live: Record<string, string>; expiring: string[] }> {
  const live: Record<string, string> = {};
  const expiring: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await kv.list({ prefix: "v1:index:", cursor });
    for (const k of page.keys) {
      if (k.expiration) expiring.push(k.name);
      else live[k.name] = (await kv.get(k.name))!;
    }
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  return { live, expiring };
}

const ids = (entries: IndexEntry[]) => entries.map((e) => e.id);

async function expectListings(entries: Iterable<IndexEntry>, scopes: string[]): Promise<void> {
  const model = [...entries];
  for (const scope of scopes) {
    const want = expected(model, scope);
    const got = await readListing(kv, scope, 0, 100_000);
    expect(got.total, scope).toBe(want.length);
    expect(ids(got.entries), scope).toEqual(ids(want));
  }
}

describe("scopes", () => {
  it("slugs section names as URL segments", () => {
    expect(sectionSlug("Middle East")).toBe("Middle-East");
    expect(sectionSlug("Q&A")).toBe("Q-A");
    expect(sectionSlug("Économie")).toBe("Economie");
    expect(sectionSlug("Children’s Rights")).toBe("Childrens-Rights");
    expect(sectionSlug("خاورمیانه و آفریقا")).toBe("خاورمیانه-و-آفریقا");
  });

  it("lists an article in the site scope and every prefix of its section path", () => {
    expect(scopesOf(["News", "Syria", "Turkey"])).toEqual(["all", "News", "News/Syria", "News/Syria/Turkey"]);
    expect(scopesOf(["News", "Middle East"])).toEqual(["all", "News", "News/Middle-East"]);
    expect(scopesOf(["News", "News"])).toEqual(["all", "News", "News/News"]);
  });

  it("knows a scope from anything else", () => {
    for (const s of ["all", "News", "News/Middle-East", "a/b/c/d", "خاورمیانه"]) expect(isScope(s), s).toBe(true);
    for (const s of ["", "News/", "/News", "News//Syria", "a/b/c/d/e", "News:meta", "News Syria", "x".repeat(501)]) expect(isScope(s), s).toBe(false);
  });
});

describe("reading", { timeout: 60_000 }, () => {
  it("lists newest first, ties by id as numbers, date-times by their instant", async () => {
    const entries = [
      entry(9, "2021-05-01", ["News"]),
      entry(100, "2021-05-01", ["News"]),
      entry(10, "2021-05-01", ["News"]),
      entry(11, "2021-05-01T02:00:00+03:00", ["News"]), // 2021-04-30T23:00Z: older than the date-only ones
      entry(12, "2021-05-01T00:30:00Z", ["News"]),
      entry(1, "2022-01-01", ["News"]),
    ];
    await write(indexEntries(entries));
    expect(ids((await readListing(kv, "all", 0, 10)).entries)).toEqual(["1", "12", "100", "10", "9", "11"]);
  });

  it("pages of every size, from every offset, across leaf boundaries", async () => {
    const entries = generate(450);
    await write(indexEntries(entries));
    const want = ids(expected(entries, "all"));
    for (const limit of [7, 20, 99, 100, 101, 250, 450, 1000]) {
      const pages: string[] = [];
      for (let offset = 0; offset < 450; offset += limit) {
        const { entries: page, total } = await readListing(kv, "all", offset, limit);
        expect(total).toBe(450);
        expect(page.length).toBe(Math.min(limit, 450 - offset));
        pages.push(...ids(page));
      }
      expect(pages, `limit ${limit}`).toEqual(want);
    }
    const offsets = Array.from({ length: 450 }, (_, i) => i);
    const windows = await Promise.all(offsets.map((offset) => readListing(kv, "all", offset, 20)));
    for (const offset of offsets) expect(ids(windows[offset].entries), `offset ${offset}`).toEqual(want.slice(offset, offset + 20));
  });

  it("past the end, limit 0, unknown and malformed scopes are empty; bad numbers are the caller's error", async () => {
    await write(indexEntries(generate(30)));
    expect(await readListing(kv, "all", 30, 20)).toEqual({ entries: [], total: 30 });
    expect(await readListing(kv, "all", 10_000, 20)).toEqual({ entries: [], total: 30 });
    expect(await readListing(kv, "all", 3, 0)).toEqual({ entries: [], total: 30 });
    expect((await readListing(kv, "all", 25, 20)).entries).toHaveLength(5);
    expect(await readListing(kv, "Nowhere", 0, 20)).toEqual({ entries: [], total: 0 });
    expect(await readListing(kv, "News/Syria/Turkey/Idlib", 0, 20)).toEqual({ entries: [], total: 0 });
    expect(await readListing(kv, "News:meta", 0, 20)).toEqual({ entries: [], total: 0 });
    for (const [offset, limit] of [
      [-1, 20],
      [0, -1],
      [0.5, 20],
      [0, NaN],
      [0, Infinity],
    ])
      await expect(readListing(kv, "all", offset, limit)).rejects.toThrow(RangeError);
  });

  it("every section scope lists exactly its articles", async () => {
    const entries = generate(400, 7);
    await write(indexEntries(entries));
    const scopes = allScopes(entries);
    expect(scopes).toEqual([
      "Economy",
      "News",
      "News/Middle-East",
      "News/Syria",
      "News/Syria/Turkey",
      "News/World",
      "Sport",
      "Sport/Football",
      "Sport/Football/Asia",
      "all",
    ]);
    await expectListings(entries, scopes);
    const syria = expected(entries, "News/Syria");
    expect((await readListing(kv, "News/Syria", 5, 3)).entries).toEqual(syria.slice(5, 8));
  });

  it("KV failures, corrupt values and missing nodes are StorageErrors", async () => {
    const entries = generate(300);
    await write(indexEntries(entries));
    const { kv: failing, state } = instrumentedKV(kv);
    state.mode = "fail";
    await expect(readListing(failing, "all", 0, 20)).rejects.toThrow(StorageError);
    await expect(upsertIndexed(failing, entry(999, "2030-01-01", ["News"]))).rejects.toThrow(StorageError);

    const root = JSON.parse((await kv.get(rootKey("all")))!);
    const leafKey = `v1:index:all:${root.children[1][0]}`;
    // A page within the second leaf, past the entries the root repeats.
    const offset = root.children[0][1] + 5;
    expect(offset).toBeGreaterThanOrEqual(LAYOUT.head);
    const leaf = (await kv.get(leafKey))!;
    await kv.put(leafKey, JSON.stringify(JSON.parse(leaf).slice(1)));
    await expect(readListing(kv, "all", offset, 20)).rejects.toThrow(/not the index leaf/);
    await kv.delete(leafKey);
    await expect(readListing(kv, "all", offset, 20)).rejects.toThrow(/has no v1:index:all:/);
    // The front page is in the root: it does not need the damaged leaf.
    expect((await readListing(kv, "all", 0, 20)).entries).toHaveLength(20);

    await kv.put(rootKey("all"), "{not json");
    await expect(readListing(kv, "all", 0, 20)).rejects.toThrow(StorageError);
    await kv.put(rootKey("all"), JSON.stringify({ ...root, total: root.total + 1 }));
    await expect(readListing(kv, "all", 0, 20)).rejects.toThrow(/not an index root/);
  });
});

describe("writing", { timeout: 60_000 }, () => {
  it("indexEntries is byte for byte what upserting one by one, oldest first, leaves; replaced nodes expire", async () => {
    // TINY: a tree four levels deep; LAYOUT (fewer scopes, to keep it quick): leaves that split.
    for (const [layout, entries] of [
      [TINY, generate(40, 3)],
      [LAYOUT, generate(120, 3, 1, [["News"]])],
    ] as const) {
      kv = namespaced(env.NEWS, `listing-test-${++run}/`);
      for (const e of [...entries].reverse().sort((a, b) => Date.parse(a.published) - Date.parse(b.published) || +a.id - +b.id))
        await upsertIndexed(kv, e, null, layout);
      const built = Object.fromEntries(indexEntries(entries, layout).map((e) => [e.key, e.value]));
      const { live, expiring } = await stored();
      expect(live).toEqual(built);
      expect(expiring.length).toBeGreaterThan(0);
      expect(expiring.filter((k) => k in built)).toEqual([]);
    }
  });

  it("in any order, upserts give the listings of indexEntries, and no node exceeds its layout", async () => {
    const entries = generate(40, 11);
    const rnd = random(5);
    const shuffled = entries
      .map((e) => [rnd(), e] as const)
      .sort((a, b) => a[0] - b[0])
      .map(([, e]) => e);
    for (const e of shuffled) await upsertIndexed(kv, e, null, TINY);
    await expectListings(entries, allScopes(entries));
    await expectWithinLayout(TINY);
  });

  it("moves, re-dates, edits and removals keep every listing equal to the model", async () => {
    const rnd = random(99);
    const model = new Map(generate(60, 21).map((e) => [e.id, e]));
    await write(indexEntries([...model.values()], TINY));
    const touched = new Set(allScopes(model.values()));
    let next = 10_000;
    for (let step = 0; step < 30; step++) {
      const pool = [...model.values()];
      const old = pool[Math.floor(rnd() * pool.length)];
      const r = rnd();
      if (r < 0.25) {
        const e = generate(1, 1000 + step, next++)[0];
        await upsertIndexed(kv, e, null, TINY);
        model.set(e.id, e);
      } else if (r < 0.5) {
        const [moved] = generate(1, 2000 + step, Number(old.id)); // same id, new date and section
        await upsertIndexed(kv, moved, old, TINY);
        model.set(moved.id, moved);
      } else if (r < 0.7) {
        const edited = { ...old, headline: `${old.headline} (updated)`, modified: "2030-01-01" };
        await upsertIndexed(kv, edited, old, TINY);
        model.set(edited.id, edited);
      } else {
        await removeIndexed(kv, old, TINY);
        model.delete(old.id);
      }
      for (const s of allScopes(model.values())) touched.add(s);
      if (step % 10 === 9) await expectListings(model.values(), [...touched]);
    }
    const all = await readListing(kv, "all", 0, 1000);
    expect(all.entries).toEqual(expected(model.values(), "all"));
    await expectWithinLayout(TINY);
  });

  it("an upsert of an existing id with the same date replaces it; an unchanged one writes nothing", async () => {
    const entries = generate(50);
    await write(indexEntries(entries));
    const target = expected(entries, "all")[10];
    const edited = { ...target, headline: "Corrected headline" };
    await upsertIndexed(kv, edited, target);
    const after = await readListing(kv, "all", 0, 100);
    expect(after.total).toBe(50);
    expect(after.entries[10]).toEqual(edited);
    const before = await stored();
    await upsertIndexed(kv, edited, edited);
    expect(await stored()).toEqual(before);
  });

  it("an article that changes section leaves the old section's scopes and joins the new ones", async () => {
    const a = entry(1, "2024-01-01", ["News", "Syria", "Turkey"]);
    const b = entry(2, "2024-01-02", ["News", "Syria"]);
    await write(indexEntries([a, b]));
    const moved = { ...a, section: ["Sport", "Football"], published: "2024-02-01" };
    await upsertIndexed(kv, moved, a);
    expect(ids((await readListing(kv, "all", 0, 10)).entries)).toEqual(["1", "2"]);
    expect(ids((await readListing(kv, "News", 0, 10)).entries)).toEqual(["2"]);
    expect(ids((await readListing(kv, "News/Syria", 0, 10)).entries)).toEqual(["2"]);
    expect(await readListing(kv, "News/Syria/Turkey", 0, 10)).toEqual({ entries: [], total: 0 });
    expect(await kv.get(rootKey("News/Syria/Turkey"))).toBeNull();
    expect((await readListing(kv, "Sport/Football", 0, 10)).entries).toEqual([moved]);
  });

  it("remove takes an entry out of every scope; removing what is not there changes nothing", async () => {
    const entries = generate(30, 4);
    await write(indexEntries(entries, TINY));
    const gone = expected(entries, "News/Syria/Turkey")[1];
    expect(gone).toBeDefined();
    await removeIndexed(kv, gone, TINY);
    const rest = entries.filter((e) => e !== gone);
    await expectListings(rest, allScopes(entries));
    const before = await stored();
    await removeIndexed(kv, gone, TINY);
    await removeIndexed(kv, { ...gone, id: "777777" }, TINY);
    expect(await stored()).toEqual(before);
    for (const e of rest) await removeIndexed(kv, e, TINY);
    expect((await stored()).live).toEqual({});
    expect(await readListing(kv, "all", 0, 10)).toEqual({ entries: [], total: 0 });
  });

  it("a reader still holding the old root reads the old listing whole: nodes are never rewritten in place", async () => {
    const entries = generate(100, 8);
    await write(indexEntries(entries, TINY));
    const oldRoot = (await kv.get(rootKey("all")))!;
    const oldList = ids(expected(entries, "all"));
    await upsertIndexed(kv, entry(5000, "2030-01-01", ["News"]), null, TINY);
    await removeIndexed(kv, expected(entries, "all")[50], TINY);
    await upsertIndexed(kv, { ...entries[0], published: "2019-01-01" }, entries[0], TINY);
    expect((await readListing(kv, "all", 0, 1)).entries[0].id).toBe("5000");
    await kv.put(rootKey("all"), oldRoot); // what a location with the old root cached still reads
    for (let offset = 0; offset < 100; offset += 13)
      expect(ids((await readListing(kv, "all", offset, 13)).entries)).toEqual(oldList.slice(offset, offset + 13));
  });

  it("rejects duplicate ids and entries without a valid date", async () => {
    expect(() => indexEntries([entry(1, "2020-01-01", ["News"]), entry(1, "2020-01-02", ["News"])])).toThrow(/indexed twice/);
    await expect(upsertIndexed(kv, entry(1, "2020-02-30", ["News"]))).rejects.toThrow(RangeError);
    expect(GARBAGE_TTL).toBeGreaterThanOrEqual(3600);
  });
});

describe("cost", { timeout: 60_000 }, () => {
  /** KV reads for the first, middle and last page of 20 of the site and of one section. */
  async function readsPerListing(n: number): Promise<number[]> {
    kv = namespaced(env.NEWS, `listing-test-${++run}/`);
    const entries = generate(n, 42);
    await write(indexEntries(entries));
    const { kv: counted, state } = instrumentedKV(kv);
    const counts: number[] = [];
    for (const scope of ["all", "News/Syria"]) {
      const { total } = await readListing(kv, scope, 0, 0);
      for (const offset of [0, Math.floor(total / 2), total - 20]) {
        state.reads = 0;
        const { entries: page } = await readListing(counted, scope, offset, 20);
        expect(page).toHaveLength(20);
        counts.push(state.reads);
      }
    }
    return counts;
  }

  it("reads per listing stay the same from 1,000 to 20,000 articles; the front page is one read", async () => {
    const small = await readsPerListing(1_000);
    const large = await readsPerListing(20_000);
    expect(large).toEqual(small);
    expect(small[0]).toBe(1);
    expect(small[3]).toBe(1);
    expect(Math.max(...small)).toBeLessThanOrEqual(3);
  });
});

/** Every node reachable from every root holds at most `layout` items, and every count adds up (the reader checks). */
async function expectWithinLayout(layout: IndexLayout): Promise<void> {
  const { live } = await stored();
  for (const [key, value] of Object.entries(live)) {
    if (!key.endsWith(":meta")) continue;
    const root = JSON.parse(value);
    expect(root.children.length).toBeLessThanOrEqual(layout.fanout);
    const prefix = key.slice(0, -"meta".length);
    let refs: [string, number][] = root.children;
    for (let level = root.height; level >= 1; level--) {
      const next: [string, number][] = [];
      for (const [h] of refs) {
        const node = JSON.parse(live[prefix + h]);
        expect(node.length).toBeLessThanOrEqual(level === 1 ? layout.leaf : layout.fanout);
        expect(node.length).toBeGreaterThan(0);
        if (level > 1) next.push(...node);
      }
      refs = next;
    }
  }
}
