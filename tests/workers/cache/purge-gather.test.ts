/**
 * Background purges gathered into one write per record (src/reader/cache/purge.ts `purgeSoon`), on the
 * real Cache API: a burst of writes drained by one pass purges each shared dependency once, after
 * its KV write, and each caller's `then` runs once the records are there.
 */

import { beforeEach, describe, expect, it } from "vitest";
import { forgetPurges, prepare, purgeSoon, unpurged } from "../../../src/reader/cache/purge.ts";
import { ANY_DEP } from "../../../src/shared/freshness/resources.ts";

/** The real cache of one test, counting the purge records each dependency gets. */
async function countedCache(): Promise<{ store: Cache; puts: Map<string, number> }> {
  const real = await caches.open(`gather-${crypto.randomUUID()}`);
  const puts = new Map<string, number>();
  const store = {
    match: real.match.bind(real),
    delete: real.delete.bind(real),
    put(request: RequestInfo | URL, response: Response) {
      const dep = decodeURIComponent(String(request instanceof Request ? request.url : request).split("/purged/")[1] ?? "");
      puts.set(dep, (puts.get(dep) ?? 0) + 1);
      return real.put(request, response);
    },
  } as Cache;
  return { store, puts };
}

beforeEach(() => forgetPurges());

describe("background purges gathered", () => {
  it("write each dependency's record once for a burst, purge what was built before, and run every caller's then after", async () => {
    const { store, puts } = await countedCache();
    const builtAt = Date.now() - 50;
    await prepare(["article-1", "article-2", "root"], builtAt, store);
    puts.clear();
    const ran: string[] = [];
    const first = purgeSoon(["article-1", "root"], () => ran.push(`first saw ${puts.get("root") ?? 0}`), store);
    await purgeSoon(["root", "article-2"], () => ran.push(`second saw ${puts.get("root") ?? 0}`), store);
    // The second was gathered: nothing is written until the first caller's gathering ends.
    expect(puts.size).toBe(0);
    await first;
    expect(Object.fromEntries(puts)).toEqual({ "article-1": 1, "article-2": 1, root: 1, [ANY_DEP]: 1 });
    expect(ran.sort()).toEqual(["first saw 1", "second saw 1"]);
    expect(await unpurged(["article-2"], builtAt, store)).toBe(false);
    expect(await unpurged(["root"], builtAt, store)).toBe(false);
    expect(await unpurged(["root"], Date.now() + 1, store)).toBe(true);
  });

  it("gathers anew once a gathering has written, and runs then at once when there is nothing to purge", async () => {
    const { store, puts } = await countedCache();
    await purgeSoon(["root"], () => {}, store);
    await purgeSoon(["root"], () => {}, store);
    expect(puts.get("root")).toBe(2);
    let ran = false;
    await purgeSoon([], () => (ran = true), store);
    expect(ran).toBe(true);
    expect(puts.get("root")).toBe(2);
  });
});
