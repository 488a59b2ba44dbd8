import { expect, it } from "vitest";
import { LruCache } from "../src/http/lru.ts";

it("keeps at most maxEntries, evicting the least recently used", () => {
  const lru = new LruCache<{ freshUntil: number; v: number }>(2);
  lru.set("a", { freshUntil: 1, v: 1 });
  lru.set("b", { freshUntil: 1, v: 2 });
  expect(lru.get("a")?.v).toBe(1); // a is now the most recently used
  lru.set("c", { freshUntil: 1, v: 3 });
  expect(lru.size).toBe(2);
  expect(lru.get("b")).toBeUndefined();
  expect(lru.get("a")?.v).toBe(1);
  expect(lru.get("c")?.v).toBe(3);
});

it("replaces an entry without growing", () => {
  const lru = new LruCache<{ freshUntil: number }>(2);
  lru.set("a", { freshUntil: 1 });
  lru.set("a", { freshUntil: 2 });
  expect(lru.size).toBe(1);
  expect(lru.get("a")?.freshUntil).toBe(2);
  lru.delete("a");
  expect(lru.get("a")).toBeUndefined();
});
