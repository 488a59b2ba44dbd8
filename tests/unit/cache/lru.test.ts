// Edge cases that mutation testing (npm run test:mutation) showed no other test pinned: each block
// names the module, each case the behaviour a surviving mutant had changed. Plain Node.
import { describe, expect, it } from "vitest";
import { entryBytes, isolateCache } from "../../../src/reader/cache/layers.ts";
import { approxBytes, LruCache } from "../../../src/reader/cache/lru.ts";

type V = { freshUntil: number; bytes: number };
const sized = (maxBytes: number) => new LruCache<V>(maxBytes, (v) => v.bytes);
// Every entry costs its size, plus 2 bytes per key character and 64 for the slot.
const slot = (bytes: number, key = "k") => bytes + 2 * key.length + 64;

it("keeps at most maxBytes, evicting the least recently used", () => {
  const lru = sized(3 * slot(1000));
  for (const k of ["a", "b", "c"]) lru.set(k, { freshUntil: 1, bytes: 1000 });
  expect(lru.bytes).toBe(3 * slot(1000));
  expect(lru.get("a")?.bytes).toBe(1000); // a is now the most recently used
  lru.set("d", { freshUntil: 1, bytes: 1000 });
  expect(lru.get("b")).toBeUndefined();
  expect([lru.get("a"), lru.get("c"), lru.get("d")].every(Boolean)).toBe(true);
  // One large value evicts as many small ones as it needs.
  lru.set("big", { freshUntil: 1, bytes: 2500 });
  expect(lru.size).toBe(1);
  expect(lru.bytes).toBeLessThanOrEqual(3 * slot(1000));
});

it("does not keep a value larger than the whole budget, and keeps what it had", () => {
  const lru = sized(10_000);
  lru.set("a", { freshUntil: 1, bytes: 100 });
  lru.set("huge", { freshUntil: 1, bytes: 20_000 });
  expect(lru.get("huge")).toBeUndefined();
  expect(lru.get("a")?.bytes).toBe(100);
});

it("replaces an entry without growing, and forgets bytes on delete and clear", () => {
  const lru = sized(10_000);
  lru.set("a", { freshUntil: 1, bytes: 100 });
  lru.set("a", { freshUntil: 2, bytes: 300 });
  expect(lru.size).toBe(1);
  expect(lru.bytes).toBe(slot(300, "a"));
  expect(lru.get("a")?.freshUntil).toBe(2);
  lru.delete("a");
  expect(lru.get("a")).toBeUndefined();
  expect(lru.bytes).toBe(0);
  lru.set("b", { freshUntil: 1, bytes: 100 });
  lru.clear();
  expect([lru.size, lru.bytes]).toEqual([0, 0]);
});

it("keeps the hottest under a Zipf mix (s = 1.1): 1,000 of 100,000 keys serve most requests", () => {
  // Seeded: the same draws every run. Ranks drawn by inverting the Zipf CDF over 100,000 keys.
  const N = 100_000;
  const cdf = new Float64Array(N);
  let total = 0;
  for (let k = 1; k <= N; k++) cdf[k - 1] = total += k ** -1.1;
  let seed = 42;
  const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const draw = () => {
    const u = rnd() * total;
    let lo = 0;
    let hi = N - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const lru = sized(1000 * slot(1000, "key-99999"));
  let hits = 0;
  const requests = 200_000;
  for (let i = 0; i < requests; i++) {
    const key = `key-${draw()}`;
    if (lru.get(key)) hits++;
    else lru.set(key, { freshUntil: 1, bytes: 1000 });
  }
  // The top 1,000 ranks hold about 75 % of the requests; LRU gets most of that.
  expect(hits / requests).toBeGreaterThan(0.6);
  expect(lru.get("key-0")).toBeDefined(); // the hottest key is never evicted
});

it("sizes entries by their bytes and headers, and plain data roughly", () => {
  const entry = {
    body: new Uint8Array(15_000),
    etag: '"abc"',
    lastModified: 0,
    headers: [["content-type", "text/html"]] as [string, string][],
    path: "/",
    freshUntil: 0,
  };
  expect(entryBytes(entry)).toBeGreaterThan(15_000);
  expect(entryBytes(entry)).toBeLessThan(16_000);
  const cache = isolateCache(100_000);
  for (let i = 0; i < 10; i++) cache.set(`html https://www.presstv.ir article ${i}`, entry);
  expect(cache.size).toBe(6); // 100,000 bytes hold six 15 KB pages
  expect(approxBytes({ headline: "x".repeat(1000), body: [{ text: "y".repeat(2000) }] })).toBeGreaterThan(6000);
});

it("estimates plain data: strings by their units, scalars and null as 16, byte arrays by their length, containers by their parts", () => {
  expect(approxBytes("abc")).toBe(2 * 3 + 16);
  for (const scalar of [null, undefined, 7, true]) expect(approxBytes(scalar)).toBe(16);
  expect(approxBytes(new Uint8Array(100))).toBe(100 + 64);
  expect(approxBytes([])).toBe(64);
  expect(approxBytes(["ab", 1])).toBe(64 + (8 + 2 * 2 + 16) + (8 + 16));
  expect(approxBytes({ a: null, b: { c: "x" } })).toBe(64 + (8 + 16) + (8 + 64 + (8 + 2 + 16)));
});

it("keeps a value exactly as large as the whole budget, and not one byte larger", () => {
  const lru = sized(slot(1000));
  lru.set("k", { freshUntil: 1, bytes: 1000 });
  expect(lru.get("k")?.bytes).toBe(1000);
  lru.set("k", { freshUntil: 1, bytes: 1001 });
  expect(lru.get("k")).toBeUndefined();
  expect(lru.bytes).toBe(0);
});

// From edges-unit.test.ts: Edge cases that mutation testing (npm run test:mutation) showed no other test pinned: each block names the module, each case the behaviour a surviving mutant had changed. Plain Node.
describe("edge cases mutation testing found no test pinning", () => {
  // Each value counts as 10,000 bytes here, so a 25,000-byte budget holds two entries and not three.
  describe("http/lru", () => {
    it("does not grow on a miss", () => {
      const lru = new LruCache<{ freshUntil: number }>(25_000, () => 10_000);
      expect(lru.get("missing")).toBeUndefined();
      expect(lru.size).toBe(0);
    });

    it("makes a replaced entry the most recently used", () => {
      const lru = new LruCache<{ freshUntil: number }>(25_000, () => 10_000);
      lru.set("a", { freshUntil: 1 });
      lru.set("b", { freshUntil: 1 });
      lru.set("a", { freshUntil: 2 });
      lru.set("c", { freshUntil: 1 });
      expect(lru.get("b")).toBeUndefined();
      expect(lru.get("a")?.freshUntil).toBe(2);
    });

    it("clears everything", () => {
      const lru = new LruCache<{ freshUntil: number }>(25_000, () => 10_000);
      lru.set("a", { freshUntil: 1 });
      lru.clear();
      expect(lru.size).toBe(0);
    });
  });
});
